package dev.parley.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.RateLimit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The token bucket of an account")
class TokenBucketTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final TokenBucket bucket = new TokenBucket(new RateLimit(10, 3), nanos::get);

  @Test
  @DisplayName("lets a burst through at once, then spaces calls at the sustained rate")
  void burstThenRate() {
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(100_000_000L);
    assertThat(bucket.reserve()).isEqualTo(200_000_000L);
  }

  @Test
  @DisplayName("refills with time, never beyond the burst")
  void refill() {
    for (int i = 0; i < 3; i++) {
      bucket.reserve();
    }
    nanos.addAndGet(10_000_000_000L);

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isPositive();
  }
}
