package dev.parley.examples.simulate;

import dev.parley.core.stats.EstimateAccuracy;
import java.util.Optional;

/**
 * What a simulation measured over its window after the warm-up, each figure with its 95 %
 * confidence interval (see {@link Estimate} for the method: batch means, and the batch jackknife
 * for the occupancy spread).
 *
 * <p>Definitions, over the clients who arrived in the measured window and were answered or
 * abandoned (the run goes on past the window until every one of them is):
 *
 * <ul>
 *   <li><b>probability of waiting</b>: the share of them who did not get an operator at once;
 *   <li><b>average speed of answer</b>: the mean wait of the answered ones, zero waits included;
 *   <li><b>service level</b>: the share of all arrivals answered within the threshold T (an
 *       abandoned client counts as not answered);
 *   <li><b>abandonment rate</b>: the share of arrivals who left before being answered;
 *   <li><b>occupancy</b>: busy slot-time / (operators × capacity × window length);
 *   <li><b>occupancy spread</b>: the busiest operator's occupancy over the least busy one's;
 *   <li><b>estimate error</b>: over the answered clients who had to wait, the mean size of the
 *       difference between the wait the engine estimated on their arrival and the wait they had;
 *   <li><b>estimates within ±30 s</b>: the share of those estimates off by no more than 30 s.
 * </ul>
 *
 * <p>Thread safety: immutable, but for the arrays and the histogram, which nobody changes after
 * the run.
 *
 * @param options what was simulated
 * @param sessions clients who arrived in the measured window
 * @param answered of them, those an operator accepted
 * @param abandoned of them, those who left while waiting
 * @param callsSimulated every arrival of the run, warm-up included: the work done
 * @param probabilityOfWaiting P(wait)
 * @param averageSpeedOfAnswer ASA, in seconds
 * @param serviceLevel the share answered within T
 * @param occupancy the share of slot-time busy
 * @param occupancySpread the highest operator occupancy over the lowest
 * @param abandonRate the share who abandoned
 * @param estimateError the mean absolute error of the estimates told on arrival, in seconds
 * @param estimateWithinTolerance the share of those estimates within ±30 s
 * @param engineEstimates the same estimates as the engine's statistics checked them
 * @param engineAllEstimates every estimate the answered clients of the window were told as the
 *     queue moved, one per place, as the engine's statistics checked them
 * @param operatorOccupancy each operator's occupancy, by operator index
 * @param waits the waits of answered clients who waited
 * @param queue the queue length over the whole run
 * @param cpuSeconds CPU time of the simulating thread
 */
public record SimulationResult(
    SimulationOptions options,
    long sessions,
    long answered,
    long abandoned,
    long callsSimulated,
    Estimate probabilityOfWaiting,
    Estimate averageSpeedOfAnswer,
    Estimate serviceLevel,
    Estimate occupancy,
    Estimate occupancySpread,
    Estimate abandonRate,
    Estimate estimateError,
    Estimate estimateWithinTolerance,
    EstimateAccuracy engineEstimates,
    EstimateAccuracy engineAllEstimates,
    double[] operatorOccupancy,
    WaitHistogram waits,
    QueueTrace queue,
    double cpuSeconds) {

  /** The Erlang C model of the same inputs, when it applies (capacity 1, no abandonment, stable). */
  public Optional<ErlangC> erlangC() {
    return options.erlangCApplies()
        ? Optional.of(new ErlangC(options.operators(), options.offeredLoad()))
        : Optional.empty();
  }

  /** Arrivals simulated per second of CPU time. */
  public double callsPerCpuSecond() {
    return cpuSeconds > 0 ? callsSimulated / cpuSeconds : Double.NaN;
  }
}
