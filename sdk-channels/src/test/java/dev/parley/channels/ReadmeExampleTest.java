package dev.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.channels.widget.WidgetAdapter;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's wiring of WhatsApp and web chat works as shown")
class ReadmeExampleTest {
  private final List<Outgoing> sockets = new ArrayList<>();

  /** The README's webhook handler: the status it answers. */
  private static int handle(ChannelGateway gateway, Channel channel, InboundRequest request) {
    try {
      return gateway.receive(channel, request).toCompletableFuture().join().status();
    } catch (ChannelException refused) {
      return refused.httpStatus();
    }
  }

  @Test
  @DisplayName("a WhatsApp message and a web chat start reach the engine; a forged request does not")
  void wiring() {
    try (Parley parley = Parley.builder().sameThread().build()) {
      TenantId acme = TenantId.of("acme");
      GroupId sales = GroupId.of("sales");
      parley.tenant(acme).defineGroup(GroupSpec.builder(sales).build()).join();
      parley.tenant(acme).configure(TenantSettings.builder().defaultGroup(sales).build()).join();
      OperatorId alice = OperatorId.of("alice");
      parley.tenant(acme).defineOperator(OperatorSpec.builder(alice).group(sales)
          .channel(Channel.WHATSAPP, 3).channel(Channel.WEB_CHAT, 3).build()).join();
      parley.tenant(acme).setStatus(alice, OperatorStatus.ONLINE).join();

      Predicate<ClientRef> blocked = ChannelGateway.blacklist(parley, acme);
      ChannelGateway gateway = ChannelGateway.builder(parley, acme)
          .adapter(WhatsAppAdapter.builder("106540352242922", "token", Fixtures.APP_SECRET, "meatyhamhock")
              .blocked(blocked).build())
          .adapter(WidgetAdapter.webChat()
              .transport(outgoing -> {
                sockets.add(outgoing);
                return CompletableFuture.completedFuture(new SendOutcome.Sent("", 1));
              })
              .blocked(blocked).build())
          .build();

      byte[] text = Fixtures.bytes("whatsapp/incoming-text.json");
      int ok = handle(gateway, Channel.WHATSAPP, InboundRequest.builder("POST", URI.create("/wa"))
          .header("X-Hub-Signature-256", Fixtures.hubSignature("whatsapp/incoming-text.signature.txt")).body(text).build());
      handle(gateway, Channel.WEB_CHAT, InboundRequest.builder("POST", URI.create("/chat"))
          .body("{\"type\":\"start\",\"id\":\"e-1\",\"visitor\":\"v-1\",\"name\":\"Jana\"}".getBytes(StandardCharsets.UTF_8))
          .build());
      int forged = handle(gateway, Channel.WHATSAPP, InboundRequest.builder("POST", URI.create("/wa"))
          .header("X-Hub-Signature-256", "sha256=00").body(text).build());

      assertThat(ok).isEqualTo(200);
      assertThat(parley.storage().sessions().live("acme")).extracting(r -> r.channel())
          .containsExactlyInAnyOrder("WHATSAPP", "WEB_CHAT");
      assertThat(forged).isEqualTo(403);
    }
  }
}
