package dev.parley.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Records each command's latency for {@link LatencyHarness}: command {@code k} is due at {@code
 * start + k / rate}; the sender stamps when it actually went out; a target reports when its
 * answer arrived. The first {@code unrecorded} commands (the warm-up) are counted but not recorded.
 *
 * <p>Thread safety: {@link #arrived} is called by one thread at a time (a target's delivery
 * thread); the histograms are read after the target closed, which orders the reads after it.
 */
final class LatencyProbe {
  final Histogram fromIntended = new Histogram(3);
  final Histogram fromSubmit = new Histogram(3);
  /** Commands answered, warm-up included. */
  final AtomicLong seen = new AtomicLong();
  /** When each command was submitted, by {@link System#nanoTime()}. */
  final long[] sentAt;
  private final int rate;
  private final long unrecorded;
  /** When command 0 is due, by {@link System#nanoTime()}; set before the first send. */
  volatile long start;

  LatencyProbe(int rate, int commands, long unrecorded) {
    this.rate = rate;
    this.sentAt = new long[commands];
    this.unrecorded = unrecorded;
  }

  /** When command {@code k} is due. */
  long intended(long k) {
    return start + k * 1_000_000_000L / rate;
  }

  /** Command {@code k}'s answer arrived now. */
  void arrived(long k) {
    long now = System.nanoTime();
    if (k >= unrecorded) {
      fromIntended.recordValue(Math.max(0, now - intended(k)));
      fromSubmit.recordValue(Math.max(0, now - sentAt[(int) k]));
    }
    seen.incrementAndGet();
  }
}
