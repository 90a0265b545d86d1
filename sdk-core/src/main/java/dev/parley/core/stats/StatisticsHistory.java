package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.TenantId;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's figures over the last hours: per group, a {@linkplain GroupSample sample} every
 * {@link StatisticsSettings#historyEvery()}, for the last {@link StatisticsSettings#historySpan()},
 * oldest first: what an administrator's dashboard draws.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant
 * @param every how often the figures are sampled
 * @param span how far back the samples reach
 * @param groups each group's samples, oldest first, the groups in the order the statistics first
 *     heard of them
 */
public record StatisticsHistory(TenantId tenant, Duration every, Duration span, Map<GroupId, List<GroupSample>> groups) {
  /** Checks and copies the components. */
  public StatisticsHistory {
    requireNonNull(tenant, "tenant");
    requireNonNull(every, "every");
    requireNonNull(span, "span");
    Map<GroupId, List<GroupSample>> copy = new LinkedHashMap<>();
    requireNonNull(groups, "groups").forEach((g, samples) -> copy.put(requireNonNull(g, "group"), List.copyOf(samples)));
    groups = Collections.unmodifiableMap(copy);
  }
}
