package dev.parley.micrometer;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.stats.GroupStatistics;
import dev.parley.core.stats.TenantStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's live statistics as Micrometer meters: per group, gauges of the queue, presence and the
 * figures over the statistics window; for the tenant, the accuracy of the wait estimates. Meters
 * exist only in the registry the host gives; Parley itself depends on no metrics library.
 *
 * <pre>{@code
 * ParleyMetrics metrics = ParleyMetrics.bindTo(parley, TenantId.of("acme"), registry);
 * // parley.group.waiting{tenant=acme,group=sales} 4
 * // parley.group.service.level{tenant=acme,group=sales} 0.83
 * metrics.close(); // removes the meters
 * }</pre>
 *
 * <p>Meters, each tagged {@code tenant} (and {@code group}): {@code parley.group.waiting}, {@code
 * parley.group.wait.longest}, {@code parley.group.operators} (tagged {@code state}: online, busy,
 * away), {@code parley.group.in.service}, {@code parley.group.answered}, {@code
 * parley.group.abandoned}, {@code parley.group.service.level}, {@code
 * parley.group.abandonment.rate}, {@code parley.group.speed.of.answer}, {@code
 * parley.group.handle.time}, {@code parley.group.wrap.up.time}; {@code
 * parley.wait.estimates.checked}, {@code parley.wait.estimate.error}, {@code
 * parley.wait.estimate.within.tolerance}. A figure that is not defined yet (a service level with
 * nobody answered) reads NaN. Groups defined later get their meters when defined; a removed
 * group's meters are removed.
 *
 * <p>Gauges read one copy of the statistics, taken at most once a second by the registry's clock,
 * so that a scrape of many meters costs one read.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class ParleyMetrics implements MeterBinder, AutoCloseable {
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

  private final Parley parley;
  private final TenantId tenant;
  private final EventListener groups = this::onEvent;
  /** Guarded by {@code this}. */
  private @Nullable MeterRegistry registry;
  private final Map<GroupId, List<Meter>> meters = new HashMap<>();
  private final List<Meter> tenantMeters = new ArrayList<>();
  private @Nullable TenantStatistics cached;
  private long cachedAt;

  /** Meters of one tenant's statistics; none exist until {@link #bindTo(MeterRegistry)}. */
  public ParleyMetrics(Parley parley, TenantId tenant) {
    this.parley = requireNonNull(parley, "parley");
    this.tenant = requireNonNull(tenant, "tenant");
  }

  /** Registers the tenant's meters in {@code registry}, and returns the binding (close it to remove them). */
  public static ParleyMetrics bindTo(Parley parley, TenantId tenant, MeterRegistry registry) {
    ParleyMetrics metrics = new ParleyMetrics(parley, tenant);
    metrics.bindTo(registry);
    return metrics;
  }

  /**
   * Registers the meters.
   *
   * @throws IllegalStateException if already bound to a registry
   * @throws IllegalStateException if the engine keeps no statistics
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    if (this.registry != null) {
      throw new IllegalStateException("already bound to " + this.registry + ": make one ParleyMetrics per registry");
    }
    this.registry = registry;
    Tags tags = Tags.of("tenant", tenant.value());
    tenantMeters.add(FunctionCounter.builder("parley.wait.estimates.checked", this,
            m -> m.statistics().firstEstimates().estimates())
        .description("First wait estimates checked against the answer that followed, since the start")
        .tags(tags).register(registry));
    tenantMeters.add(TimeGauge.builder("parley.wait.estimate.error", this, TimeUnit.SECONDS,
            m -> seconds(m.statistics().firstEstimates().meanAbsoluteError()))
        .description("Mean absolute error of the first wait estimates, since the start").tags(tags).register(registry));
    tenantMeters.add(Gauge.builder("parley.wait.estimate.within.tolerance", this,
            m -> ratio(m.statistics().firstEstimates().shareWithinTolerance()))
        .description("Share of first wait estimates within the tolerance (default ±30 s), since the start")
        .tags(tags).register(registry));
    for (GroupStatistics g : statistics().groups()) {
      bindGroup(g.group());
    }
    parley.addListener(groups);
  }

  /** Removes the meters from the registry and stops following the tenant's groups. */
  @Override
  public synchronized void close() {
    parley.removeListener(groups);
    if (registry == null) {
      return;
    }
    for (List<Meter> list : meters.values()) {
      list.forEach(registry::remove);
    }
    tenantMeters.forEach(registry::remove);
    meters.clear();
    tenantMeters.clear();
  }

  private void onEvent(Event e) {
    if (!e.tenant().equals(tenant)) {
      return;
    }
    if (e instanceof Event.GroupDefined d) {
      bindGroup(d.spec().id());
    } else if (e instanceof Event.GroupRemoved r) {
      unbindGroup(r.group());
    }
  }

  private synchronized void bindGroup(GroupId group) {
    MeterRegistry r = registry;
    if (r == null || meters.containsKey(group)) {
      return;
    }
    Tags tags = Tags.of("tenant", tenant.value(), "group", group.value());
    List<Meter> list = new ArrayList<>();
    list.add(gauge(r, "parley.group.waiting", "Clients waiting now", tags, group, GroupStatistics::waiting));
    list.add(time(r, "parley.group.wait.longest", "How long the longest-waiting client has waited", tags, group,
        g -> Optional.of(g.longestWait())));
    list.add(gauge(r, "parley.group.operators", "Operators online now", tags.and("state", "online"), group,
        GroupStatistics::online));
    list.add(gauge(r, "parley.group.operators", "Online operators with a session in hand", tags.and("state", "busy"),
        group, GroupStatistics::busy));
    list.add(gauge(r, "parley.group.operators", "Operators away now", tags.and("state", "away"), group,
        GroupStatistics::away));
    list.add(gauge(r, "parley.group.in.service", "Sessions active or in wrap-up", tags, group, GroupStatistics::inService));
    list.add(gauge(r, "parley.group.answered", "Clients answered in the window", tags, group,
        g -> g.service().answered()));
    list.add(gauge(r, "parley.group.abandoned", "Clients who left while waiting, in the window", tags, group,
        GroupStatistics::abandoned));
    list.add(gauge(r, "parley.group.service.level", "Share answered within the threshold, in the window", tags, group,
        g -> ratio(g.serviceLevel())));
    list.add(gauge(r, "parley.group.abandonment.rate", "Share abandoned, in the window", tags, group,
        g -> ratio(g.abandonmentRate())));
    list.add(time(r, "parley.group.speed.of.answer", "Mean wait of the clients answered in the window", tags, group,
        GroupStatistics::averageSpeedOfAnswer));
    list.add(time(r, "parley.group.handle.time", "Mean handle time in the window", tags, group,
        g -> g.service().averageHandleTime()));
    list.add(time(r, "parley.group.wrap.up.time", "Mean wrap-up time in the window", tags, group,
        g -> g.service().averageWrapUpTime()));
    meters.put(group, list);
  }

  private synchronized void unbindGroup(GroupId group) {
    List<Meter> list = meters.remove(group);
    if (list != null && registry != null) {
      list.forEach(registry::remove);
    }
  }

  private Meter gauge(MeterRegistry r, String name, String description, Tags tags, GroupId group,
      ToDoubleFunction<GroupStatistics> figure) {
    return Gauge.builder(name, this, m -> m.group(group).map(figure::applyAsDouble).orElse(Double.NaN))
        .description(description).tags(tags).register(r);
  }

  private Meter time(MeterRegistry r, String name, String description, Tags tags, GroupId group,
      Function<GroupStatistics, Optional<Duration>> figure) {
    return TimeGauge.builder(name, this, TimeUnit.SECONDS, m -> seconds(m.group(group).flatMap(figure)))
        .description(description).tags(tags).register(r);
  }

  private Optional<GroupStatistics> group(GroupId group) {
    return statistics().group(group);
  }

  /** The statistics, read again when the copy is older than a second by the registry's clock. */
  private synchronized TenantStatistics statistics() {
    long now = registry == null ? 0 : registry.config().clock().monotonicTime();
    if (cached == null || now - cachedAt >= FRESH_NANOS) {
      cached = parley.statistics(tenant);
      cachedAt = now;
    }
    return cached;
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(x -> x.toNanos() / 1e9).orElse(Double.NaN);
  }

  private static double ratio(OptionalDouble x) {
    return x.orElse(Double.NaN);
  }

  @Override
  public String toString() {
    return "ParleyMetrics{" + tenant + "}";
  }
}
