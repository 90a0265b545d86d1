package dev.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.Fixtures;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
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

@DisplayName("WhatsApp on Meta's own payloads and API")
class WhatsAppAdapterTest {
  private static final ClientRef SHEENA = new ClientRef(Channel.WHATSAPP, "16505551234");
  private static final String BSUID = "US.13491208655302741918";
  private static final String CONTEXT = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EyQUJDMjFEQzZCQUMzODMA";
  private final MockWebServer server = new MockWebServer();
  private WhatsAppAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    server.start(0);
    adapter = WhatsAppAdapter.builder("106540352242922", "token-1", Fixtures.APP_SECRET, "meatyhamhock")
        .baseUrl(server.url("/v23.0/").toString())
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(1)))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private InboundResult.Delivery receiveFixture(String name) {
    byte[] body = Fixtures.bytes("whatsapp/" + name + ".json");
    InboundRequest request = InboundRequest.builder("POST", URI.create("https://cc.example/wa"))
        .header("x-hub-signature-256", Fixtures.hubSignature("whatsapp/" + name + ".signature.txt"))
        .body(body).build();
    return (InboundResult.Delivery) adapter.receive(request);
  }

  @Test
  @DisplayName("the documented incoming text becomes a client message with the profile name")
  void incomingText() {
    var delivery = receiveFixture("incoming-text");

    assertThat(delivery.reply().status()).isEqualTo(200);
    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m -> {
      assertThat(m.id()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
      assertThat(m.client()).isEqualTo(SHEENA);
      assertThat(m.text()).isEqualTo("Does it come in another color?");
      assertThat(m.at()).isEqualTo(Instant.ofEpochSecond(1749416383));
      assertThat(m.entry().name()).contains("Sheena Nelson");
      assertThat(m.entry().phone()).contains("+16505551234");
    });
  }

  @Test
  @DisplayName("the documented delivered status becomes a delivery receipt")
  void statusDelivered() {
    var delivery = receiveFixture("status-delivered");

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(Receipt.class, r -> {
      assertThat(r.status()).isEqualTo(Receipt.Status.DELIVERED);
      assertThat(r.client()).isEqualTo(SHEENA);
      assertThat(r.messageIds()).containsExactly("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=");
      assertThat(r.at()).isEqualTo(Instant.ofEpochSecond(1750030073));
    });
  }

  @Test
  @DisplayName("the documented verification request is answered with its challenge")
  void verifyRequest() {
    String requestLine = Fixtures.text("whatsapp/verify-request.http").lines().findFirst().orElseThrow();
    URI uri = URI.create("https://www.your-clever-domain-name.com" + requestLine.split(" ")[1]);

    InboundResult result = adapter.receive(InboundRequest.builder("GET", uri).build());

    assertThat(result).isEqualTo(new InboundResult.Handshake(dev.parley.core.channel.HttpReply.text("1158201444")));
  }

  @Test
  @DisplayName("one changed byte of a signed fixture breaks its signature")
  void tampered() {
    byte[] body = Fixtures.bytes("whatsapp/incoming-text.json");
    body[body.length / 2] ^= 1;
    InboundRequest request = InboundRequest.builder("POST", URI.create("/wa"))
        .header("X-Hub-Signature-256", Fixtures.hubSignature("whatsapp/incoming-text.signature.txt"))
        .body(body).build();

    assertThatThrownBy(() -> adapter.receive(request)).isInstanceOf(BadSignatureException.class);
  }

  @Test
  @DisplayName("media, buttons, locations and unknown types are all shown to the operator")
  void otherTypes() {
    String json = """
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
          "messages":[
            {"from":"1","id":"a","timestamp":"1","type":"image","image":{"id":"media-1","mime_type":"image/jpeg","caption":"look"}},
            {"from":"1","id":"b","timestamp":"1","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"x","title":"Yes"}}},
            {"from":"1","id":"c","timestamp":"1","type":"location","location":{"latitude":50.08,"longitude":14.42}},
            {"from":"1","id":"d","timestamp":"1","type":"hologram","hologram":{},"future_field":true,"context":{"id":"wamid.prev"}}
          ]}},{"field":"account_update","value":{"whatever":1}}]}]}""";

    var delivery = (InboundResult.Delivery) adapter.receive(Fixtures.metaPost("/wa", json.getBytes()));

    List<ClientMessage> messages = delivery.items().stream().map(ClientMessage.class::cast).toList();
    assertThat(messages).extracting(ClientMessage::text)
        .containsExactly("look", "Yes", "[location 50.08,14.42]", "[hologram message: not shown here, see WhatsApp]");
    assertThat(messages.get(0).attachments()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(MediaKind.IMAGE);
      assertThat(a.reference()).isEqualTo("whatsapp-media:media-1");
    });
    assertThat(messages.get(3).replyTo()).contains("wamid.prev");
  }

  private RecordedRequest sent(Outgoing outgoing) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"messages\":[{\"id\":\"wamid.out\"}]}").build());
    assertThat(adapter.send(outgoing).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(new SendOutcome.Sent("wamid.out", 1));
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a reply goes to the phone number's messages endpoint with the token and the quoted message")
  void textReply() throws Exception {
    RecordedRequest r = sent(Outgoing.builder(SHEENA, new OutboundMessage.Text("It does, in blue.")).replyTo("wamid.in").build());

    assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/106540352242922/messages");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(r.getBody().utf8()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
        + "\"to\":\"16505551234\",\"context\":{\"message_id\":\"wamid.in\"},\"type\":\"text\","
        + "\"text\":{\"preview_url\":false,\"body\":\"It does, in blue.\"}}");
  }

  @Test
  @DisplayName("a template carries its name, language and body parameters")
  void template() throws Exception {
    RecordedRequest r = sent(Outgoing.of(SHEENA, new OutboundMessage.Template("order_update", "en_US", List.of("42"))));

    assertThat(r.getBody().utf8()).contains("\"type\":\"template\"",
        "\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},"
            + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"42\"}]}]}");
  }

  @Test
  @DisplayName("a card becomes reply buttons under the picture")
  void card() throws Exception {
    var card = new OutboundMessage.Card("Blue shirt", "In stock", URI.create("https://cdn.example/s.png"),
        List.of(new OutboundMessage.Button("Buy", "buy-1", null)));

    RecordedRequest r = sent(Outgoing.of(SHEENA, card));

    assertThat(r.getBody().utf8()).contains("\"type\":\"interactive\"", "\"header\":{\"type\":\"image\"",
        "\"body\":{\"text\":\"Blue shirt\\nIn stock\"}", "{\"type\":\"reply\",\"reply\":{\"id\":\"buy-1\",\"title\":\"Buy\"}}");
  }

  @Test
  @DisplayName("a document goes by link with its file name")
  void document() throws Exception {
    var file = new OutboundMessage.File(URI.create("https://cdn.example/a.pdf"), MediaKind.FILE, "a.pdf", "Invoice");

    RecordedRequest r = sent(Outgoing.of(SHEENA, file));

    assertThat(r.getBody().utf8()).contains(
        "\"type\":\"document\",\"document\":{\"link\":\"https://cdn.example/a.pdf\",\"caption\":\"Invoice\",\"filename\":\"a.pdf\"}");
  }

  @Test
  @DisplayName("the typing indicator needs the client's message to hang on")
  void typing() throws Exception {
    assertThat(adapter.send(Outgoing.of(SHEENA, new OutboundMessage.Typing(true))).toCompletableFuture().get())
        .isEqualTo(new SendOutcome.Unsupported(OutboundMessage.Kind.TYPING));

    RecordedRequest r = sent(Outgoing.builder(SHEENA, new OutboundMessage.Typing(true)).replyTo("wamid.in").build());

    assertThat(r.getBody().utf8()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
        + "\"message_id\":\"wamid.in\",\"typing_indicator\":{\"type\":\"text\"}}");
  }

  @Test
  @DisplayName("Meta's throttling error code is retried although the status is 400")
  void throttled() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400)
        .body("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429}}").build());

    server.enqueue(new MockResponse.Builder().code(200).body("{\"messages\":[{\"id\":\"wamid.out\"}]}").build());

    assertThat(adapter.send(Outgoing.of(SHEENA, new OutboundMessage.Text("Hi"))).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(new SendOutcome.Sent("wamid.out", 2));
  }

  @Test
  @DisplayName("free-form messages stop 24 hours after the client's last message; templates do not")
  void window() {
    Instant last = Instant.parse("2026-03-02T09:00:00Z");
    var window = adapter.messagingWindow();

    assertThat(window.isOpen(last, last.plus(Duration.ofHours(24)))).isTrue();
    assertThat(window.isOpen(last, last.plus(Duration.ofHours(24)).plusSeconds(1))).isFalse();
    window.check(OutboundMessage.Kind.TEMPLATE, last, last.plus(Duration.ofDays(30)));
  }

  // Every documented inbound type, and users without a phone number (payloads in src/test/resources).

  private InboundResult.Delivery receive(String name) {
    return (InboundResult.Delivery) adapter.receive(
        Fixtures.metaPost("https://cc.example/wa", Fixtures.resource("whatsapp/" + name + ".json")));
  }

  private ClientMessage onlyMessage(String name) {
    var delivery = receive(name);
    assertThat(delivery.skipped()).isEmpty();
    assertThat(delivery.items()).hasSize(1);
    return (ClientMessage) delivery.items().get(0);
  }

  private RecordedRequest sendText(ClientRef to) throws Exception {
    return sent(Outgoing.of(to, new OutboundMessage.Text("It does, in blue.")));
  }

  @Test
  @DisplayName("a batch with one unreadable message delivers the others and names the one it skipped")
  void mixedBatch() {
    var delivery = receive("mixed-batch");

    assertThat(delivery.reply().status()).isEqualTo(200);
    assertThat(delivery.items()).extracting(InboundItem::id).containsExactly("wamid.mixed-1", "wamid.mixed-3");
    assertThat(delivery.skipped()).singleElement().satisfies(s -> {
      assertThat(s.vendorId()).isEqualTo("wamid.mixed-2");
      assertThat(s.reason()).contains("text");
    });
  }

  @Test
  @DisplayName("a user with a username and no shared phone number is known by his business-scoped user id")
  void usernameOnly() throws Exception {
    ClientMessage m = onlyMessage("username-text");

    assertThat(m.client()).isEqualTo(new ClientRef(Channel.WHATSAPP, BSUID));
    assertThat(m.entry().phone()).isEmpty();
    assertThat(m.entry().name()).contains("Sheena Nelson");
    assertThat(m.entry().parameters()).containsEntry("whatsapp_user_id", BSUID);
    assertThat(sendText(m.client()).getBody().utf8()).contains("\"recipient\":\"" + BSUID + "\"").doesNotContain("\"to\"");
  }

  @Test
  @DisplayName("phone and user id seen together are one person: his later username-only messages keep his identity")
  void linkedIdentity() throws Exception {
    ClientMessage first = onlyMessage("phone-and-user-id-text");
    ClientMessage later = onlyMessage("username-text");

    assertThat(first.client()).isEqualTo(SHEENA);
    assertThat(first.entry().phone()).contains("+16505551234");
    assertThat(later.client()).isEqualTo(SHEENA);
    assertThat(sendText(SHEENA).getBody().utf8()).contains("\"recipient\":\"" + BSUID + "\"");
  }

  @Test
  @DisplayName("a status to a user without a phone number is matched by his user id, and read may come without delivered")
  void statusByUserId() {
    onlyMessage("phone-and-user-id-text");

    var delivery = receive("username-status-read");

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(Receipt.class, r -> {
      assertThat(r.client()).isEqualTo(SHEENA);
      assertThat(r.status()).isEqualTo(Receipt.Status.READ);
      assertThat(r.messageIds()).containsExactly("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI4QzJBQTY0RjE5NkY1MTY5OEEA");
    });
  }

  @Test
  @DisplayName("\"user changed number\" is not the client's words: it moves his replies to the new number")
  void changedNumber() throws Exception {
    var notice = receive("system-user-changed-number");

    assertThat(notice.items()).isEmpty();
    assertThat(notice.skipped()).isEmpty();
    assertThat(sendText(SHEENA).getBody().utf8()).contains("\"to\":\"12195555358\"");
  }

  @Test
  @DisplayName("statuses read and failed become receipts")
  void statuses() {
    assertThat(receive("status-read").items()).singleElement()
        .isInstanceOfSatisfying(Receipt.class, r -> assertThat(r.status()).isEqualTo(Receipt.Status.READ));
    assertThat(receive("status-failed").items()).singleElement()
        .isInstanceOfSatisfying(Receipt.class, r -> assertThat(r.status()).isEqualTo(Receipt.Status.FAILED));
  }

  @Test
  @DisplayName("a location shows its coordinates, name and address")
  void location() {
    assertThat(onlyMessage("location").text())
        .isEqualTo("[location 37.483307,-122.148981 Meta Headquarters 1 Hacker Way, Menlo Park, CA 94025]");
  }

  @Test
  @DisplayName("shared contacts show their names and numbers")
  void contacts() {
    assertThat(onlyMessage("contacts").text()).isEqualTo("[contact Barbara J. Johnson +1 (415) 555-0123]");
  }

  @Test
  @DisplayName("button, list and quick-reply answers show what the client chose, as a reply to the question")
  void replies() {
    ClientMessage button = onlyMessage("button-reply");
    assertThat(button.text()).isEqualTo("Cancel");
    assertThat(button.replyTo()).contains(CONTEXT);
    assertThat(onlyMessage("list-reply").text()).isEqualTo("Priority Mail Express");
    assertThat(onlyMessage("quick-reply-button").text()).isEqualTo("Unsubscribe");
  }

  @Test
  @DisplayName("a reaction shows its emoji on the message it reacts to; a reaction taken back gives nothing")
  void reactions() {
    ClientMessage reaction = onlyMessage("reaction");
    assertThat(reaction.text()).isEqualTo("\uD83D\uDE00");
    assertThat(reaction.replyTo()).contains(CONTEXT);

    var removed = receive("reaction-removed");
    assertThat(removed.items()).isEmpty();
    assertThat(removed.skipped()).isEmpty();
  }

  @Test
  @DisplayName("an order lists its products, quantities and prices, and the client's note")
  void order() {
    assertThat(onlyMessage("order").text())
        .isEqualTo("[order: 2 × di9ozbzfi4 at 30 USD, 1 × nqryix03ez at 25 USD] Please deliver before noon.");
  }

  @Test
  @DisplayName("an unsupported message tells the operator WhatsApp could not pass it on; an errors-only value gives nothing")
  void unsupportedAndErrors() {
    assertThat(onlyMessage("unsupported").text()).isEqualTo("[a message WhatsApp cannot pass on: Message type unknown]");
    var errors = receive("errors-only");
    assertThat(errors.items()).isEmpty();
    assertThat(errors.skipped()).isEmpty();
  }
}
