package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.webhooks.Webhooks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Webhook subscriptions over the admin API")
class WebhookRoutesTest {
  private static final String HOOKS = "/api/v1/tenants/acme/webhooks";
  private static final String SECRET = "a-secret-of-sixteen-or-more";

  private final MockWebServer receiver = new MockWebServer();
  /** What the receiver answers: 200 unless told otherwise. */
  private final AtomicInteger answer = new AtomicInteger(200);
  /** The event types the receiver got, in order. */
  private final BlockingQueue<String> got = new LinkedBlockingQueue<>();
  /** How many requests the receiver got. */
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<Webhooks> webhooks = new AtomicReference<>();
  private final Center center = new Center((parley, b) -> {
    webhooks.set(Webhooks.builder(parley).backoff(Duration.ofMillis(1), Duration.ofMillis(4))
        .deadLetterAfter(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(20)).build().start());
    return b.webhooks(webhooks.get());
  });
  private final String admin = center.adminToken(ACME);

  @BeforeEach
  void listen() throws IOException {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        got.add(request.getHeaders().get("Parley-Event-Type") + " " + answer.get());
        return new MockResponse.Builder().code(answer.get()).build();
      }
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    webhooks.get().close();
    center.close();
    receiver.close();
  }

  private String subscription(String events) {
    return "{\"url\":\"" + receiver.url("/hook") + "\",\"types\":" + events + ",\"secret\":\"" + SECRET + "\"}";
  }

  /** A web-chat client queued while bob is online (with nobody online he would be refused). */
  private void arrive(String id) {
    center.acme.setStatus(Center.BOB, OperatorStatus.ONLINE).join();
    center.acme.arrive(SessionId.of(id), Entry.builder(Channel.WEB_CHAT).client(id).build()).join();
  }

  @Test
  @DisplayName("subscribes with a PUT, delivers the tenant's events to it, shows it without its secret and its status")
  void subscribeAndDeliver() throws Exception {
    Center.Answer put = center.send("PUT", HOOKS + "/crm", admin, subscription("[\"session.queued\"]"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("types").toString()).isEqualTo("[\"session.queued\"]");
    assertThat(put.body()).doesNotContain(SECRET);

    arrive("s1");
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("session.queued 200");

    Center.Answer read = center.get(HOOKS + "/crm", admin);
    assertThat(read.etag()).isEqualTo(put.etag());
    assertThat(read.body()).doesNotContain(SECRET);
    assertThat(center.get(HOOKS, admin).json().at("/items/0/id").asString()).isEqualTo("crm");
    JsonNode status = center.get(HOOKS + "/crm/status", admin).json();
    assertThat(status.get("delivered").asLong()).isEqualTo(1);
    assertThat(status.get("inFlight").asBoolean()).isFalse();

    // a PUT without the secret keeps it; the same PUT twice answers the same ETag
    String again = "{\"url\":\"" + receiver.url("/hook") + "\",\"types\":[\"session.queued\"]}";
    assertThat(center.send("PUT", HOOKS + "/crm", admin, again).etag()).isEqualTo(put.etag());
    assertThat(webhooks.get().subscriptions(ACME).get(0).secret()).isEqualTo(SECRET);
    assertThat(center.send("PUT", HOOKS + "/crm", admin, again, "If-Match", "\"stale\"").status()).isEqualTo(412);

    assertThat(center.send("DELETE", HOOKS + "/crm", admin, null).status()).isEqualTo(204);
    assertThat(center.get(HOOKS + "/crm", admin).status()).isEqualTo(404);
    assertThat(webhooks.get().subscriptions(ACME)).isEmpty();
  }

  @Test
  @DisplayName("answers a subscription's status 503 Unavailable while the host has not started its webhook delivery")
  void deliveryNotStarted() throws IOException {
    try (Center idle = new Center((parley, b) -> b.webhooks(Webhooks.builder(parley).build()))) {
      String token = idle.adminToken(ACME);
      assertThat(idle.send("PUT", HOOKS + "/crm", token, subscription("[\"session.queued\"]")).status()).isLessThan(300);
      Center.Answer status = idle.get(HOOKS + "/crm/status", token);
      assertThat(status.status()).isEqualTo(503);
      assertThat(status.json().at("/error/type").asString()).as(status.body()).isEqualTo("Unavailable");
    }
  }

  @Test
  @DisplayName("refuses a bad URL, an unknown event type, a short or missing secret by the field, and subscribes nothing")
  void refusals() throws IOException {
    center.send("PUT", HOOKS + "/crm", admin, "{\"url\":\"ftp://x\",\"secret\":\"" + SECRET + "\"}")
        .assertRefusedField("url");
    center.send("PUT", HOOKS + "/crm", admin, subscription("[\"session.queued\",\"session.lost\"]"))
        .assertRefusedField("types[1]");
    center.send("PUT", HOOKS + "/crm", admin, "{\"url\":\"https://crm.example/h\",\"secret\":\"short\"}")
        .assertRefusedField("secret");
    center.send("PUT", HOOKS + "/crm", admin, "{\"url\":\"https://crm.example/h\"}").assertRefusedField("secret");
    assertThat(webhooks.get().subscriptions(ACME)).isEmpty();
    assertThat(center.get(HOOKS + "/crm/status", admin).status()).isEqualTo(404);
    assertThat(center.send("POST", HOOKS + "/crm/replay", admin, "{\"from\":\"2026-01-01T00:00:00Z\"}").status())
        .isEqualTo(404);
    assertThat(center.get(HOOKS, center.adminToken(TenantId.of("globex"))).status()).isEqualTo(403);
  }

  @Test
  @DisplayName("lists an event its receiver kept failing as a dead letter, and a replay from before it delivers it again")
  void deadLettersAndReplay() throws Exception {
    Instant before = Instant.now();
    center.send("PUT", HOOKS + "/crm", admin, subscription("[\"session.queued\"]"));
    answer.set(503);
    arrive("s1");
    JsonNode letters = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && (letters == null || letters.isEmpty())) {
      got.poll(100, TimeUnit.MILLISECONDS);
      letters = center.get(HOOKS + "/crm/dead-letters", admin).json().get("items");
    }
    assertThat(letters).as(requests + " requests").hasSize(1);
    assertThat(letters.get(0).get("type").asString()).isEqualTo("session.queued");
    assertThat(letters.get(0).get("session").asString()).isEqualTo("s1");
    assertThat(letters.get(0).get("lastError").asString()).contains("503");
    assertThat(center.get(HOOKS + "/crm/status", admin).json().get("deadLettered").asLong()).isEqualTo(1);

    answer.set(200);
    got.clear();
    Center.Answer replay = center.send("POST", HOOKS + "/crm/replay", admin, "{\"from\":\"" + before + "\"}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("session.queued 200");
    assertThat(center.get(HOOKS + "/crm/dead-letters", admin).json().get("items")).isEmpty();
    center.send("POST", HOOKS + "/crm/replay", admin, "{\"from\":\"yesterday\"}").assertRefusedField("from");
  }
}
