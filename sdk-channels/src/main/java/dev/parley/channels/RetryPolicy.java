package dev.parley.channels;

import java.time.Duration;
import java.util.Objects;

/**
 * How outbound calls are retried after a network error, a 429 or a 5xx: up to {@code maxAttempts}
 * calls in all, waiting a random time between zero and an exponentially growing cap ("full
 * jitter"), or exactly what the vendor's {@code Retry-After} asks when it asks no more than {@code
 * maxRetryAfter}. Other 4xx answers are never retried.
 *
 * <pre>{@code
 * RetryPolicy patient = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, Duration.ofMinutes(2));
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param maxAttempts calls in all, at least 1 (1: never retry)
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the largest cap
 * @param multiplier how much the cap grows per attempt, at least 1
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the retries
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, Duration maxRetryAfter) {
  /** Five attempts, waits capped at 0.5 s, 1 s, 2 s, 4 s; {@code Retry-After} up to a minute. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, Duration.ofMinutes(1));

  /** Checks the components. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff and maxRetryAfter >= 0, not "
          + initialBackoff + ", " + maxBackoff + ", " + maxRetryAfter);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a finite number >= 1, not " + multiplier);
    }
  }

  /**
   * The wait before call {@code attempt + 1} after call {@code attempt} failed: {@code random}
   * (in [0, 1)) times {@code min(maxBackoff, initialBackoff * multiplier^(attempt - 1))}.
   */
  public Duration backoff(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, not " + attempt);
    }
    if (!(random >= 0.0 && random < 1.0)) {
      throw new IllegalArgumentException("random must be in [0, 1), not " + random);
    }
    double cap = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(cap, maxBackoff.toNanos());
    return Duration.ofNanos((long) (capped * random));
  }
}
