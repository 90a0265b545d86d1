package dev.parley.core.stats;

import java.util.Arrays;

/**
 * The wait model: how long the client at a given place in a queue should still wait.
 *
 * <p>While clients wait, every operator who could serve them is busy (the router is
 * work-conserving), so the queue moves when a session in service finishes or a client ahead
 * leaves. With {@code n} sessions in service whose holding time (handle plus wrap-up) has mean
 * {@code h}, sessions finish at rate {@code n / h}; each of the {@code j} clients ahead leaves at
 * rate {@code θ}, the group's abandonments per unit of time spent waiting (the maximum-likelihood
 * estimate for exponential patience: abandonments over the total time all clients waited). Moving
 * from {@code j} ahead to {@code j - 1} then takes {@code 1 / (n / h + j θ)} on average, and the
 * client at place {@code k} waits
 *
 * <pre>
 *   E[W | k] = Σ_{j=0}^{k-1} 1 / (n / h + j θ)  +  a
 * </pre>
 *
 * where {@code a} is the mean time from an offer to its acceptance (zero with auto-accept). This is
 * exact for the Erlang A queue (Poisson arrivals, exponential service and patience, first come,
 * first served); {@code n}, {@code h}, {@code θ} and {@code a} are the group's own figures over the
 * statistics window. Operators shared with other groups make the group's share of the freed
 * places an approximation.
 *
 * <p>When the queue moves, every waiting client is told his new place at once, with the same
 * figures: the sums over {@code j} are kept for the last figures asked about, so that telling a
 * queue of {@code n} costs O(n), not O(n²). The sums are added in the same order either way, so
 * the estimates are the same to the last bit.
 *
 * <p>Thread safety: none; its group's tenant lock guards it.
 */
final class WaitEstimator {
  /** {@code sums[p - 1]}: the wait at place {@code p} without the offer time, for places up to {@code known}. */
  private double[] sums = new double[16];
  private int known;
  /** The figures the sums are for. */
  private int inService;
  private double holdingNanos;
  private double abandonsPerWaitingNano;
  private double offerNanos;

  /**
   * The expected wait in nanoseconds, or NaN when the figures cannot tell: nobody in service, or no
   * holding time known yet.
   *
   * @param position the client's 1-based place in the queue
   * @param inService sessions being served now
   * @param holdingNanos their mean holding time (handle plus wrap-up)
   * @param abandonsPerWaitingNano abandonments per nanosecond spent waiting, per client
   * @param offerNanos the mean time from offer to acceptance
   */
  double waitNanos(int position, int inService, double holdingNanos, double abandonsPerWaitingNano,
      double offerNanos) {
    return position >= 1 && figures(inService, holdingNanos, abandonsPerWaitingNano, offerNanos)
        ? waitNanos(position)
        : Double.NaN;
  }

  /**
   * Takes the figures of {@link #waitNanos(int)}'s estimates; false when they cannot tell (see
   * {@link #waitNanos(int, int, double, double, double)}), and then it must not be asked.
   */
  boolean figures(int inService, double holdingNanos, double abandonsPerWaitingNano, double offerNanos) {
    if (inService < 1 || !(holdingNanos > 0)) {
      return false;
    }
    if (inService != this.inService
        || Double.compare(holdingNanos, this.holdingNanos) != 0
        || Double.compare(abandonsPerWaitingNano, this.abandonsPerWaitingNano) != 0) {
      this.inService = inService;
      this.holdingNanos = holdingNanos;
      this.abandonsPerWaitingNano = abandonsPerWaitingNano;
      known = 0;
    }
    this.offerNanos = offerNanos;
    return true;
  }

  /** The expected wait in nanoseconds at a 1-based place, by the figures last taken. */
  double waitNanos(int position) {
    if (position > known) {
      if (position > sums.length) {
        sums = Arrays.copyOf(sums, Math.max(position, sums.length * 2));
      }
      double finishing = inService / holdingNanos;
      double wait = known == 0 ? 0 : sums[known - 1];
      for (int ahead = known; ahead < position; ahead++) {
        wait += 1 / (finishing + ahead * abandonsPerWaitingNano);
        sums[ahead] = wait;
      }
      known = position;
    }
    return sums[position - 1] + offerNanos;
  }
}
