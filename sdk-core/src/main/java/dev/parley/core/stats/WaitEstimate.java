package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import java.time.Duration;
import java.time.Instant;

/**
 * What a waiting client is told: his place in the queue and how long he should still wait.
 *
 * <p>Thread safety: immutable.
 *
 * @param session the waiting session
 * @param group the group whose queue it waits in
 * @param position its 1-based place in the queue
 * @param expectedWait how much longer it should wait, from {@code at}
 * @param at when the estimate was made
 */
public record WaitEstimate(SessionId session, GroupId group, int position, Duration expectedWait, Instant at) {
  /** Checks the components. */
  public WaitEstimate {
    requireNonNull(session, "session");
    requireNonNull(group, "group");
    requireNonNull(expectedWait, "expectedWait");
    requireNonNull(at, "at");
    if (position < 1) {
      throw new IllegalArgumentException("a position is 1-based, not " + position);
    }
    if (expectedWait.isNegative()) {
      throw new IllegalArgumentException("an expected wait is not negative: " + expectedWait);
    }
  }

  /** When the client should be answered: {@code at + expectedWait}. */
  public Instant expectedAnswerAt() {
    return at.plus(expectedWait);
  }
}
