package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One group's live statistics: its queue now, its operators' presence now, and what it served over
 * the statistics window (default the last 30 minutes).
 *
 * <p>A client <em>waits</em> from the moment he enters the group's queue (on arrival, after a
 * redirect or an escalation into it) until an operator accepts him, he leaves, or he is moved to
 * another group; an offer not yet accepted is still waiting, and so is a client of the group
 * redirected to one of its operators by name. Clients who came with an invitation belong to no
 * group. The service level is the share of clients answered within the group's threshold among
 * those answered or abandoned in the window.
 *
 * <p>Thread safety: immutable.
 *
 * @param group the group
 * @param waiting clients waiting now
 * @param longestWait how long the longest-waiting of them has waited; zero when none waits
 * @param online operators of the group online now
 * @param busy online operators of the group with at least one session in hand
 * @param away operators of the group away now
 * @param inService the group's sessions accepted and not yet done with (active or in wrap-up)
 * @param serviceLevelThreshold the wait within which an answer counts toward the service level
 * @param answeredInThreshold clients answered within the threshold in the window
 * @param abandoned clients who left while waiting, in the window
 * @param answeredWait the waits of the clients answered in the window, summed
 * @param service what the group served in the window
 * @param firstEstimates the accuracy of the first wait estimate each client answered in the window was given
 * @param allEstimates the accuracy of every estimate those clients were given as their queue moved
 */
public record GroupStatistics(
    GroupId group,
    int waiting,
    Duration longestWait,
    int online,
    int busy,
    int away,
    int inService,
    Duration serviceLevelThreshold,
    long answeredInThreshold,
    long abandoned,
    Duration answeredWait,
    ServiceFigures service,
    EstimateAccuracy firstEstimates,
    EstimateAccuracy allEstimates) {
  /** Checks the components. */
  public GroupStatistics {
    requireNonNull(group, "group");
    requireNonNull(longestWait, "longestWait");
    requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    requireNonNull(answeredWait, "answeredWait");
    requireNonNull(service, "service");
    requireNonNull(firstEstimates, "firstEstimates");
    requireNonNull(allEstimates, "allEstimates");
  }

  /**
   * Answered within the threshold over answered or abandoned, in the window, from 0 to 1; empty
   * when nobody was answered or left.
   */
  public OptionalDouble serviceLevel() {
    return share(answeredInThreshold, service.answered(), abandoned);
  }

  /** Abandoned over answered or abandoned, in the window, from 0 to 1; empty when neither happened. */
  public OptionalDouble abandonmentRate() {
    return share(abandoned, service.answered(), abandoned);
  }

  /** {@code part} over answered plus abandoned; empty when neither happened. */
  static OptionalDouble share(long part, long answered, long abandoned) {
    long resolved = answered + abandoned;
    return resolved == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / resolved);
  }

  /** The mean wait of the clients answered in the window (average speed of answer). */
  public Optional<Duration> averageSpeedOfAnswer() {
    long answered = service.answered();
    return answered == 0 ? Optional.empty() : Optional.of(answeredWait.dividedBy(answered));
  }
}
