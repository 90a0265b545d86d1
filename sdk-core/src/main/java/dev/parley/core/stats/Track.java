package dev.parley.core.stats;

import dev.parley.core.SessionId;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the statistics follow of one live session: while it waits, since when, in which group and
 * what it was told; while it is served, by whom and since when. Instants are epoch nanoseconds,
 * {@link #NONE} when unknown.
 *
 * <p>Thread safety: none; its tenant's lock guards it.
 */
final class Track {
  static final long NONE = Long.MIN_VALUE;
  /** How many estimates a session keeps at most: one per place it passed through, up to this. */
  static final int MAX_ESTIMATES = 1_024;
  private static final long[] NO_ESTIMATES = new long[0];

  final SessionId id;
  /** The group it waits in or is served for; null for a client waiting for one operator alone. */
  @Nullable GroupTally group;
  boolean waiting;
  long waitingSince = NONE;
  /** The standing offer's instant, while one stands. */
  long offeredAt = NONE;
  /** Its neighbours in its group's {@link WaitingTracks}, while it waits there. */
  @Nullable Track earlier;
  @Nullable Track later;

  /** The instant the first estimate of this wait said the client would be answered. */
  long firstPredicted = NONE;
  /** Each estimate's predicted instant of answer, one per place in the queue. */
  long[] predicted = NO_ESTIMATES;
  int estimates;
  int lastPosition;

  @Nullable OperatorTally operator;
  long acceptedAt = NONE;
  long endedAt = NONE;

  Track(SessionId id) {
    this.id = id;
  }

  /** Remembers an estimate: the first one, and one for each new place in the queue. */
  void estimated(int position, long predictedAt) {
    if (firstPredicted == NONE) {
      firstPredicted = predictedAt;
    }
    if (position == lastPosition || estimates == MAX_ESTIMATES) {
      return;
    }
    if (estimates == predicted.length) {
      predicted = Arrays.copyOf(predicted, Math.max(4, estimates * 2));
    }
    predicted[estimates++] = predictedAt;
    lastPosition = position;
  }

  /** Forgets the estimates: they were about a wait that ended unanswered. */
  void forgetEstimates() {
    firstPredicted = NONE;
    predicted = NO_ESTIMATES;
    estimates = 0;
    lastPosition = 0;
  }

  @Override
  public String toString() {
    return id.value();
  }
}
