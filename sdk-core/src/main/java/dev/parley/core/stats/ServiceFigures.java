package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * What a group or an operator served over the statistics window: sessions answered, and the time
 * from acceptance to end (handle time) and from end to completed wrap-up (wrap-up time) of those
 * that ended in it. A session is counted when each step happens: answered when accepted, handled
 * when ended, wrapped up when its wrap-up completes. Sessions passed on by a redirect while being
 * served are answered but not handled.
 *
 * <p>Thread safety: immutable.
 *
 * @param answered sessions accepted
 * @param handled sessions ended after an acceptance the statistics saw
 * @param handleTime their handle times, summed
 * @param wrappedUp wrap-ups completed after an end the statistics saw
 * @param wrapUpTime their wrap-up times, summed
 */
public record ServiceFigures(long answered, long handled, Duration handleTime, long wrappedUp, Duration wrapUpTime) {
  /** Checks the components. */
  public ServiceFigures {
    requireNonNull(handleTime, "handleTime");
    requireNonNull(wrapUpTime, "wrapUpTime");
  }

  static ServiceFigures read(IntToLongFunction figures) {
    return new ServiceFigures(
        figures.applyAsLong(Figure.ANSWERED),
        figures.applyAsLong(Figure.HANDLED),
        Duration.ofNanos(figures.applyAsLong(Figure.HANDLE_NANOS)),
        figures.applyAsLong(Figure.WRAPPED_UP),
        Duration.ofNanos(figures.applyAsLong(Figure.WRAP_UP_NANOS)));
  }

  /** The mean time from acceptance to end; empty when nothing ended. */
  public Optional<Duration> averageHandleTime() {
    return handled == 0 ? Optional.empty() : Optional.of(handleTime.dividedBy(handled));
  }

  /** The mean time from end to completed wrap-up; empty when no wrap-up completed. */
  public Optional<Duration> averageWrapUpTime() {
    return wrappedUp == 0 ? Optional.empty() : Optional.of(wrapUpTime.dividedBy(wrappedUp));
  }
}
