package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backoff")
class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");

  @Test
  @DisplayName("doubles its cap per attempt up to the maximum, and waits between half the cap and the cap")
  void exponentialWithJitter() {
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(7, 0.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(1_000, 0.5)).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  @DisplayName("refuses attempts below 1 and a maximum below the initial wait")
  void checks() {
    assertThatThrownBy(() -> backoff.delay(0, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2S");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("reads Retry-After as seconds or as an HTTP date, and ignores what is neither")
  void retryAfter() {
    assertThat(Backoff.retryAfter("120", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Backoff.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    assertThat(Backoff.retryAfter("Tue, 01 Jan 2030 09:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    assertThat(Backoff.retryAfter("Tue, 01 Jan 2030 08:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(Backoff.retryAfter(null, NOW)).isNull();
    assertThat(Backoff.retryAfter("", NOW)).isNull();
    assertThat(Backoff.retryAfter("soon", NOW)).isNull();
    assertThat(Backoff.retryAfter("-5", NOW)).isNull();
    assertThat(Backoff.retryAfter("99999999999999999999999", NOW)).isNull();
  }
}
