package dev.parley.channels.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.GroupId;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.BlockedClientException;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The widget channels: web chat, video call, callback and invitation codes")
class WidgetAdapterTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final List<Outgoing> toBrowser = new ArrayList<>();
  private final ManualClock clock = new ManualClock(NOW);

  private WidgetAdapter.Builder configure(WidgetAdapter.Builder b) {
    return b.clock(clock).transport(o -> {
      toBrowser.add(o);
      return CompletableFuture.completedFuture(new SendOutcome.Sent("", 1));
    });
  }

  private static InboundRequest event(String json) {
    return InboundRequest.builder("POST", URI.create("/widget")).body(json.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static InboundItem only(InboundResult result) {
    List<InboundItem> items = ((InboundResult.Delivery) result).items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  @DisplayName("a web chat start carries everything the widget knows into the entry")
  void start() {
    WidgetAdapter chat = configure(WidgetAdapter.webChat()).build();

    InboundItem item = only(chat.receive(event("""
        {"type":"start","id":"e-1","visitor":"visitor-8f2c","name":"Jana","language":"cs","widget":"support",
         "pageUrl":"https://shop.example/cart","group":"sales","parameters":{"plan":"gold"},"unknown":[1,2]}""")));

    assertThat(item).isInstanceOfSatisfying(InboundItem.ClientArrived.class, a -> {
      assertThat(a.client()).isEqualTo(new ClientRef(Channel.WEB_CHAT, "visitor-8f2c"));
      assertThat(a.at()).isEqualTo(NOW);
      assertThat(a.entry().name()).contains("Jana");
      assertThat(a.entry().language()).contains("cs");
      assertThat(a.entry().widget()).contains("support");
      assertThat(a.entry().pageUrl()).contains("https://shop.example/cart");
      assertThat(a.entry().group()).contains(GroupId.of("sales"));
      assertThat(a.entry().parameters()).containsEntry("plan", "gold");
    });
  }

  @Test
  @DisplayName("a video call can start with an invitation code; a bad code is malformed")
  void invitation() {
    WidgetAdapter video = configure(WidgetAdapter.videoCall()).build();

    InboundItem item = only(video.receive(event("{\"type\":\"start\",\"id\":\"e-1\",\"visitor\":\"v-1\",\"invitationCode\":\"042137\"}")));

    assertThat(item).isInstanceOfSatisfying(InboundItem.ClientArrived.class, a -> {
      assertThat(a.entry().channel()).isEqualTo(Channel.VIDEO_CALL);
      assertThat(a.entry().invitationCode()).contains("042137");
    });
    assertThatThrownBy(() -> video.receive(event("{\"type\":\"start\",\"id\":\"e-2\",\"visitor\":\"v-1\",\"invitationCode\":\"12\"}")))
        .isInstanceOf(MalformedPayloadException.class);
  }

  @Test
  @DisplayName("a callback request is known by its phone number and needs no transport")
  void callback() {
    WidgetAdapter callback = WidgetAdapter.callback().clock(clock).build();

    InboundItem item = only(callback.receive(event("{\"type\":\"start\",\"id\":\"c-1\",\"phone\":\"+420777123456\",\"name\":\"Jana\"}")));

    assertThat(item.client()).isEqualTo(new ClientRef(Channel.CALLBACK, "+420777123456"));
    assertThat(callback.capabilities().outbound()).isEmpty();
    assertThatThrownBy(() -> callback.receive(event("{\"type\":\"message\",\"id\":\"c-2\",\"phone\":\"+1\",\"text\":\"hi\"}")))
        .isInstanceOf(MalformedPayloadException.class);
  }

  @Test
  @DisplayName("a blocked visitor cannot even start, and the widget is told why")
  void blocked() {
    WidgetAdapter chat = configure(WidgetAdapter.webChat())
        .blocked(c -> c.identifier().equals("troll")).build();

    assertThatThrownBy(() -> chat.receive(event("{\"type\":\"start\",\"id\":\"e-1\",\"visitor\":\"troll\"}")))
        .isInstanceOfSatisfying(BlockedClientException.class, e -> {
          assertThat(e.client()).isEqualTo(new ClientRef(Channel.WEB_CHAT, "troll"));
          assertThat(e.httpStatus()).isEqualTo(403);
        });
  }

  @Test
  @DisplayName("typing and leaving are events; unknown event types are ignored")
  void otherEvents() {
    WidgetAdapter chat = configure(WidgetAdapter.webChat()).build();

    var delivery = (InboundResult.Delivery) chat.receive(event("""
        {"events":[{"type":"typing","id":"t-1","visitor":"v"},{"type":"confetti","id":"x-1"},
                   {"type":"leave","id":"l-1","visitor":"v"}]}"""));

    assertThat(delivery.items()).hasExactlyElementsOfTypes(InboundItem.Typing.class, InboundItem.ClientLeft.class);
  }

  @Test
  @DisplayName("outbound messages go to the transport; cards only on web chat")
  void outbound() {
    WidgetAdapter chat = configure(WidgetAdapter.webChat()).build();
    WidgetAdapter video = configure(WidgetAdapter.videoCall()).build();
    ClientRef visitor = new ClientRef(Channel.WEB_CHAT, "v");
    var card = new OutboundMessage.Card("Hi", "", null, List.of());

    chat.send(Outgoing.of(visitor, new OutboundMessage.Text("Hello"))).toCompletableFuture().join();
    chat.send(Outgoing.of(visitor, card)).toCompletableFuture().join();
    SendOutcome onVideo = video.send(Outgoing.of(visitor, card)).toCompletableFuture().join();

    assertThat(toBrowser).extracting(o -> o.message().kind()).containsExactly(OutboundMessage.Kind.TEXT, OutboundMessage.Kind.CARD);
    assertThat(onVideo).isEqualTo(new SendOutcome.Unsupported(OutboundMessage.Kind.CARD));
  }

  @Test
  @DisplayName("web chat and video call need a transport")
  void needsTransport() {
    assertThatThrownBy(() -> WidgetAdapter.webChat().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("transport");
  }
}
