package dev.parley.core.stats;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Live statistics of every tenant, kept up to date from the engine's events, and the wait
 * estimates given to waiting clients, each checked against the wait the client then had.
 *
 * <p>{@link dev.parley.core.Parley} keeps one for itself (see {@link
 * dev.parley.core.Parley#statistics}); make your own to keep statistics of a bare {@link
 * dev.parley.core.routing.RoutingCore}, such as a simulation: give it every event, in order.
 *
 * <pre>{@code
 * LiveStatistics stats = new LiveStatistics(StatisticsSettings.DEFAULTS, clock);
 * stats.onEvents(core.apply(command, now));
 * stats.estimate(tenant, session, group, core.queuePosition(session).getAsInt()); // told and recorded
 * TenantStatistics figures = stats.statistics(tenant, core.snapshot(0));
 * }</pre>
 *
 * <p>Each event costs O(1), and an answer one more step per estimate the client was given;
 * nothing is scanned per event. Figures over a window slide on the clock, in steps of {@code window / buckets}.
 * Presence (online, busy and away operators, and each operator's status) is read from the
 * routing snapshot handed to {@link #statistics}, which holds the core's own counts.
 *
 * <p>Estimates: see {@link WaitEstimate} for what a client is told. Every estimate handed out is
 * recorded against its session, the first one and one per place the client passes through, and
 * compared with the instant he is answered; the accuracy shows in {@link
 * GroupStatistics#firstEstimates()} and {@link TenantStatistics#firstEstimates()}. The model: the
 * client at place {@code k} waits for {@code k} places to free up, at the rate at which the
 * group's sessions in service finish (in service over mean handle-plus-wrap-up time) plus the rate
 * at which clients ahead of him leave, plus the mean time from an offer to its acceptance; exact
 * for an Erlang A queue. There is no estimate before the group has served anyone or while nobody
 * serves it.
 *
 * <p>Thread safety: safe for use by any number of threads. Events of one tenant must come from one
 * thread at a time, in order (as the engine's listeners get them); reads and estimates may come
 * from any thread while events are applied (each tenant's figures are guarded by its own lock,
 * held for O(1) per event and for the copy a read makes).
 */
public final class LiveStatistics implements EventListener {
  private final StatisticsSettings settings;
  private final Clock clock;
  private final ConcurrentMap<TenantId, TenantTally> tenants = new ConcurrentHashMap<>();
  /**
   * The first tenant's tally, kept at hand: a host with one tenant (or a simulation) then skips
   * the map. Written once, never removed from the map, so any thread may read it.
   */
  private volatile @Nullable TenantTally first;

  /**
   * Statistics with empty figures.
   *
   * @param settings the window, thresholds and tolerance
   * @param clock the clock windows slide on and waits are measured by: the one stamping the events
   */
  public LiveStatistics(StatisticsSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
  }

  /** The settings it keeps statistics by. */
  public StatisticsSettings settings() {
    return settings;
  }

  /** Takes one event into the figures of its tenant. */
  @Override
  public void onEvent(Event event) {
    tally(requireNonNull(event, "event").tenant()).onEvent(event);
  }

  /**
   * Takes in a batch of events, such as those one command caused, in order: the same as {@link
   * #onEvent} for each, but each run of one tenant's events is looked up and locked once.
   *
   * <pre>{@code
   * stats.onEvents(core.apply(command, now));
   * }</pre>
   */
  public void onEvents(List<? extends Event> events) {
    requireNonNull(events, "events");
    int n = events.size();
    int from = 0;
    while (from < n) {
      TenantId tenant = requireNonNull(events.get(from), "event").tenant();
      int to = from + 1;
      while (to < n && requireNonNull(events.get(to), "event").tenant().equals(tenant)) {
        to++;
      }
      tally(tenant).onEvents(events, from, to);
      from = to;
    }
  }

  /**
   * Takes in the live sessions of a tenant's snapshot that the statistics have not heard of, such
   * as those an engine rebuilt from storage after a restart: waiting clients (with the instant they
   * entered their queue) and sessions in an operator's hands (whose handle and wrap-up times, from
   * instants unknown, will not count). Sessions already heard of are left as they are, so it may
   * be called while their events still come in. {@link dev.parley.core.Parley} does it on start.
   */
  public void learn(TenantId tenant, TenantSnapshot routing) {
    requireNonNull(routing, "routing");
    tally(requireNonNull(tenant, "tenant")).learn(routing);
  }

  /**
   * A tenant's figures now.
   *
   * @param routing the tenant's routing snapshot, for presence: online, busy and away counts per
   *     group, each operator's status
   */
  public TenantStatistics statistics(TenantId tenant, TenantSnapshot routing) {
    requireNonNull(routing, "routing");
    return tally(requireNonNull(tenant, "tenant")).read(routing, clock.instant());
  }

  /**
   * Samples a tenant's figures into its {@linkplain #history history}, unless its last sample is
   * less than {@link StatisticsSettings#historyEvery()} old: {@link dev.parley.core.Parley} does
   * it for every tenant it has statistics of, that often.
   *
   * @param routing the tenant's routing snapshot, for presence
   * @return whether it sampled
   */
  public boolean sample(TenantId tenant, TenantSnapshot routing) {
    requireNonNull(routing, "routing");
    return tally(requireNonNull(tenant, "tenant")).sample(routing, clock.instant());
  }

  /**
   * A tenant's figures over the last hours: per group, the samples {@link #sample} took, oldest
   * first, at most {@link StatisticsSettings#historySpan()} over {@link
   * StatisticsSettings#historyEvery()} of them.
   */
  public StatisticsHistory history(TenantId tenant) {
    return tally(requireNonNull(tenant, "tenant")).history();
  }

  /** The tenants these statistics have heard of. */
  public Set<TenantId> tenants() {
    return Set.copyOf(tenants.keySet());
  }

  /**
   * The estimate of a waiting client's wait, from his place in the queue of a group, recorded to
   * be checked against his real wait. Empty when the group's figures cannot tell yet (it has
   * served nobody, or nobody serves it now).
   *
   * @param position his 1-based place, e.g. from {@link
   *     dev.parley.core.routing.RoutingCore#queuePosition}
   */
  public Optional<WaitEstimate> estimate(TenantId tenant, SessionId session, GroupId group, int position) {
    requireNonNull(session, "session");
    requireNonNull(group, "group");
    if (position < 1) {
      throw new IllegalArgumentException("a position is 1-based, not " + position);
    }
    return tally(requireNonNull(tenant, "tenant")).estimate(session, group, position, clock.instant());
  }

  /**
   * The estimates of clients waiting at consecutive places of a group's queue, each recorded to be
   * checked against his real wait: what a transport pushes to its waiting clients when the queue
   * moves, read from the core's queue. The same as {@link #estimate(TenantId, SessionId, GroupId,
   * int)} for each client in turn, at one instant and under one lock.
   *
   * <pre>{@code
   * List<SessionId> queue = ...; // the group's waiting clients, in queue order
   * stats.estimates(tenant, group, queue, 1).forEach(gateway::tell);
   * }</pre>
   *
   * @param waiting the clients, in queue order, at places {@code firstPlace}, {@code firstPlace + 1}, …
   * @param firstPlace the 1-based place of the first of them
   * @return their estimates, in the same order; empty when the group's figures cannot tell yet
   */
  public List<WaitEstimate> estimates(TenantId tenant, GroupId group, List<SessionId> waiting, int firstPlace) {
    requireNonNull(tenant, "tenant");
    requireNonNull(group, "group");
    requireNonNull(waiting, "waiting");
    for (int i = 0; i < waiting.size(); i++) {
      requireNonNull(waiting.get(i), "waiting session");
    }
    if (firstPlace < 1 || firstPlace > Integer.MAX_VALUE - waiting.size()) {
      throw new IllegalArgumentException("a position is 1-based, not " + firstPlace + " for " + waiting.size() + " clients");
    }
    return tally(tenant).estimates(group, waiting, firstPlace, clock.instant());
  }

  /**
   * The estimate of a client's wait, from his place in the snapshot; empty unless he waits in a
   * group's queue (not for one operator alone, nor being offered) and the figures can tell.
   */
  public Optional<WaitEstimate> estimate(TenantId tenant, SessionId session, TenantSnapshot routing) {
    requireNonNull(routing, "routing");
    return routing.session(requireNonNull(session, "session"))
        .filter(LiveStatistics::inGroupQueue)
        .flatMap(v -> estimate(tenant, session, v.group(), v.position()));
  }

  /**
   * The estimates of every client waiting in a group's queue, in queue order: what a transport
   * pushes to its waiting clients when the queue moves.
   */
  public List<WaitEstimate> estimates(TenantId tenant, GroupId group, TenantSnapshot routing) {
    requireNonNull(tenant, "tenant");
    requireNonNull(group, "group");
    List<SessionView> queue = new ArrayList<>();
    for (SessionView v : routing.sessions()) {
      if (inGroupQueue(v) && group.equals(v.group())) {
        queue.add(v);
      }
    }
    queue.sort(Comparator.comparingInt(SessionView::position));
    List<WaitEstimate> estimates = new ArrayList<>(queue.size());
    for (SessionView v : queue) {
      estimate(tenant, v.id(), group, v.position()).ifPresent(estimates::add);
    }
    return estimates;
  }

  private static boolean inGroupQueue(SessionView v) {
    return v.position() > 0 && v.group() != null && v.waitsFor() == null;
  }

  private TenantTally tally(TenantId tenant) {
    TenantTally first = this.first;
    if (first != null && first.tenant().equals(tenant)) {
      return first;
    }
    TenantTally t = tenants.computeIfAbsent(tenant, id -> new TenantTally(id, settings));
    if (first == null) {
      this.first = t; // a race may keep another tenant's: any tally of the map is right
    }
    return t;
  }
}
