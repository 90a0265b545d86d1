package dev.parley.examples.simulate;

import java.util.Arrays;

/**
 * The distribution of the waits of answered clients who did wait, in 512 equal bins
 * that widen as longer waits come: when a wait falls beyond the last bin, the bin width doubles and
 * neighbouring bins merge. Memory and cost stay fixed whatever the run's length and waits.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
public final class WaitHistogram {
  static final int BINS = 512;

  private final long[] counts = new long[BINS];
  private long binNanos;
  private long total;

  /** A histogram whose first bins are {@code initialBinNanos} wide. */
  WaitHistogram(long initialBinNanos) {
    this.binNanos = Math.max(1, initialBinNanos);
  }

  void add(long waitNanos) {
    while (waitNanos / binNanos >= BINS) {
      for (int i = 0; i < BINS / 2; i++) {
        counts[i] = counts[2 * i] + counts[2 * i + 1];
      }
      Arrays.fill(counts, BINS / 2, BINS, 0);
      binNanos *= 2;
    }
    counts[(int) (waitNanos / binNanos)]++;
    total++;
  }

  /** The width of each bin, in seconds. */
  public double binSeconds() {
    return binNanos / 1e9;
  }

  /** The count of bin {@code i}, which holds waits in {@code [i, i + 1) × binSeconds()}. */
  public long count(int i) {
    return counts[i];
  }

  /** The number of bins. */
  public int bins() {
    return BINS;
  }

  /** How many waits were added. */
  public long total() {
    return total;
  }
}
