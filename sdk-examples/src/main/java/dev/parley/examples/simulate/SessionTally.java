package dev.parley.examples.simulate;

/**
 * Counts, per batch of arrival, what became of the clients who arrived in the measured window:
 * answered (at once or after a wait, and within the service-level threshold or not, with the sum
 * of their waits) or abandoned.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class SessionTally {
  final long[] arrived = new long[Batches.COUNT];
  final long[] answered = new long[Batches.COUNT];
  final long[] answeredAfterWait = new long[Batches.COUNT];
  final long[] answeredWithinTarget = new long[Batches.COUNT];
  final long[] abandoned = new long[Batches.COUNT];
  /** Sum of the answered clients' waits, in seconds. */
  final double[] waitSeconds = new double[Batches.COUNT];
  private final long targetNanos;

  /** A tally whose service-level threshold is {@code targetNanos}. */
  SessionTally(long targetNanos) {
    this.targetNanos = targetNanos;
  }

  void arrive(int batch) {
    arrived[batch]++;
  }

  /** A client of the batch got an operator after {@code wait} nanoseconds; {@code atOnce} when he was not queued. */
  void answer(int batch, long wait, boolean atOnce) {
    answered[batch]++;
    waitSeconds[batch] += wait / 1e9;
    if (!atOnce) {
      answeredAfterWait[batch]++;
    }
    if (wait <= targetNanos) {
      answeredWithinTarget[batch]++;
    }
  }

  void abandon(int batch) {
    abandoned[batch]++;
  }

  static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
