package dev.parley.examples.simulate;

/**
 * The measured window of a run, after the warm-up, cut into equal batches of virtual time for the
 * batch-means confidence intervals. Arrivals count in the batch they arrive in; busy time in the
 * batch it is spent in.
 *
 * <p>Thread safety: immutable.
 */
final class Batches {
  /** How many batches the window is cut into: 20 is the usual choice, enough degrees of freedom for a t interval. */
  static final int COUNT = 20;

  private final long start;
  private final long end;
  private final long[] bounds = new long[COUNT + 1];

  /** The window {@code [start, end)}, in nanoseconds of virtual time. */
  Batches(long start, long end) {
    this.start = start;
    this.end = end;
    for (int i = 0; i <= COUNT; i++) {
      bounds[i] = start + Math.round((end - start) * (double) i / COUNT);
    }
    bounds[COUNT] = end;
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }

  /** Whether {@code t} falls in the measured window. */
  boolean contains(long t) {
    return t >= start && t < end;
  }

  /** The first instant of batch {@code b}; {@code b == COUNT} gives the window's end. */
  long boundary(int b) {
    return bounds[b];
  }

  /** The length of batch {@code b} in nanoseconds. */
  long length(int b) {
    return bounds[b + 1] - bounds[b];
  }

  /** The batch of an instant inside the window. */
  int of(long t) {
    int b = (int) ((t - start) * (double) COUNT / (end - start));
    if (b >= COUNT) {
      b = COUNT - 1;
    }
    while (b > 0 && t < bounds[b]) {
      b--;
    }
    while (b < COUNT - 1 && t >= bounds[b + 1]) {
      b++;
    }
    return b;
  }
}
