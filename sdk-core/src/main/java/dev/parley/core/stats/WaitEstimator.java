package dev.parley.core.stats;

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
 * <p>Thread safety: stateless.
 */
final class WaitEstimator {
  private WaitEstimator() {}

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
  static double waitNanos(int position, int inService, double holdingNanos, double abandonsPerWaitingNano,
      double offerNanos) {
    if (position < 1 || inService < 1 || !(holdingNanos > 0)) {
      return Double.NaN;
    }
    double finishing = inService / holdingNanos;
    double wait = 0;
    for (int ahead = 0; ahead < position; ahead++) {
      wait += 1 / (finishing + ahead * abandonsPerWaitingNano);
    }
    return wait + offerNanos;
  }
}
