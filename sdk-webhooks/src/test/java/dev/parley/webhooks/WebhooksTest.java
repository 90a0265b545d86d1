package dev.parley.webhooks;

import static dev.parley.webhooks.Receiver.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
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
import dev.parley.core.event.EventType;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.OutboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Webhooks deliver a tenant's events to a real HTTP receiver")
class WebhooksTest {
  static final TenantId ACME = TenantId.of("acme");
  static final GroupId SALES = GroupId.of("sales");
  static final OperatorId ALICE = OperatorId.of("alice");
  static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryStorage storage = new InMemoryStorage();
  private final BlockingQueue<Duration> retries = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
  private final BlockingQueue<DeadLetter> dead = new LinkedBlockingQueue<>();
  private final WebhookListener listener = new WebhookListener() {
    @Override
    public void failed(TenantId tenant, String subscription, OutboxRecord event, String error, Duration retryIn) {
      failures.add(event.idempotencyKey() + " " + error);
      retries.add(retryIn);
    }

    @Override
    public void deadLettered(DeadLetter letter) {
      dead.add(letter);
    }
  };
  private Receiver receiver;
  private Parley parley;
  private Tenant acme;
  private Webhooks webhooks;

  @BeforeEach
  void open() throws Exception {
    receiver = new Receiver(clock);
    parley = Parley.builder().sameThread().clock(clock).storage(storage).outbox().build();
    acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 10).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
  }

  @AfterEach
  void close() {
    if (webhooks != null) {
      webhooks.close();
    }
    parley.close();
    receiver.close();
  }

  private Webhooks.Builder builder() {
    return Webhooks.builder(parley).clock(clock).backoff(Duration.ofMillis(1), Duration.ofMillis(4))
        .pollInterval(Duration.ofMillis(50)).deadLetterAfter(Duration.ofHours(1)).listener(listener);
  }

  private void start(EventType... types) {
    webhooks = builder().build().start();
    webhooks.subscribe(ACME, Subscription.builder("crm", receiver.url()).events(types).secret(SECRET).build());
  }

  private void arrive(String session) {
    acme.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(SALES).client("v-" + session).build()).join();
  }

  private static String session(Receiver.Got got) {
    return JsonMapper.builder().build().readTree(got.body()).get("session").asString();
  }

  @Test
  @DisplayName("POSTs each event of a subscribed type, signed, with its id, type and timestamp, as a JSON envelope")
  void signedEnvelopes() throws Exception {
    start(EventType.SESSION_QUEUED, EventType.SESSION_ACCEPTED, EventType.MESSAGE_RECEIVED);
    SessionId s1 = SessionId.of("s-1");
    arrive("s-1");
    acme.accept(s1, ALICE).join();
    acme.post(s1, Actor.operator(ALICE), "m-1", "How can I help?").join();
    acme.post(s1, Actor.CLIENT, "m-2", "Žluťoučký kůň \uD83D\uDC34 \"quoted\"\n").join();

    List<Receiver.Got> got = receiver.next(3);

    assertThat(got).extracting(Receiver.Got::type).containsExactly("session.queued", "session.accepted", "message.received");
    assertThat(got).allMatch(Receiver.Got::genuine);
    JsonNode message = JsonMapper.builder().build().readTree(got.get(2).body());
    assertThat(message.get("id").asString()).isEqualTo(got.get(2).id()).startsWith("acme:");
    assertThat(message.get("tenant").asString()).isEqualTo("acme");
    assertThat(message.get("session").asString()).isEqualTo("s-1");
    assertThat(message.get("at").asString()).isEqualTo(T0.toString());
    assertThat(message.get("data").get("text").asString()).isEqualTo("Žluťoučký kůň \uD83D\uDC34 \"quoted\"\n");
    assertThat(message.get("data").get("actor").asString()).isEqualTo("client");
  }

  @Test
  @DisplayName("a receiver checks the signature over timestamp and body: a changed body or another secret fails it")
  void signatureIsVerifiable() throws Exception {
    start(EventType.SESSION_QUEUED);
    arrive("s-1");
    Receiver.Got got = receiver.next();
    long timestamp = T0.getEpochSecond();
    byte[] body = got.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String header = WebhookSignature.header(SECRET, timestamp, body);

    assertThat(got.genuine()).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, body, T0, Duration.ofMinutes(5))).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, (got.body() + " ").getBytes(), T0, Duration.ofMinutes(5))).isFalse();
    assertThat(WebhookSignature.verify("another-secret-entirely", header, body, T0, Duration.ofMinutes(5))).isFalse();
  }

  @Test
  @DisplayName("a 503 with Retry-After is retried after exactly that long, then delivered")
  void honoursRetryAfter() throws Exception {
    receiver.answer = got -> receiver.all.isEmpty()
        ? new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build() : Receiver.OK;
    start(EventType.SESSION_QUEUED);
    arrive("s-1");

    Receiver.Got got = receiver.next();

    assertThat(retries.poll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(failures).singleElement().asString().endsWith("HTTP 503");
    assertThat(receiver.all).extracting(Receiver.Got::id).containsExactly(got.id(), got.id());
  }

  @Test
  @DisplayName("failures without Retry-After back off exponentially, with jitter, up to the maximum")
  void exponentialBackoff() throws Exception {
    receiver.answer = got -> receiver.all.size() < 4 ? Receiver.status(500) : Receiver.OK;
    start(EventType.SESSION_QUEUED);
    arrive("s-1");

    receiver.next();

    assertThat(new ArrayList<>(retries)).hasSize(4).satisfiesExactly(
        d -> assertThat(d).isBetween(Duration.ofNanos(500_000), Duration.ofMillis(1)),
        d -> assertThat(d).isBetween(Duration.ofMillis(1), Duration.ofMillis(2)),
        d -> assertThat(d).isBetween(Duration.ofMillis(2), Duration.ofMillis(4)),
        d -> assertThat(d).isBetween(Duration.ofMillis(2), Duration.ofMillis(4)));
  }

  @Test
  @DisplayName("an event failing for the whole horizon is dead-lettered, the next ones go on, and a replay sends it again")
  void deadLetterAfterHorizon() throws Exception {
    receiver.answer = got -> got.type().equals("session.queued") && session(got).equals("s-1")
        ? Receiver.status(500) : Receiver.OK;
    start(EventType.SESSION_QUEUED);
    arrive("s-1");
    arrive("s-2");
    for (int i = 0; i < 3; i++) {
      assertThat(failures.poll(10, TimeUnit.SECONDS)).endsWith("HTTP 500");
    }
    assertThat(receiver.accepted).isEmpty(); // s-2 waits behind s-1: in order

    clock.advance(Duration.ofHours(1));
    DeadLetter letter = dead.poll(10, TimeUnit.SECONDS);
    Receiver.Got next = receiver.next();

    assertThat(letter).isNotNull();
    assertThat(letter.session()).isEqualTo("s-1");
    assertThat(letter.type()).isEqualTo("session.queued");
    assertThat(letter.failingSince()).isEqualTo(T0);
    assertThat(letter.deadAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(letter.attempts()).isGreaterThanOrEqualTo(4);
    assertThat(letter.lastError()).isEqualTo("HTTP 500");
    assertThat(session(next)).isEqualTo("s-2");
    assertThat(webhooks.deadLetters(ACME)).containsExactly(letter);
    assertThat(webhooks.status(ACME, "crm").deadLettered()).isEqualTo(1);

    receiver.answer = got -> Receiver.OK;
    webhooks.replay(ACME, "crm", letter.at());

    assertThat(receiver.next(2)).extracting(WebhooksTest::session).containsExactly("s-1", "s-2");
    assertThat(webhooks.deadLetters(ACME)).isEmpty();
  }

  @Test
  @DisplayName("a replay from an instant sends the events from there on again, with the same ids")
  void replayFromInstant() throws Exception {
    start(EventType.SESSION_QUEUED);
    arrive("s-1");
    clock.advance(Duration.ofMinutes(1));
    arrive("s-2");
    clock.advance(Duration.ofMinutes(1));
    arrive("s-3");
    List<Receiver.Got> first = receiver.next(3);

    webhooks.replay(ACME, "crm", T0.plus(Duration.ofSeconds(30)));

    assertThat(receiver.next(2)).extracting(Receiver.Got::id).containsExactly(first.get(1).id(), first.get(2).id());
    assertThatThrownBy(() -> webhooks.replay(ACME, "nobody", T0)).isInstanceOf(NoSuchSubscriptionException.class)
        .hasMessageContaining("nobody");
  }

  @Test
  @DisplayName("events reach the receiver in outbox order, so each session's in the order they happened, through random failures")
  void orderedPerSession() throws Exception {
    Random random = new Random(42);
    receiver.answer = got -> random.nextInt(3) == 0 ? Receiver.status(503) : Receiver.OK;
    start(EventType.values());
    long from = storage.outbox().cursor("acme", "webhook:crm");
    for (int i = 0; i < 5; i++) {
      arrive("s-" + i);
    }
    for (int i = 0; i < 5; i++) {
      acme.accept(SessionId.of("s-" + i), ALICE).join();
      acme.post(SessionId.of("s-" + i), Actor.CLIENT, "m-" + i, "hello " + i).join();
    }
    for (int i = 4; i >= 0; i--) {
      acme.end(SessionId.of("s-" + i), Actor.operator(ALICE)).join();
    }
    List<OutboxRecord> expected = storage.outbox().after("acme", from, 1_000);

    List<Receiver.Got> got = receiver.next(expected.size());

    assertThat(got).extracting(Receiver.Got::id).containsExactlyElementsOf(
        expected.stream().map(OutboxRecord::idempotencyKey).toList());
    assertThat(receiver.all.size()).isGreaterThan(expected.size()); // some were refused and sent again
  }

  @Test
  @DisplayName("a new subscription gets events from now on; subscriptions survive a restart; unsubscribing ends them")
  void subscriptionLife() throws Exception {
    arrive("s-1");
    clock.advance(Duration.ofMinutes(1));
    start(EventType.SESSION_QUEUED);
    arrive("s-2");
    assertThat(session(receiver.next())).isEqualTo("s-2");
    webhooks.close();

    webhooks = Webhooks.builder(storage).clock(clock).pollInterval(Duration.ofMillis(20)).build().start();
    assertThat(webhooks.subscriptions(ACME)).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("crm");
      assertThat(s.url()).isEqualTo(receiver.url());
      assertThat(s.events()).containsExactly(EventType.SESSION_QUEUED);
      assertThat(s.secret()).isEqualTo(SECRET);
    });
    arrive("s-3");
    assertThat(session(receiver.next())).isEqualTo("s-3");
    assertThat(receiver.all).hasSize(2);

    assertThat(webhooks.unsubscribe(ACME, "crm")).isTrue();
    assertThat(webhooks.unsubscribe(ACME, "crm")).isFalse();
    assertThat(webhooks.subscriptions(ACME)).isEmpty();
    assertThatThrownBy(() -> webhooks.status(ACME, "crm")).isInstanceOf(NoSuchSubscriptionException.class);
  }

  @Test
  @DisplayName("an engine without an outbox is refused, with what to do")
  void needsAnOutbox() {
    try (Parley plain = Parley.builder().sameThread().build()) {
      assertThatThrownBy(() -> Webhooks.builder(plain)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outbox()");
    }
  }
}
