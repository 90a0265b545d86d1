package dev.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.ClientRef;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.OutsideMessagingWindowException;
import dev.parley.core.channel.UnsupportedMessageException;
import dev.parley.core.event.Event;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A channel gateway wired to WhatsApp")
class ChannelGatewayTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final String SHEENA = "16505551234";
  private static final String DELIVERED_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";

  private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1749416383));
  private final MockWebServer graph = new MockWebServer();
  private final InMemoryStorage storage = new InMemoryStorage();
  private final BlockingQueue<Event.MessageDelivered> deliveries = new LinkedBlockingQueue<>();
  private Parley parley;
  private Tenant acme;
  private ChannelGateway gateway;

  @BeforeEach
  void start() throws Exception {
    graph.start(0);
    parley = Parley.builder().sameThread().clock(clock).storage(storage).listener(e -> {
      if (e instanceof Event.MessageDelivered) {
        deliveries.add((Event.MessageDelivered) e);
      }
    }).build();
    acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ZERO).build()).join();
    acme.configure(TenantSettings.builder().defaultGroup(SALES).endedRetention(Duration.ofDays(2)).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WHATSAPP, 3).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    WhatsAppAdapter whatsApp = WhatsAppAdapter.builder("106540352242922", "token-1", Fixtures.APP_SECRET, "meatyhamhock")
        .baseUrl(graph.url("/v23.0/").toString())
        .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(2), 2, Duration.ofSeconds(1)))
        .blocked(ChannelGateway.blacklist(parley, ACME))
        .build();
    gateway = ChannelGateway.builder(parley, ACME).adapter(whatsApp).clock(clock).build();
  }

  @AfterEach
  void stop() {
    parley.close();
    graph.close();
  }

  private HttpReply deliver(String fixture) {
    InboundRequest request = Fixtures.metaPost("https://cc.example/webhooks/whatsapp",
        Fixtures.bytes("whatsapp/" + fixture + ".json"));
    return gateway.receive(Channel.WHATSAPP, request).toCompletableFuture().join();
  }

  /** The Graph API's answer to the next send: sent, with this id. */
  private void graphSends(String vendorId) {
    graph.enqueue(new MockResponse.Builder().code(200)
        .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + vendorId + "\"}]}").build());
  }

  private SessionRecord onlySession() {
    List<SessionRecord> live = storage.sessions().live("acme");
    assertThat(live).hasSize(1);
    return live.get(0);
  }

  @Test
  @DisplayName("a client's first message opens his session and is kept; the same delivery again changes nothing")
  void inbound() {
    assertThat(deliver("incoming-text").status()).isEqualTo(200);
    assertThat(deliver("incoming-text").status()).isEqualTo(200);

    SessionRecord session = onlySession();
    assertThat(session.client()).contains(SHEENA);
    assertThat(session.clientName()).contains("Sheena Nelson");
    assertThat(storage.transcripts().transcript("acme", session.id())).extracting(MessageRecord::text)
        .containsExactly("Does it come in another color?");
  }

  @Test
  @DisplayName("an operator's reply goes out through the Graph API, and the delivery receipt comes back to it")
  void outboundAndReceipt() throws Exception {
    deliver("incoming-text");
    SessionId session = SessionId.of(onlySession().id());
    acme.accept(session, ALICE).join();
    graphSends(DELIVERED_ID);

    acme.post(session, Actor.operator(ALICE), "reply-1", "It does, in blue.").join();

    RecordedRequest sent = graph.takeRequest(10, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).endsWith("/106540352242922/messages");
    assertThat(sent.getBody().utf8()).contains("\"to\":\"" + SHEENA + "\"").contains("It does, in blue.");
    // The receipt may come before the gateway has heard the Graph API's answer: it waits for it.
    deliver("status-delivered");
    assertThat(deliveries.poll(10, TimeUnit.SECONDS)).satisfies(d -> {
      assertThat(d.messageId()).isEqualTo("reply-1");
      assertThat(d.delivery()).isEqualTo(Event.Delivery.DELIVERED);
    });
    assertThat(storage.transcripts().find("acme", "reply-1").orElseThrow().delivery())
        .isEqualTo(MessageRecord.Delivery.DELIVERED);
  }

  @Test
  @DisplayName("a reply WhatsApp refuses is marked failed")
  void refusedReply() throws Exception {
    deliver("incoming-text");
    SessionId session = SessionId.of(onlySession().id());
    acme.accept(session, ALICE).join();
    graph.enqueue(new MockResponse.Builder().code(400)
        .body("{\"error\":{\"message\":\"Invalid parameter\",\"code\":100}}").build());

    acme.post(session, Actor.operator(ALICE), "reply-1", "It does, in blue.").join();

    assertThat(deliveries.poll(10, TimeUnit.SECONDS)).satisfies(d -> assertThat(d.delivery()).isEqualTo(Event.Delivery.FAILED));
    assertThat(storage.transcripts().find("acme", "reply-1").orElseThrow().delivery())
        .isEqualTo(MessageRecord.Delivery.FAILED);
  }

  @Test
  @DisplayName("an operator's hero card and template message go out as WhatsApp renders them; the transcript keeps their text")
  void richMessages() throws Exception {
    deliver("incoming-text");
    SessionId session = SessionId.of(onlySession().id());
    acme.accept(session, ALICE).join();
    graphSends("wamid.card");
    graphSends("wamid.template");

    gateway.post(session, Actor.operator(ALICE), "card-1", new OutboundMessage.Card("Blue shirt", "In stock", null,
        List.of(new OutboundMessage.Button("Buy", "buy-blue", null)))).join();
    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("\"interactive\"").contains("Blue shirt")
        .contains("buy-blue").doesNotContain("\"type\":\"text\"");
    gateway.post(session, Actor.operator(ALICE), "template-1",
        new OutboundMessage.Template("order_ready", "en_US", List.of("Sheena"))).join();
    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("\"template\"").contains("order_ready")
        .contains("Sheena");

    assertThat(storage.transcripts().find("acme", "card-1").orElseThrow().text()).isEqualTo("Blue shirt\nIn stock\n[Buy]");
    assertThat(storage.transcripts().find("acme", "template-1").orElseThrow().text())
        .isEqualTo("template order_ready (en_US): Sheena");
  }

  @Test
  @DisplayName("a rich message to a channel that does not carry it is refused by type, and nothing is posted")
  void richMessageRefused() {
    OperatorId bob = OperatorId.of("bob");
    acme.defineOperator(OperatorSpec.builder(bob).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
    acme.setStatus(bob, OperatorStatus.ONLINE).join();
    SessionId chat = SessionId.of("chat-1");
    acme.submit(new Command.Arrive(chat, Entry.builder(Channel.WEB_CHAT).client("visitor-1").build(), null)).join();
    acme.accept(chat, bob).join();

    assertThatThrownBy(() -> gateway.post(chat, Actor.operator(bob), "card-1",
        new OutboundMessage.Card("Blue shirt", "", null, List.of())).join())
        .hasCauseInstanceOf(UnsupportedMessageException.class)
        .cause().satisfies(e -> assertThat(((UnsupportedMessageException) e).channel()).isEqualTo(Channel.WEB_CHAT))
        .hasMessageContaining("WEB_CHAT does not carry CARD messages");
    assertThat(storage.transcripts().transcript("acme", "chat-1")).isEmpty();
    assertThat(graph.getRequestCount()).isZero();
  }

  @Test
  @DisplayName("a forged delivery is refused before anything is kept, and a blocked client's is dropped")
  void refusals() {
    InboundRequest forged = InboundRequest.builder("POST", URI.create("https://cc.example/webhooks/whatsapp"))
        .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
        .body(Fixtures.bytes("whatsapp/incoming-text.json")).build();
    assertThatThrownBy(() -> gateway.receive(Channel.WHATSAPP, forged)).isInstanceOf(BadSignatureException.class);

    acme.submit(new dev.parley.core.Command.Block(new dev.parley.core.ClientRef(Channel.WHATSAPP, SHEENA),
        Actor.admin("root"), "spam")).join();
    assertThat(deliver("incoming-text").status()).isEqualTo(200);

    assertThat(storage.sessions().live("acme")).isEmpty();
    assertThat(storage.transcripts().find("acme", "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=")).isEmpty();
    assertThatThrownBy(() -> gateway.receive(Channel.MESSENGER, forged)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no adapter for MESSENGER");
  }

  @Test
  @DisplayName("an operator contacts a client within WhatsApp's 24 hours and has the session at once; after them only with a template, sent through the Graph API")
  void contactClient() throws Exception {
    deliver("incoming-text");
    SessionId ended = SessionId.of(onlySession().id());
    acme.accept(ended, ALICE).join();
    acme.end(ended, Actor.operator(ALICE)).join();
    clock.advance(Duration.ofHours(23));

    SessionId reopened = gateway.contactClient(ended, ALICE, null).join();

    SessionRecord record = storage.sessions().find("acme", reopened.value()).orElseThrow();
    assertThat(record.reopens()).contains(ended.value());
    assertThat(record.status().name()).isEqualTo("ACTIVE");
    assertThat(acme.snapshot().session(reopened).orElseThrow().operator()).isEqualTo(ALICE);
    acme.end(reopened, Actor.operator(ALICE)).join();
    clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> gateway.contactClient(ended, ALICE, null)).isInstanceOf(OutsideMessagingWindowException.class);
    assertThat(storage.sessions().live("acme")).isEmpty();

    graph.enqueue(new MockResponse.Builder().code(200)
        .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.template-1\"}]}").build());
    SessionId templated = gateway.contactClient(ended, ALICE,
        new OutboundMessage.Template("order_update", "en_US", List.of("42"))).join();

    RecordedRequest sent = graph.takeRequest(10, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).endsWith("/106540352242922/messages");
    assertThat(sent.getBody().utf8()).contains("\"to\":\"" + SHEENA + "\"").contains("\"type\":\"template\"")
        .contains("\"name\":\"order_update\"").contains("\"text\":\"42\"");
    assertThat(storage.sessions().find("acme", templated.value()).orElseThrow().notes())
        .singleElement().satisfies(n -> assertThat(n.text()).contains("Sent the template order_update"));
  }

  @Test
  @DisplayName("'+' starts a WhatsApp conversation to a number by template, the operator's at once; a refused template is noted and told")
  void startConversation() throws Exception {
    graph.enqueue(new MockResponse.Builder().code(200)
        .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.template-2\"}]}").build());
    ClientRef number = new ClientRef(Channel.WHATSAPP, "420601123456");

    SessionId started = gateway.startConversation(ALICE, number, new OutboundMessage.Template("hello", "cs", List.of()),
        SALES).join();

    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("\"to\":\"420601123456\"")
        .contains("\"name\":\"hello\"");
    SessionRecord record = storage.sessions().find("acme", started.value()).orElseThrow();
    assertThat(record.status().name()).isEqualTo("ACTIVE");
    assertThat(record.operator()).contains("alice");
    assertThat(record.group()).contains("sales");
    acme.end(started, Actor.operator(ALICE)).join();

    graph.enqueue(new MockResponse.Builder().code(400)
        .body("{\"error\":{\"message\":\"Template name does not exist\",\"code\":132001}}").build());
    assertThatThrownBy(() -> gateway.startConversation(ALICE, number, new OutboundMessage.Template("nope", "cs", List.of()),
        null).join()).hasCauseInstanceOf(MessageNotSentException.class);
    SessionRecord failed = storage.sessions().live("acme").get(0);
    assertThat(failed.notes()).singleElement().satisfies(n -> assertThat(n.text()).contains("Could not send the template nope"));
  }

  private HttpReply deliverResource(String name) {
    InboundRequest request = Fixtures.metaPost("https://cc.example/webhooks/whatsapp",
        Fixtures.resource("whatsapp/" + name + ".json"));
    return gateway.receive(Channel.WHATSAPP, request).toCompletableFuture().join();
  }

  @Test
  @DisplayName("a batch with an unreadable message is answered 200, its good messages are kept, the bad one counted")
  void mixedBatch() {
    assertThat(deliverResource("mixed-batch").status()).isEqualTo(200);

    assertThat(storage.sessions().live("acme")).extracting(r -> r.client().orElseThrow())
        .containsExactlyInAnyOrder(SHEENA, "16315551181");
    assertThat(gateway.skippedItems(Channel.WHATSAPP)).isEqualTo(1);
  }

  @Test
  @DisplayName("a read status that comes without a delivered one moves the reply straight to read")
  void readWithoutDelivered() throws Exception {
    deliver("incoming-text");
    SessionId session = SessionId.of(onlySession().id());
    acme.accept(session, ALICE).join();
    graph.enqueue(new MockResponse.Builder().code(200)
        .body("{\"messages\":[{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI4QzJBQTY0RjE5NkY1MTY5OEEA\"}]}").build());
    acme.post(session, Actor.operator(ALICE), "reply-1", "It does, in blue.").join();
    graph.takeRequest(10, TimeUnit.SECONDS);

    deliverResource("status-read");

    assertThat(deliveries.poll(10, TimeUnit.SECONDS)).satisfies(d -> assertThat(d.delivery()).isEqualTo(Event.Delivery.READ));
    assertThat(storage.transcripts().find("acme", "reply-1").orElseThrow().delivery()).isEqualTo(MessageRecord.Delivery.READ);
  }

  @Test
  @DisplayName("a WhatsApp user without a phone number opens a session under his user id and is answered there")
  void usernameClient() throws Exception {
    assertThat(deliverResource("username-text").status()).isEqualTo(200);
    SessionRecord record = onlySession();
    assertThat(record.client()).contains("US.13491208655302741918");
    SessionId session = SessionId.of(record.id());
    acme.accept(session, ALICE).join();
    graph.enqueue(new MockResponse.Builder().code(200).body("{\"messages\":[{\"id\":\"wamid.out\"}]}").build());

    acme.post(session, Actor.operator(ALICE), "reply-1", "Hello!").join();

    assertThat(graph.takeRequest(10, TimeUnit.SECONDS).getBody().utf8()).contains("\"recipient\":\"US.13491208655302741918\"");
  }

  @Test
  @DisplayName("phone and user id linked in the contact directory survive a restart: a username-only message keeps his identity")
  void storedIdentityLinks() {
    java.util.function.Supplier<WhatsAppAdapter> adapter = () -> WhatsAppAdapter.builder("106540352242922", "token-1",
        Fixtures.APP_SECRET, "meatyhamhock").contacts(dev.parley.channels.whatsapp.WhatsAppContacts.stored(parley, ACME)).build();
    adapter.get().receive(Fixtures.metaPost("https://cc.example/wa", Fixtures.resource("whatsapp/phone-and-user-id-text.json")));

    var afterRestart = (dev.parley.core.channel.InboundResult.Delivery) adapter.get()
        .receive(Fixtures.metaPost("https://cc.example/wa", Fixtures.resource("whatsapp/username-text.json")));

    assertThat(afterRestart.items()).singleElement().satisfies(m -> assertThat(m.client().identifier()).isEqualTo(SHEENA));
    assertThat(storage.contacts().findByIdentity("acme", new dev.parley.storage.ContactRecord.Identity(
        dev.parley.storage.ContactRecord.Identity.Kind.NETWORK, "WHATSAPP:US.13491208655302741918")))
        .hasValueSatisfying(c -> assertThat(c.identities()).extracting(dev.parley.storage.ContactRecord.Identity::value)
            .containsExactly("WHATSAPP:" + SHEENA, "WHATSAPP:US.13491208655302741918"));
  }

  @Test
  @DisplayName("a person known by phone and user id is blocked by either, and erased by either")
  void blockedAndErasedByTheOtherIdentifier() {
    WhatsAppAdapter whatsApp = WhatsAppAdapter.builder("106540352242922", "token-1", Fixtures.APP_SECRET, "meatyhamhock")
        .contacts(dev.parley.channels.whatsapp.WhatsAppContacts.stored(parley, ACME))
        .blocked(ChannelGateway.blacklist(parley, ACME)).build();
    ChannelGateway linked = ChannelGateway.builder(parley, ACME).adapter(whatsApp).clock(clock).build();
    java.util.function.Function<byte[], HttpReply> deliver = body -> linked.receive(Channel.WHATSAPP,
        Fixtures.metaPost("https://cc.example/wa", body)).toCompletableFuture().join();
    // links his phone and user id
    assertThat(deliver.apply(Fixtures.resource("whatsapp/phone-and-user-id-text.json")).status()).isEqualTo(200);
    String session = onlySession().id();
    dev.parley.core.ClientRef userId = new dev.parley.core.ClientRef(Channel.WHATSAPP, "US.13491208655302741918");

    acme.submit(new dev.parley.core.Command.Block(userId, Actor.admin("root"), "spam")).join();
    clock.advance(Duration.ofMinutes(1));
    // written from his phone alone
    assertThat(deliver.apply(Fixtures.bytes("whatsapp/incoming-text.json")).status()).isEqualTo(200);

    assertThat(storage.transcripts().transcript("acme", session)).hasSize(1);
    assertThat(storage.eraseClient("acme", userId.identifier(), clock.instant())).containsExactly(session);
    assertThat(storage.sessions().find("acme", session).orElseThrow().client()).isEmpty();
    assertThat(storage.contacts().findByIdentifier("acme", SHEENA)).isEmpty();
  }
}
