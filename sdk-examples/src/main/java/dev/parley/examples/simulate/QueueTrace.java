package dev.parley.examples.simulate;

/**
 * The number of waiting clients over the whole run, warm-up included, as its time average over
 * 400 equal intervals: the queue-length chart of the report. Averages, unlike
 * samples at instants, miss no peak's weight however short it is.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
public final class QueueTrace {
  static final int INTERVALS = 400;

  private final long stepNanos;
  private final long endNanos;
  /** Per interval: waiting clients × nanoseconds. */
  private final double[] area;
  private int interval;
  /** The end of the current interval. */
  private long boundary;
  private long last;

  /** A trace of {@code [0, endNanos)}. */
  QueueTrace(long endNanos) {
    this.endNanos = Math.max(1, endNanos);
    this.stepNanos = Math.max(1, (this.endNanos + INTERVALS - 1) / INTERVALS);
    this.area = new double[(int) ((this.endNanos + stepNanos - 1) / stepNanos)];
    this.boundary = stepNanos;
  }

  /** The queue held {@code waiting} clients from the last call until {@code t}. */
  void advance(long t, int waiting) {
    long to = Math.min(t, endNanos);
    if (to <= last) {
      return;
    }
    while (to >= boundary) {
      area[interval++] += (double) waiting * (boundary - last);
      last = boundary;
      boundary += stepNanos;
    }
    if (to > last) {
      area[interval] += (double) waiting * (to - last);
      last = to;
    }
  }

  /** The mean queue length of each interval, the first starting at time 0. */
  public double[] means() {
    double[] means = new double[area.length];
    for (int i = 0; i < area.length; i++) {
      long length = Math.min(stepNanos, endNanos - i * stepNanos);
      means[i] = area[i] / length;
    }
    return means;
  }

  /** The length of each interval, in seconds. */
  public double stepSeconds() {
    return stepNanos / 1e9;
  }
}
