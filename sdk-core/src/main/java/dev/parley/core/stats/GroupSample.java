package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One group's figures at one instant of their {@linkplain LiveStatistics#history history}: its
 * queue and its operators then, and its service over the statistics window that ended then.
 *
 * <p>Thread safety: immutable.
 *
 * @param at when it was sampled
 * @param waiting clients waiting then
 * @param longestWaitSeconds how long the longest-waiting of them had waited, in whole seconds
 * @param online operators of the group online then
 * @param busy online operators of the group with at least one session in hand
 * @param away operators of the group away then
 * @param answered clients answered in the window
 * @param answeredInThreshold of those, the ones answered within the service-level threshold
 * @param abandoned clients who left while waiting, in the window
 */
public record GroupSample(
    Instant at,
    int waiting,
    long longestWaitSeconds,
    int online,
    int busy,
    int away,
    long answered,
    long answeredInThreshold,
    long abandoned) {
  /** Checks the components. */
  public GroupSample {
    requireNonNull(at, "at");
  }

  /** The sample of a group's figures read at {@code at}. */
  static GroupSample of(Instant at, GroupStatistics g) {
    return new GroupSample(at, g.waiting(), g.longestWait().toSeconds(), g.online(), g.busy(), g.away(),
        g.service().answered(), g.answeredInThreshold(), g.abandoned());
  }

  /** As {@link GroupStatistics#serviceLevel()}, for the window that ended then. */
  public OptionalDouble serviceLevel() {
    return GroupStatistics.share(answeredInThreshold, answered, abandoned);
  }

  /** As {@link GroupStatistics#abandonmentRate()}, for the window that ended then. */
  public OptionalDouble abandonmentRate() {
    return GroupStatistics.share(abandoned, answered, abandoned);
  }

  /** Busy operators over online ones, from 0 to 1; empty when nobody was online. */
  public OptionalDouble occupancy() {
    return online == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) busy / online);
  }
}
