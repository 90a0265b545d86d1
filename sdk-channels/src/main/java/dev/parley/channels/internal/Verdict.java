package dev.parley.channels.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a vendor's answer to one call means for the {@link HttpSender}. */
public sealed interface Verdict {
  /** Accepted; {@code messageId} is the vendor's id of the message, possibly empty. */
  record Success(String messageId) implements Verdict {}

  /** Worth another try, after {@code after} if the vendor said so. */
  record Retry(String reason, @Nullable Duration after) implements Verdict {}

  /** Refused for good. */
  record Reject(int status, String reason) implements Verdict {}
}
