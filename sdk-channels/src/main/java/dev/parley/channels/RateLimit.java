package dev.parley.channels;

/**
 * How fast one vendor account may be called: a token bucket refilled at {@code perSecond} tokens a
 * second, holding at most {@code burst}. A call over the limit waits its turn; it is not refused.
 *
 * <p>Thread safety: immutable.
 *
 * @param perSecond sustained calls per second, positive
 * @param burst calls that may go at once after a quiet spell, at least 1
 */
public record RateLimit(double perSecond, int burst) {
  /** Checks the components. */
  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be a positive number, not " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, not " + burst);
    }
  }
}
