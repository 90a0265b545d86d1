package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntToLongFunction;

/**
 * How close the wait estimates given to clients came to the waits they then had: each estimate of
 * a client later answered is compared with the time from the estimate to the answer. Estimates of
 * clients who left before being answered are not counted: their real wait is unknown (they would
 * have waited longer), and counting the time they stayed would reward estimates that happen to
 * match their patience.
 *
 * <pre>{@code
 * EstimateAccuracy first = parley.statistics(acme).firstEstimates();
 * first.meanAbsoluteError();     // Optional[PT41S]
 * first.shareWithinTolerance();  // OptionalDouble[0.62]: within ±30 s
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param estimates how many estimates were compared with a wait
 * @param withinTolerance how many of them were off by no more than {@code tolerance}
 * @param tolerance the error still counted as right (default 30 s)
 * @param totalAbsoluteError the errors' sizes, summed
 * @param totalError the errors, summed with their signs: positive when clients waited longer than told
 */
public record EstimateAccuracy(
    long estimates, long withinTolerance, Duration tolerance, Duration totalAbsoluteError, Duration totalError) {
  /** Checks the components. */
  public EstimateAccuracy {
    requireNonNull(tolerance, "tolerance");
    requireNonNull(totalAbsoluteError, "totalAbsoluteError");
    requireNonNull(totalError, "totalError");
    if (estimates < 0 || withinTolerance < 0 || withinTolerance > estimates) {
      throw new IllegalArgumentException(
          "need 0 <= withinTolerance <= estimates, not " + withinTolerance + " of " + estimates);
    }
  }

  /** Reads the four figures that start at {@code start}. */
  static EstimateAccuracy read(IntToLongFunction figures, int start, Duration tolerance) {
    return new EstimateAccuracy(
        figures.applyAsLong(start + Figure.ESTIMATES),
        figures.applyAsLong(start + Figure.WITHIN),
        tolerance,
        Duration.ofNanos(figures.applyAsLong(start + Figure.ABSOLUTE_ERROR_NANOS)),
        Duration.ofNanos(figures.applyAsLong(start + Figure.ERROR_NANOS)));
  }

  /** The sum of this and {@code other}, which must have the same tolerance. */
  public EstimateAccuracy plus(EstimateAccuracy other) {
    if (!tolerance.equals(other.tolerance)) {
      throw new IllegalArgumentException("tolerances differ: " + tolerance + " and " + other.tolerance);
    }
    return new EstimateAccuracy(estimates + other.estimates, withinTolerance + other.withinTolerance, tolerance,
        totalAbsoluteError.plus(other.totalAbsoluteError), totalError.plus(other.totalError));
  }

  /** The mean size of the error; empty before any estimate was compared. */
  public Optional<Duration> meanAbsoluteError() {
    return estimates == 0 ? Optional.empty() : Optional.of(totalAbsoluteError.dividedBy(estimates));
  }

  /** The mean error with its sign (the bias): positive when clients waited longer than told. */
  public Optional<Duration> meanError() {
    return estimates == 0 ? Optional.empty() : Optional.of(totalError.dividedBy(estimates));
  }

  /** The share of estimates off by no more than the tolerance, from 0 to 1. */
  public OptionalDouble shareWithinTolerance() {
    return estimates == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) withinTolerance / estimates);
  }
}
