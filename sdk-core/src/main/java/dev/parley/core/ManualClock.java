package dev.parley.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told: for tests and simulations at virtual time. Give it to {@link
 * Parley.Builder#clock}, move it with {@link #advance}, then call {@link Parley#tick()} to fire
 * the deadlines that fell due.
 *
 * <p>Thread safety: safe for use by several threads; reads see the latest move.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward, not by " + d);
    }
    now = now.plus(d);
  }

  /** Sets the clock to a later instant. */
  public synchronized void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a manual clock only moves forward: " + instant + " is before " + now);
    }
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a manual clock is always UTC");
  }
}
