package dev.parley.channels.vk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.Fixtures;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VK on the Callback API's payloads and messages.send")
class VkAdapterTest {
  private static final ClientRef CLIENT = new ClientRef(Channel.VKONTAKTE, "612444319");
  private final MockWebServer server = new MockWebServer();
  private VkAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    server.start(0);
    adapter = VkAdapter.builder(123456789, "community-token", "test-callback-secret", "a1b2c3d4")
        .baseUrl(server.url("/").toString())
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(1)))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private InboundResult receive(String fixture) {
    return adapter.receive(InboundRequest.builder("POST", URI.create("/vk")).body(Fixtures.bytes("vk/" + fixture)).build());
  }

  @Test
  @DisplayName("both forms of the confirmation request get the confirmation string")
  void confirmation() {
    assertThat(receive("confirmation.json")).isEqualTo(new InboundResult.Handshake(HttpReply.text("a1b2c3d4")));
    assertThat(receive("confirmation-v5.199.json")).isEqualTo(new InboundResult.Handshake(HttpReply.text("a1b2c3d4")));
  }

  @Test
  @DisplayName("message_new becomes a client message, answered with exactly what VK expects")
  void messageNew() {
    var delivery = (InboundResult.Delivery) receive("message_new.json");

    assertThat(delivery.reply().body()).isEqualTo(Fixtures.text("vk/event-response-body.txt"));
    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m -> {
      assertThat(m.id()).isEqualTo("da1b15e9f6d0c3c8a0c937e048cdd3e2b43794d0");
      assertThat(m.client()).isEqualTo(CLIENT);
      assertThat(m.text()).isEqualTo("Здравствуйте! Где мой заказ 42?");
      assertThat(m.at()).isEqualTo(Instant.ofEpochSecond(1763719200));
    });
  }

  @Test
  @DisplayName("VK's retry of the same event is dropped by its event_id")
  void redelivery() {
    receive("message_new.json");

    var again = (InboundResult.Delivery) receive("message_new.json");

    assertThat(again.items()).isEmpty();
    assertThat(again.reply().body()).isEqualTo("ok");
  }

  @Test
  @DisplayName("group chats and the community's own replies give nothing")
  void notClientConversations() {
    String chat = "{\"type\":\"message_new\",\"group_id\":123456789,\"event_id\":\"e1\",\"secret\":\"test-callback-secret\","
        + "\"object\":{\"message\":{\"date\":1,\"from_id\":5,\"peer_id\":2000000001,\"id\":1,\"text\":\"hi all\"}}}";
    String reply = "{\"type\":\"message_reply\",\"group_id\":123456789,\"event_id\":\"e2\",\"secret\":\"test-callback-secret\","
        + "\"object\":{\"date\":1,\"from_id\":-123456789,\"peer_id\":5,\"id\":2,\"text\":\"we said\"}}";

    for (String body : List.of(chat, reply)) {
      var delivery = (InboundResult.Delivery) adapter.receive(
          InboundRequest.builder("POST", URI.create("/vk")).body(body.getBytes(StandardCharsets.UTF_8)).build());
      assertThat(delivery.items()).isEmpty();
    }
  }

  @Test
  @DisplayName("a text goes to messages.send as a form with a random_id and the API version")
  void send() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"response\":42}").build());

    SendOutcome outcome = adapter.send(Outgoing.of(CLIENT, new OutboundMessage.Text("Ваш заказ в пути")))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new SendOutcome.Sent("42", 1));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/method/messages.send");
    String form = URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
    assertThat(form).contains("peer_id=612444319", "v=5.199", "access_token=community-token", "message=Ваш заказ в пути")
        .containsPattern("random_id=\\d+");
  }

  @Test
  @DisplayName("flood control in a 200 answer is retried; a permission error is refused")
  void errorsInside200() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"error\":{\"error_code\":9,\"error_msg\":\"Flood control\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"response\":43}").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .body("{\"error\":{\"error_code\":901,\"error_msg\":\"Can't send messages for users without permission\"}}").build());

    assertThat(adapter.send(Outgoing.of(CLIENT, new OutboundMessage.Text("a"))).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(new SendOutcome.Sent("43", 2));
    assertThat(adapter.send(Outgoing.of(CLIENT, new OutboundMessage.Text("b"))).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.reason()).contains("901"));
  }

  @Test
  @DisplayName("a photo arrives as its largest copy by width times height, wherever VK lists it")
  void largestPhoto() {
    var delivery = (InboundResult.Delivery) adapter.receive(InboundRequest.builder("POST", URI.create("/vk"))
        .body(Fixtures.resource("vk/message_new-photo.json")).build());

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m ->
        assertThat(m.attachments()).singleElement().satisfies(a -> {
          assertThat(a.kind()).isEqualTo(dev.parley.core.channel.MediaKind.IMAGE);
          assertThat(a.reference()).isEqualTo("https://sun9-1.userapi.com/impg/photo-z.jpg");
        }));
  }
}
