package dev.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Back-off and Retry-After")
class RetryTimingTest {
  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));

  @Test
  @DisplayName("the cap doubles per attempt up to the maximum, and the jitter scales it")
  void backoff() {
    assertThat(policy.backoff(1, 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(10, 0.5)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ZERO);
  }

  @Test
  @DisplayName("nonsense settings are refused with the value named")
  void settings() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, Duration.ZERO))
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5, Duration.ZERO))
        .hasMessageContaining("0.5");
  }

  @Test
  @DisplayName("Retry-After is read as seconds or as an HTTP date against the clock")
  void retryAfter() {
    ManualClock clock = new ManualClock(Instant.parse("2015-10-21T07:28:00Z"));

    assertThat(ResponseReader.retryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
    assertThat(ResponseReader.retryAfter("Wed, 21 Oct 2015 07:29:00 GMT", clock)).isEqualTo(Duration.ofMinutes(1));
    assertThat(ResponseReader.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(ResponseReader.retryAfter("soon", clock)).isNull();
    assertThat(ResponseReader.retryAfter(null, clock)).isNull();
  }
}
