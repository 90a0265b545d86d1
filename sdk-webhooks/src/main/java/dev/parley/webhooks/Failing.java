package dev.parley.webhooks;

import java.time.Instant;

/**
 * The event a subscription is stuck on: since when its attempts fail, how many did, and what the
 * last one got. Kept in storage so that a restart does not start its horizon again.
 *
 * <p>Thread safety: immutable.
 */
record Failing(long seq, Instant since, int attempts, String lastError) {
  /** After one more failed attempt. */
  Failing again(String error) {
    return new Failing(seq, since, attempts + 1, error);
  }
}
