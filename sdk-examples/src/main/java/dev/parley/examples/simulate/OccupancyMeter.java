package dev.parley.examples.simulate;

/**
 * Integrates each operator's load (sessions in hand) over virtual time, clipped to the measured
 * window and split by batch: the busy slot-time from which occupancy and its spread across
 * operators follow.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class OccupancyMeter {
  private final Batches batches;
  private final int operators;
  private final int[] load;
  private final long[] since;
  /**
   * Busy slot-nanoseconds, operator-major: {@code [operator * COUNT + batch]}. Doubles, because a
   * long would overflow after a few years of virtual time at capacity 100.
   */
  private final double[] busy;
  /** The batch of the last integration's start: the next one most likely starts in it too. */
  private int batch;

  OccupancyMeter(Batches batches, int operators) {
    this.batches = batches;
    this.operators = operators;
    this.load = new int[operators];
    this.since = new long[operators];
    this.busy = new double[operators * Batches.COUNT];
  }

  /** The operator's load changes by {@code delta} at {@code t}. */
  void change(int operator, long t, int delta) {
    int l = load[operator];
    if (l > 0) {
      integrate(operator, since[operator], t, l);
    }
    since[operator] = t;
    load[operator] = l + delta;
  }

  /** Closes every operator's account at the end of the window; the loads hold until then. */
  void finish() {
    for (int op = 0; op < operators; op++) {
      change(op, Math.max(since[op], batches.end()), 0);
    }
  }

  /** The operator's busy slot-nanoseconds in batch {@code b}. */
  double busy(int operator, int b) {
    return busy[operator * Batches.COUNT + b];
  }

  /** The operator's busy slot-nanoseconds over the whole window. */
  double busy(int operator) {
    double total = 0;
    for (int b = 0; b < Batches.COUNT; b++) {
      total += busy[operator * Batches.COUNT + b];
    }
    return total;
  }

  private void integrate(int operator, long from, long to, int l) {
    long a = Math.max(from, batches.start());
    long z = Math.min(to, batches.end());
    if (a >= z) {
      return;
    }
    int b = batch;
    if (a < batches.boundary(b) || a >= batches.boundary(b + 1)) {
      b = batches.of(a);
      batch = b;
    }
    int base = operator * Batches.COUNT;
    while (a < z) {
      long stop = Math.min(z, batches.boundary(b + 1));
      busy[base + b] += (double) l * (stop - a);
      a = stop;
      b++;
    }
  }
}
