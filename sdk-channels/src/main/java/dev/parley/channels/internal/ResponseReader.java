package dev.parley.channels.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads a vendor's answer to one call into a {@link Verdict}. Called on an OkHttp thread; must not
 * block. An exception thrown here fails the send.
 */
@FunctionalInterface
public interface ResponseReader {
  /** What {@code status}, {@code headers} and (the start of) {@code body} mean. */
  Verdict read(int status, Headers headers, String body);

  /**
   * The usual reading by status: 2xx succeeds with the id {@code messageId} finds in the body;
   * 429 and 503 retry after {@code Retry-After}; other 5xx retry; other statuses are refused.
   */
  static ResponseReader byStatus(Function<String, String> messageId, Clock clock) {
    return (status, headers, body) -> {
      if (status >= 200 && status < 300) {
        return new Verdict.Success(messageId.apply(body));
      }
      String reason = "HTTP " + status + ": " + Json.shorten(body);
      if (status == 429 || status == 503) {
        return new Verdict.Retry(reason, retryAfter(headers.get("Retry-After"), clock));
      }
      if (status >= 500) {
        return new Verdict.Retry(reason, null);
      }
      return new Verdict.Reject(status, reason);
    };
  }

  /** The wait a {@code Retry-After} value asks for: seconds or an HTTP date; null if absent or bad. */
  static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
