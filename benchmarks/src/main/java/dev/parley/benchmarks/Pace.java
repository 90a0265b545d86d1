package dev.parley.benchmarks;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How {@link LatencyHarness}'s sender waits for a command's send time.
 *
 * <p>Thread safety: stateless.
 */
enum Pace {
  /**
   * Spins, parking only when the send is more than 0.5 ms away (parking overshoots by tens of
   * microseconds): it sends on time, but keeps a core busy.
   */
  SPIN(500_000, 400_000),
  /** Parks until the send is due: it leaves the core to others, but sends late by the timer slack, in small bursts. */
  PARK(0, 0);

  private final long parkBeyond;
  private final long spinLast;

  Pace(long parkBeyond, long spinLast) {
    this.parkBeyond = parkBeyond;
    this.spinLast = spinLast;
  }

  /** The pace of that name, lower case. */
  static Pace named(String name) {
    for (Pace pace : values()) {
      if (pace.name().toLowerCase(Locale.ROOT).equals(name)) {
        return pace;
      }
    }
    throw new IllegalArgumentException("the pace is spin or park, not '" + name + "'");
  }

  /** Returns once {@code intended}, a {@link System#nanoTime()} value, has come; returns the time then. */
  long await(long intended) {
    long now;
    while ((now = System.nanoTime()) < intended) {
      if (intended - now > parkBeyond) {
        LockSupport.parkNanos(intended - now - spinLast);
      } else {
        Thread.onSpinWait();
      }
    }
    return now;
  }
}
