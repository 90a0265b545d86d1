package dev.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.channels.widget.WidgetAdapter;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's wiring of WhatsApp and web chat works as shown")
class ReadmeExampleTest {
  private final List<InboundItem> engine = new ArrayList<>();
  private final List<Outgoing> sockets = new ArrayList<>();

  /** The README's webhook handler: the reply to send, or the refusal's status. */
  private HttpReply handle(ChannelAdapter adapter, InboundRequest request) {
    try {
      InboundResult result = adapter.receive(request);
      if (result instanceof InboundResult.Delivery delivery) {
        delivery.items().forEach(engine::add);
      }
      return result.reply();
    } catch (ChannelException refused) {
      return new HttpReply(200, "text/plain", "refused " + refused.httpStatus());
    }
  }

  @Test
  @DisplayName("a WhatsApp message and a web chat start reach the engine; a forged request does not")
  void wiring() {
    Set<ClientRef> blacklist = Set.of();
    Predicate<ClientRef> blocked = blacklist::contains;
    WhatsAppAdapter whatsApp = WhatsAppAdapter.builder("106540352242922", "token", Fixtures.APP_SECRET, "meatyhamhock")
        .blocked(blocked).build();
    WidgetAdapter webChat = WidgetAdapter.webChat()
        .transport(outgoing -> {
          sockets.add(outgoing);
          return CompletableFuture.completedFuture(new SendOutcome.Sent("", 1));
        })
        .blocked(blocked).build();

    byte[] text = Fixtures.bytes("whatsapp/incoming-text.json");
    handle(whatsApp, InboundRequest.builder("POST", URI.create("/wa"))
        .header("X-Hub-Signature-256", Fixtures.hubSignature("whatsapp/incoming-text.signature.txt")).body(text).build());
    handle(webChat, InboundRequest.builder("POST", URI.create("/chat"))
        .body("{\"type\":\"start\",\"id\":\"e-1\",\"visitor\":\"v-1\",\"name\":\"Jana\"}".getBytes()).build());
    HttpReply forged = handle(whatsApp, InboundRequest.builder("POST", URI.create("/wa"))
        .header("X-Hub-Signature-256", "sha256=00").body(text).build());

    assertThat(engine).hasExactlyElementsOfTypes(dev.parley.core.channel.ClientMessage.class, InboundItem.ClientArrived.class);
    assertThat(forged.body()).isEqualTo("refused 403");
  }
}
