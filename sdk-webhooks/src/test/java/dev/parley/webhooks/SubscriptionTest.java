package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.TenantId;
import dev.parley.core.event.EventType;
import dev.parley.storage.OutboxRecord;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Subscription and what is stored of it")
class SubscriptionTest {
  private static final URI URL = URI.create("https://crm.example.com/hooks?source=parley");
  private static final String SECRET = "0123456789abcdef0123";

  @Test
  @DisplayName("checks its id, URL, types and secret, naming what is wrong but never the secret")
  void checks() {
    assertThatThrownBy(() -> Subscription.builder("has space", URL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'has space'");
    assertThatThrownBy(() -> Subscription.builder("crm:1", URL)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subscription.builder("crm", URI.create("ftp://crm/x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://crm/x");
    assertThatThrownBy(() -> Subscription.builder("crm", URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subscription.builder("crm", URL).secret("short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16").hasMessageNotContaining("short");
    assertThatThrownBy(() -> Subscription.builder("crm", URL).secret(SECRET).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("events(");
    assertThatThrownBy(() -> Subscription.builder("crm", URL).events(EventType.SESSION_ENDED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret(");
  }

  @Test
  @DisplayName("wants its types by wire name, and keeps its secret out of toString")
  void wantsAndToString() {
    Subscription s = Subscription.builder("crm", URL).events(EventType.SESSION_ENDED, EventType.MESSAGE_RECEIVED)
        .secret(SECRET).build();

    assertThat(s.wants("session.ended")).isTrue();
    assertThat(s.wants("session.queued")).isFalse();
    assertThat(s.toString()).contains("crm", URL.toString()).doesNotContain(SECRET);
    assertThat(Subscription.builder("all", URL).allEvents().secret(SECRET).build().events()).containsExactly(EventType.values());
  }

  @Test
  @DisplayName("is stored and read back equal; so are a failing event and a dead letter")
  void roundTrips() {
    TenantId acme = TenantId.of("acme");
    Subscription s = Subscription.builder("crm.main", URL).events(EventType.CLIENT_BLOCKED, EventType.SESSION_QUEUED)
        .secret(SECRET + "=,;\"").build();
    Failing f = new Failing(42, Instant.parse("2030-01-01T09:00:00Z"), 7, "java.net.ConnectException: refused");
    DeadLetter d = new DeadLetter("acme", "crm.main", 42, new OutboxRecord("acme", 42, "session.queued", null,
        Instant.EPOCH, "{}").idempotencyKey(), "session.queued", null, Instant.EPOCH, f.since(),
        f.since().plusSeconds(86_400), 7, "HTTP 500");

    assertThat(WebhookCodec.subscription(WebhookCodec.encode(acme, s))).isEqualTo(s);
    assertThat(WebhookCodec.failing(WebhookCodec.encode(acme, "crm.main", f))).isEqualTo(f);
    assertThat(WebhookCodec.deadLetter(WebhookCodec.encode(d))).isEqualTo(d);
    assertThat(WebhookCodec.encode(d).key()).isEqualTo("crm.main:0000000000000000042");
  }
}
