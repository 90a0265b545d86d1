package dev.parley.webhooks;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * How long to wait before the next attempt of a failing event: exponential back-off with jitter,
 * unless the receiver said how long in a {@code Retry-After} header.
 *
 * <p>The wait after attempt {@code n} is drawn uniformly from {@code [cap/2, cap)}, where {@code
 * cap = min(max, initial * 2^(n-1))} ("equal jitter": receivers coming back are not hit by every
 * sender at once, and no wait collapses to zero).
 *
 * <p>Thread safety: immutable.
 */
record Backoff(Duration initial, Duration max) {
  Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial back-off <= max back-off, not " + initial + ", " + max);
    }
  }

  /** The wait after failed attempt {@code attempt} (from 1), for {@code random} in [0, 1). */
  Duration delay(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, not " + attempt);
    }
    double cap = Math.min(max.toNanos(), initial.toNanos() * Math.pow(2, Math.min(attempt - 1, 62)));
    return Duration.ofNanos((long) (cap / 2 + cap / 2 * random));
  }

  /**
   * The wait a {@code Retry-After} header asks for: delay-seconds or an HTTP-date (RFC 9110), never
   * negative; null when there is no header or it is neither.
   */
  static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null; // more digits than a long holds
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeException e) {
      return null;
    }
  }
}
