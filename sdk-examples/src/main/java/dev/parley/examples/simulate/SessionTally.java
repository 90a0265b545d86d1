package dev.parley.examples.simulate;

/**
 * Counts, per batch of arrival, what became of the clients who arrived in the measured window:
 * answered (at once or after a wait, and within the service-level threshold or not, with the sum
 * of their waits) or abandoned; and how far the wait estimate each waiting one was told on arrival
 * was from his answer.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class SessionTally {
  /** An estimate off by no more than this counts as right. */
  static final long ESTIMATE_TOLERANCE_NANOS = 30_000_000_000L;

  final long[] arrived = new long[Batches.COUNT];
  final long[] answered = new long[Batches.COUNT];
  final long[] answeredAfterWait = new long[Batches.COUNT];
  final long[] answeredWithinTarget = new long[Batches.COUNT];
  final long[] abandoned = new long[Batches.COUNT];
  /** Sum of the answered clients' waits, in seconds. */
  final double[] waitSeconds = new double[Batches.COUNT];
  /** Answered clients told an estimate on arrival; of them, those it was right for; its errors' sizes summed, in seconds. */
  final long[] estimated = new long[Batches.COUNT];
  final long[] estimatedWithin = new long[Batches.COUNT];
  final double[] estimateErrorSeconds = new double[Batches.COUNT];
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

  /** A client of the batch told an estimate was answered {@code errorNanos} after (or, negative, before) it. */
  void estimated(int batch, long errorNanos) {
    estimated[batch]++;
    long size = Math.abs(errorNanos);
    estimateErrorSeconds[batch] += size / 1e9;
    if (size <= ESTIMATE_TOLERANCE_NANOS) {
      estimatedWithin[batch]++;
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
