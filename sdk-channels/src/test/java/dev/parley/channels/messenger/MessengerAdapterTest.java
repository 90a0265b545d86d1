package dev.parley.channels.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.Fixtures;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.net.URI;
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

@DisplayName("Messenger on Meta's own payloads and API")
class MessengerAdapterTest {
  private static final ClientRef PSID = new ClientRef(Channel.MESSENGER, "<PSID>");
  private final MockWebServer server = new MockWebServer();
  private MessengerAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    server.start(0);
    adapter = MessengerAdapter.builder("page-token", Fixtures.APP_SECRET, "verify-me")
        .baseUrl(server.url("/v23.0/").toString()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The documented single event, byte for byte, inside the page envelope. */
  private List<InboundItem> event(String fixture) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Fixtures.bytes("messenger/" + fixture));
    body.writeBytes("]}]}".getBytes(StandardCharsets.UTF_8));
    return ((InboundResult.Delivery) adapter.receive(Fixtures.metaPost("/m", body.toByteArray()))).items();
  }

  @Test
  @DisplayName("the signed POST of a text message becomes a client message")
  void webhookPost() {
    InboundRequest request = InboundRequest.builder("POST", URI.create("/m"))
        .header("X-Hub-Signature-256", Fixtures.hubSignature("messenger/webhook-post-text.signature.txt"))
        .body(Fixtures.bytes("messenger/webhook-post-text.json")).build();

    var delivery = (InboundResult.Delivery) adapter.receive(request);

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m -> {
      assertThat(m.id()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
      assertThat(m.client()).isEqualTo(new ClientRef(Channel.MESSENGER, "1254459154682919"));
      assertThat(m.text()).isEqualTo("hello, world!");
      assertThat(m.at()).isEqualTo(Instant.ofEpochMilli(1458692752478L));
    });
  }

  @Test
  @DisplayName("a quick reply keeps its text; a reply names the message it answers")
  void textAndReply() {
    assertThat(event("messages-event-text.json")).singleElement()
        .isInstanceOfSatisfying(ClientMessage.class, m -> assertThat(m.text()).isEqualTo("hello, world!"));
    assertThat(event("messages-event-reply.json")).singleElement().isInstanceOfSatisfying(ClientMessage.class,
        m -> assertThat(m.replyTo()).contains("m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU"));
  }

  @Test
  @DisplayName("an attachment of a type not known yet is still a file by URL")
  void attachment() {
    byte[] entry = Fixtures.bytes("messenger/messages-entry-attachment.json");
    byte[] body = ("{\"object\":\"page\",\"entry\":[" + new String(entry, StandardCharsets.UTF_8) + "]}").getBytes(StandardCharsets.UTF_8);

    var items = ((InboundResult.Delivery) adapter.receive(Fixtures.metaPost("/m", body))).items();

    assertThat(items).singleElement().isInstanceOfSatisfying(ClientMessage.class, m ->
        assertThat(m.attachments()).singleElement().satisfies(a -> {
          assertThat(a.kind()).isEqualTo(MediaKind.FILE);
          assertThat(a.reference()).isEqualTo("<ATTACHMENT_URL>");
        }));
  }

  @Test
  @DisplayName("deliveries name their messages; reads give the watermark")
  void receipts() {
    assertThat(event("message-deliveries-event.json")).singleElement().isInstanceOfSatisfying(Receipt.class, r -> {
      assertThat(r.status()).isEqualTo(Receipt.Status.DELIVERED);
      assertThat(r.client()).isEqualTo(PSID);
      assertThat(r.messageIds()).containsExactly("mid.1458668856218:ed81099e15d3f4f233");
    });
    assertThat(event("message-reads-event.json")).singleElement().isInstanceOfSatisfying(Receipt.class, r -> {
      assertThat(r.status()).isEqualTo(Receipt.Status.READ);
      assertThat(r.upTo()).isEqualTo(Instant.ofEpochMilli(1458668856253L));
      assertThat(r.at()).isEqualTo(Instant.ofEpochMilli(1458668856463L));
    });
  }

  @Test
  @DisplayName("the page's own echoed messages are skipped")
  void echo() {
    String body = "{\"object\":\"page\",\"entry\":[{\"messaging\":[{\"sender\":{\"id\":\"page\"},\"recipient\":{\"id\":\"1\"},"
        + "\"timestamp\":1,\"message\":{\"is_echo\":true,\"mid\":\"m-echo\",\"text\":\"we said\"}}]}]}";

    var delivery = (InboundResult.Delivery) adapter.receive(Fixtures.metaPost("/m", body.getBytes()));

    assertThat(delivery.items()).isEmpty();
  }

  private RecordedRequest sent(OutboundMessage message) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"recipient_id\":\"1\",\"message_id\":\"m.out\"}").build());
    assertThat(adapter.send(Outgoing.of(PSID, message)).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(new SendOutcome.Sent("m.out", 1));
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a text goes to the Send API as a response")
  void text() throws Exception {
    RecordedRequest r = sent(new OutboundMessage.Text("Hi"));

    assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/me/messages");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer page-token");
    assertThat(r.getBody().utf8()).isEqualTo(
        "{\"recipient\":{\"id\":\"<PSID>\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi\"}}");
  }

  @Test
  @DisplayName("typing is a sender action; a card is a generic template")
  void typingAndCard() throws Exception {
    assertThat(sent(new OutboundMessage.Typing(true)).getBody().utf8()).contains("\"sender_action\":\"typing_on\"");
    var card = new OutboundMessage.Card("Blue shirt", "", null,
        List.of(new OutboundMessage.Button("Open", "", URI.create("https://shop.example/s"))));
    assertThat(sent(card).getBody().utf8()).contains("\"template_type\":\"generic\"",
        "{\"title\":\"Blue shirt\",\"buttons\":[{\"title\":\"Open\",\"type\":\"web_url\",\"url\":\"https://shop.example/s\"}]}");
  }

  @Test
  @DisplayName("with the human agent tag messages are tagged and the window is 7 days")
  void humanAgent() throws Exception {
    adapter = MessengerAdapter.builder("page-token", Fixtures.APP_SECRET, "verify-me")
        .baseUrl(server.url("/v23.0/").toString()).humanAgentTag().build();

    assertThat(sent(new OutboundMessage.Text("Hi")).getBody().utf8())
        .contains("\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\"");
    assertThat(adapter.messagingWindow().length()).isEqualTo(Duration.ofDays(7));
  }

  private InboundResult.Delivery receive(String resource) {
    return (InboundResult.Delivery) adapter.receive(Fixtures.metaPost("/m", Fixtures.resource("messenger/" + resource)));
  }

  @Test
  @DisplayName("a chat-plugin visitor known only by user_ref is a client, and the text batched beside him arrives too")
  void chatPluginUserRef() throws Exception {
    var delivery = receive("chat-plugin-and-text.json");

    ClientRef visitor = new ClientRef(Channel.MESSENGER, "user_ref:cf1a2b3c-chat-plugin-visitor-7");
    assertThat(delivery.skipped()).isEmpty();
    assertThat(delivery.items()).extracting(InboundItem::client)
        .containsExactly(visitor, new ClientRef(Channel.MESSENGER, "6789012345678901"));
    server.enqueue(new MockResponse.Builder().code(200).body("{\"message_id\":\"m_1\"}").build());
    adapter.send(Outgoing.of(visitor, new OutboundMessage.Text("Yes, how can I help?"))).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
        .startsWith("{\"recipient\":{\"user_ref\":\"cf1a2b3c-chat-plugin-visitor-7\"}");
  }

  @Test
  @DisplayName("an event whose sender cannot be named is skipped under its mid; the others arrive")
  void mixedBatch() {
    var delivery = receive("mixed-batch.json");

    assertThat(delivery.items()).extracting(InboundItem::id).containsExactly("m_good-1", "m_good-3");
    assertThat(delivery.skipped()).singleElement().satisfies(s -> {
      assertThat(s.vendorId()).isEqualTo("m_odd-2");
      assertThat(s.reason()).contains("user_ref");
    });
  }

  @Test
  @DisplayName("a sticker sent as both a sticker and an image attachment arrives once, as an image")
  void stickerOnce() {
    var delivery = receive("sticker-transition.json");

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m ->
        assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(MediaKind.IMAGE)));
  }
}
