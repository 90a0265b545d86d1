package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's live statistics at one instant: per group and per operator, plus how accurate the
 * wait estimates have been since the statistics started.
 *
 * <pre>{@code
 * TenantStatistics stats = parley.statistics(acme);
 * GroupStatistics sales = stats.group(GroupId.of("sales")).orElseThrow();
 * sales.waiting();           // 4
 * sales.longestWait();       // PT1M12S
 * sales.serviceLevel();      // OptionalDouble[0.83]: answered within 20 s, last 30 minutes
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant
 * @param at when the figures were read
 * @param window how far back the figures over a window reach
 * @param groups every group the statistics know, in the order they first heard of each
 * @param operators every operator the statistics know, in the same order
 * @param firstEstimates the accuracy of each answered client's first estimate, since the start
 * @param allEstimates the accuracy of every estimate of answered clients, since the start
 */
public record TenantStatistics(
    TenantId tenant,
    Instant at,
    Duration window,
    List<GroupStatistics> groups,
    List<OperatorStatistics> operators,
    EstimateAccuracy firstEstimates,
    EstimateAccuracy allEstimates) {
  /** Copies the lists. */
  public TenantStatistics {
    requireNonNull(tenant, "tenant");
    requireNonNull(at, "at");
    requireNonNull(window, "window");
    groups = List.copyOf(groups);
    operators = List.copyOf(operators);
    requireNonNull(firstEstimates, "firstEstimates");
    requireNonNull(allEstimates, "allEstimates");
  }

  /** One group's statistics; empty for a group the statistics do not know. */
  public Optional<GroupStatistics> group(GroupId group) {
    requireNonNull(group, "group");
    return groups.stream().filter(g -> g.group().equals(group)).findFirst();
  }

  /** One operator's statistics; empty for an operator the statistics do not know. */
  public Optional<OperatorStatistics> operator(OperatorId operator) {
    requireNonNull(operator, "operator");
    return operators.stream().filter(o -> o.operator().equals(operator)).findFirst();
  }
}
