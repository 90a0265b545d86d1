package dev.parley.core;

import static java.util.Objects.requireNonNull;

import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.internal.Engine;
import dev.parley.core.internal.NonBlocking;
import dev.parley.core.routing.Explanation;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.core.stats.LiveStatistics;
import dev.parley.core.stats.StatisticsHistory;
import dev.parley.core.stats.StatisticsSettings;
import dev.parley.core.stats.TenantStatistics;
import dev.parley.core.stats.WaitEstimate;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley engine: contact-center sessions for any number of tenants, inside the host's JVM.
 *
 * <pre>{@code
 * try (Parley parley = Parley.builder().listener(event -> System.out.println(event)).build()) {
 *   Tenant acme = parley.tenant(TenantId.of("acme"));
 *   GroupId sales = GroupId.of("sales");
 *   OperatorId alice = OperatorId.of("alice");
 *   acme.defineGroup(GroupSpec.builder(sales).build());
 *   acme.defineOperator(OperatorSpec.builder(alice).group(sales).channel(Channel.WEB_CHAT, 4).build());
 *   acme.setStatus(alice, OperatorStatus.ONLINE);
 *   List<Event> events = acme.arrive(Entry.builder(Channel.WEB_CHAT).group(sales).build()).join();
 *   // SessionQueued, SessionOffered [alice]
 * }
 * }</pre>
 *
 * <h2>Concurrency</h2>
 *
 * Each tenant's routing state lives in one deterministic {@link RoutingCore}, owned by one writer
 * thread (tenants are spread over {@linkplain Builder#partitions partitions}, one writer each).
 * Callers on any thread submit commands; each returns a {@link CompletableFuture} that completes,
 * with the command's events or its {@link ParleyException}, on the {@linkplain Builder#executor
 * executor}, never on a writer. Listeners are called on that executor too, in each partition's
 * order. Queues between callers, writer and listeners are bounded: when one is full the side
 * before it waits (back-pressure). Deadlines (offer time-outs, wrap-up limits, escalations,
 * invitation expiries, presence graces) fire on the writer at the clock's time.
 *
 * <p>Nothing outside a writer waits for it. Reads are served from immutable snapshots that never
 * make the writer wait for a lock: the last one published when nothing changed since, else one the
 * writer publishes between two commands. The asynchronous reads ({@link #snapshotAsync}, {@link
 * #session}, {@link #estimatesAsync}, {@link #explain}) never block; the blocking ones ({@link
 * #snapshot}, {@link #statistics}, {@link #estimate}, {@link #estimates}) are for the host's own
 * threads, and are refused with {@link IllegalStateException} on a thread that must not wait: a
 * listener, a callback of a command's future (both run on the delivery executor, which the writer
 * may be waiting for), or a thread marked with {@link #forbidWaitingOnThisThread()} such as an I/O
 * event loop. Listeners need not read back: events carry who must hear them ({@code audience},
 * {@code watchers}), the offer's preview, and the queues that changed.
 *
 * <h2>Storage</h2>
 *
 * Everything a tenant does is kept through the {@linkplain Builder#storage storage}: sessions with
 * their history, messages, the blacklist, invitations, configuration and operators' statuses. A
 * command's future completes, and its events go to listeners, only once what it changed is stored
 * (durably, when the storage is); a storage failure holds the tenant's work back and is retried
 * until it passes. On start the engine rebuilds every stored tenant: configuration, operators'
 * statuses, blacklist, valid invitations, and live sessions back in their queues or with their
 * operators, deadlines re-armed.
 *
 * <p>In {@linkplain Builder#sameThread() same-thread mode} there are no threads at all: a command
 * runs on the caller's thread, listeners are called before it returns, and deadlines fire on
 * {@link #tick()}. With a {@link ManualClock} this makes tests and simulations exact.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class Parley implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Parley.class);
  private final Engine engine;
  private final @Nullable Storage storage;
  private final boolean outbox;
  private final @Nullable LiveStatistics statistics;
  /** Samples the statistics into their history in threaded mode; in same-thread mode {@link #tick} does. */
  private final @Nullable ScheduledExecutorService sampler;

  private Parley(Engine engine, @Nullable Storage storage, boolean outbox, @Nullable LiveStatistics statistics,
      boolean sameThread) {
    this.engine = engine;
    this.storage = storage;
    this.outbox = outbox;
    this.statistics = statistics;
    if (statistics != null && !sameThread) {
      sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-statistics-history");
        t.setDaemon(true);
        return t;
      });
      long every = statistics.settings().historyEvery().toMillis();
      sampler.scheduleAtFixedRate(this::sampleStatistics, 0, every, TimeUnit.MILLISECONDS);
    } else {
      sampler = null;
    }
  }

  /** Samples every tenant's statistics into their history, where a sample is due. */
  private void sampleStatistics() {
    LiveStatistics stats = statistics;
    if (stats == null) {
      return;
    }
    for (TenantId tenant : stats.tenants()) {
      try {
        stats.sample(tenant, engine.snapshot(tenant));
      } catch (NotOwnerException e) {
        // a clustered node samples the tenants of the partitions it serves
      } catch (RuntimeException e) {
        log.warn("could not sample the statistics of tenant {}; trying again in {}", tenant,
            stats.settings().historyEvery(), e);
      }
    }
  }

  /** Starts configuring an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Applies a command to a tenant. The future completes with the command's events (deadline
   * events that fell due just before it included), or exceptionally with the {@link
   * ParleyException} or argument exception that refused it; a refused command changed nothing.
   * Blocks only while the tenant's queue is full.
   */
  public CompletableFuture<List<Event>> submit(TenantId tenant, Command command) {
    requireNonNull(tenant, "tenant");
    requireNonNull(command, "command");
    return engine.apply(tenant, command);
  }

  /**
   * The storage the engine keeps its work in: query the history ({@link
   * dev.parley.storage.SessionStore#query}), read transcripts, manage contacts.
   *
   * @throws IllegalStateException if the engine was built {@linkplain Builder#keepNothing() to keep
   *     nothing}
   */
  public Storage storage() {
    if (storage == null) {
      throw new IllegalStateException("this engine keeps nothing: it was built with keepNothing()");
    }
    return storage;
  }

  /** Whether the engine appends the events webhooks deliver to the storage's outbox ({@link Builder#outbox()}). */
  public boolean keepsOutbox() {
    return outbox;
  }

  /**
   * Adds a listener of every tenant's events from now on, beside those given to the builder:
   * for parts of the host made after the engine, such as a transport or a channel gateway. It is
   * called as the builder's listeners are.
   */
  public void addListener(EventListener listener) {
    engine.addListener(requireNonNull(listener, "listener"));
  }

  /** Removes a listener added before; returns whether it was there. */
  public boolean removeListener(EventListener listener) {
    return engine.removeListener(requireNonNull(listener, "listener"));
  }

  /** A handle with one method per common command of one tenant. */
  public Tenant tenant(TenantId tenant) {
    return new Tenant(this, requireNonNull(tenant, "tenant"));
  }

  /**
   * The tenant's routing state now: live sessions with queue positions, waiting lists with
   * preview data, the redirect picker. Served from the last published snapshot when nothing
   * changed since; otherwise the writer publishes a fresh one between two of its commands, and
   * this waits for it.
   *
   * @throws IllegalStateException on a thread that must not wait for the writer (a listener, a
   *     command's callback, a {@linkplain #forbidWaitingOnThisThread() marked} thread): use {@link
   *     #snapshotAsync} there
   */
  public TenantSnapshot snapshot(TenantId tenant) {
    return engine.snapshot(requireNonNull(tenant, "tenant"));
  }

  /**
   * The tenant's routing state, without waiting: complete at once with the last published snapshot
   * when nothing changed since, else once the writer has published a fresh one (then on the
   * delivery executor, in the partition's order, after the events of the commands before it).
   */
  public CompletableFuture<TenantSnapshot> snapshotAsync(TenantId tenant) {
    return engine.snapshotAsync(requireNonNull(tenant, "tenant"));
  }

  /**
   * One live or recently ended session as the engine sees it now, without waiting: read by the
   * writer between two commands, so that it reflects every command submitted before; empty when
   * the engine does not know it.
   */
  public CompletableFuture<Optional<SessionView>> session(TenantId tenant, SessionId session) {
    requireNonNull(session, "session");
    return engine.query(requireNonNull(tenant, "tenant"), core -> core.session(session));
  }

  /**
   * Marks the calling thread as one that must never wait for the engine's writers, such as an I/O
   * event loop, for good: the blocking reads ({@link #snapshot}, {@link #statistics}, {@link
   * #estimate}, {@link #estimates}) called on it throw {@link IllegalStateException} instead of
   * waiting, whether or not they would have had to. A transport marks its event-loop threads so
   * that a blocking read is found by its tests, not by its users. The engine treats the threads it
   * delivers events and results on the same way while they deliver.
   */
  public static void forbidWaitingOnThisThread() {
    NonBlocking.markCurrentThread();
  }

  /**
   * The tenant's live statistics now: per group, clients waiting and the longest wait, online /
   * busy / away operators, and over the statistics window (default the last 30 minutes) service
   * level, abandonment, handle and wrap-up time; per operator, sessions in hand and served; and
   * how accurate the wait estimates were. Kept up to date from the events as listeners get them,
   * without scans; reading copies them, and never stops the writer.
   *
   * <pre>{@code
   * GroupStatistics sales = parley.statistics(acme).group(GroupId.of("sales")).orElseThrow();
   * sales.waiting(); sales.longestWait(); sales.serviceLevel(); sales.service().averageHandleTime();
   * }</pre>
   *
   * @throws IllegalStateException if the engine was built with {@link Builder#noStatistics()}, or on a
   *     thread that must not wait for the writer (see {@link #snapshot})
   */
  public TenantStatistics statistics(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    return statistics().statistics(tenant, snapshot(tenant));
  }

  /** {@link #statistics}, without waiting: computed from {@link #snapshotAsync}'s snapshot. */
  public CompletableFuture<TenantStatistics> statisticsAsync(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    LiveStatistics stats = statistics();
    return snapshotAsync(tenant).thenApply(snapshot -> stats.statistics(tenant, snapshot));
  }

  /**
   * The tenant's statistics over the last hours, per group: waiting clients, presence, service
   * level, abandonment and occupancy, sampled every {@link StatisticsSettings#historyEvery()}
   * (default a minute) for the last {@link StatisticsSettings#historySpan()} (default six hours),
   * oldest first. The engine samples every tenant it has statistics of (in same-thread mode on
   * {@link #tick()}); the history is kept in memory and starts anew with the engine.
   *
   * @throws IllegalStateException if the engine keeps {@linkplain Builder#noStatistics() no statistics}
   */
  public StatisticsHistory statisticsHistory(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    return statistics().history(tenant);
  }


  /**
   * A waiting client's place in his group's queue and how long he should still wait; empty unless
   * he waits in a group's queue and the group's figures can tell (it has served someone, and
   * someone serves it now). Every estimate given is recorded and checked against the wait he then
   * has: see {@link dev.parley.core.stats.EstimateAccuracy}. The model is in {@link LiveStatistics}.
   *
   * <p>The engine sends no event per waiting client when places move (that would be one event per
   * waiting client per change); it tells each change of a queue once ({@link
   * dev.parley.core.event.Event.QueueChanged}), and a transport then asks for the whole queue with
   * {@link #estimatesAsync}.
   *
   * @throws IllegalStateException if the engine was built with {@link Builder#noStatistics()}, or on a
   *     thread that must not wait for the writer (see {@link #snapshot})
   */
  public Optional<WaitEstimate> estimate(TenantId tenant, SessionId session) {
    requireNonNull(tenant, "tenant");
    requireNonNull(session, "session");
    return statistics().estimate(tenant, session, snapshot(tenant));
  }

  /**
   * The place and expected wait of every client waiting in a group's queue, in queue order; see
   * {@link #estimate}.
   *
   * @throws IllegalStateException if the engine was built with {@link Builder#noStatistics()}, or on a
   *     thread that must not wait for the writer (see {@link #snapshot})
   */
  public List<WaitEstimate> estimates(TenantId tenant, GroupId group) {
    requireNonNull(tenant, "tenant");
    requireNonNull(group, "group");
    return statistics().estimates(tenant, group, snapshot(tenant));
  }

  /** {@link #estimates}, without waiting: computed from {@link #snapshotAsync}'s snapshot. */
  public CompletableFuture<List<WaitEstimate>> estimatesAsync(TenantId tenant, GroupId group) {
    requireNonNull(tenant, "tenant");
    requireNonNull(group, "group");
    statistics(); // refuses at once, not in the future, when there are none
    return snapshotAsync(tenant).thenApply(snapshot -> estimates(tenant, group, snapshot));
  }

  /**
   * {@link #estimates} in a snapshot read before ({@link #snapshotAsync}): for an edge that reads
   * one snapshot for several purposes. Never waits.
   *
   * @throws IllegalStateException if the engine was built with {@link Builder#noStatistics()}
   */
  public List<WaitEstimate> estimates(TenantId tenant, GroupId group, TenantSnapshot snapshot) {
    requireNonNull(tenant, "tenant");
    requireNonNull(group, "group");
    requireNonNull(snapshot, "snapshot");
    return statistics().estimates(tenant, group, snapshot);
  }

  /** Whether the engine keeps live statistics (it was not built with {@link Builder#noStatistics()}). */
  public boolean keepsStatistics() {
    return statistics != null;
  }

  private LiveStatistics statistics() {
    if (statistics == null) {
      throw new IllegalStateException("this engine keeps no statistics: it was built with noStatistics()");
    }
    return statistics;
  }

  /** Why a session went where it went, and who could take it now. */
  public CompletableFuture<Explanation> explain(TenantId tenant, SessionId session) {
    requireNonNull(session, "session");
    return engine.query(requireNonNull(tenant, "tenant"), core -> core.explain(session));
  }

  /**
   * Fires the deadlines that fell due by the clock. Only needed with a {@link ManualClock} or in
   * same-thread mode; otherwise the writers fire them on time by themselves.
   */
  public void tick() {
    engine.tick();
    if (sampler == null) {
      sampleStatistics();
    }
  }

  /**
   * Clustered: starts serving the fence's partition (its tenants rebuilt from storage first, every
   * write of its writer through {@code storage.fenced(fence)}); typically called when the node's
   * cluster gives it the partition. The commands submitted meanwhile wait behind the rebuild. A
   * partition served under another fence is dropped first.
   *
   * @return completed once the partition's tenants are rebuilt, or exceptionally if they could
   *     not be (a {@link dev.parley.storage.FencedWriteException} when the partition moved on
   *     meanwhile)
   * @throws IllegalStateException unless the engine was built {@linkplain Builder#clustered
   *     clustered}
   * @throws IllegalArgumentException if the partition is not one of the placement's
   */
  public CompletableFuture<Void> serve(PartitionFence fence) {
    requireNonNull(fence, "fence");
    return engine.serve(fence).thenCompose(tenants -> {
      if (statistics == null) {
        return CompletableFuture.completedFuture(null);
      }
      List<CompletableFuture<Void>> learnt = new ArrayList<>(); // rebuilt sessions were never queued in the events
      for (TenantId t : tenants) {
        learnt.add(engine.snapshotAsync(t).thenAccept(snapshot -> statistics.learn(t, snapshot)));
      }
      return CompletableFuture.allOf(learnt.toArray(new CompletableFuture<?>[0]));
    });
  }

  /**
   * Clustered: stops taking the partition's commands (they fail with a {@link NotOwnerException}
   * from now on), and stores and delivers those submitted: a hand-off's drain.
   *
   * @return completed once nothing more of the partition will be written
   * @throws IllegalStateException unless the engine was built {@linkplain Builder#clustered
   *     clustered}
   */
  public CompletableFuture<Void> drain(int partition) {
    return engine.drain(partition);
  }

  /**
   * Clustered: stops the partition at once, when it was lost without a hand-off: the commands
   * waiting for it fail with a {@link NotOwnerException}, and what was in hand fails to store if
   * another node owns the partition now.
   *
   * @return completed once the partition's writer has stopped
   * @throws IllegalStateException unless the engine was built {@linkplain Builder#clustered
   *     clustered}
   */
  public CompletableFuture<Void> drop(int partition) {
    return engine.drop(partition);
  }

  /** Whether this engine serves the partition now: always, unless it was built clustered. */
  public boolean serves(int partition) {
    return engine.serves(partition);
  }

  /**
   * Stops taking commands, finishes those submitted, delivers their events, and stops the
   * threads. Commands submitted afterwards fail with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    engine.close();
  }

  /** Configures a {@link Parley}; each setter checks its argument at once. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private final List<EventListener> listeners = new ArrayList<>();
    private @Nullable Executor executor;
    private int partitions = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int queueCapacity = 65_536;
    private boolean sameThread;
    private @Nullable Long seed;
    private @Nullable Storage storage;
    private boolean keepNothing;
    private @Nullable Duration historyRetention;
    private boolean outbox;
    private @Nullable StatisticsSettings statistics = StatisticsSettings.DEFAULTS;
    private boolean partitionsSet;
    private @Nullable PartitionPlacement placement;

    private Builder() {}

    /**
     * Runs the engine as one node of a cluster: the partitions are the placement's, and the engine
     * serves none until it is told to ({@link Parley#serve}, {@link Parley#drain}, {@link
     * Parley#drop}, typically from the cluster's partition listener); the commands of a partition
     * it does not serve fail with a {@link NotOwnerException}. Needs a {@linkplain #storage storage}
     * that fences partitions (the same database as the cluster's) and threads. The history is not
     * purged by a clustered engine yet.
     */
    public Builder clustered(PartitionPlacement placement) {
      this.placement = requireNonNull(placement, "placement");
      return this;
    }

    /**
     * Also appends the events webhooks deliver ({@link dev.parley.core.event.EventType}) to the
     * storage's {@linkplain Storage#outbox() outbox}, in the same pass that stores the change and
     * before the command is acknowledged, so that no stored change misses its event. Off by
     * default: a host without webhooks pays nothing. Outbox records older than the {@linkplain
     * #historyRetention history retention} are purged with the history.
     */
    public Builder outbox() {
      this.outbox = true;
      return this;
    }

    /**
     * How live statistics are kept (window, service-level thresholds, estimate tolerance); default
     * {@link StatisticsSettings#DEFAULTS}. Statistics are on unless {@link #noStatistics()}: they
     * cost O(log n) per event, on the listeners' executor, never on a writer.
     */
    public Builder statistics(StatisticsSettings settings) {
      this.statistics = requireNonNull(settings, "settings");
      return this;
    }

    /** Keeps no live statistics and gives no wait estimates: for benchmarks of routing alone. */
    public Builder noStatistics() {
      this.statistics = null;
      return this;
    }

    /**
     * How long closed sessions (with their transcripts) and ended invitations are kept in storage;
     * default for ever. A tenant's own {@link TenantSettings#historyRetention} overrides it for
     * that tenant. Older ones are purged at start and then every hour (in same-thread mode, on the
     * first {@link Parley#tick()} an hour after the last purge).
     *
     * @throws IllegalArgumentException unless at least one day
     */
    public Builder historyRetention(Duration retention) {
      requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("history retention must be at least a day, not " + retention);
      }
      this.historyRetention = retention;
      return this;
    }

    /**
     * Where the engine keeps its work and rebuilds from at start; default a fresh {@link
     * InMemoryStorage} (kept for as long as the engine runs). The host closes the storage after
     * the engine.
     *
     * <pre>{@code
     * JdbcStorage storage = JdbcStorage.h2(Path.of("data/parley")).build();
     * Parley parley = Parley.builder().storage(storage).build(); // rebuilds what was stored
     * }</pre>
     */
    public Builder storage(Storage storage) {
      this.storage = requireNonNull(storage, "storage");
      return this;
    }

    /**
     * Keeps nothing beyond the routing state in memory: no history, no transcripts, nothing
     * rebuilt after a restart. For simulations and benchmarks of routing alone.
     */
    public Builder keepNothing() {
      this.keepNothing = true;
      return this;
    }

    /** The clock deadlines and events are stamped by; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener of every tenant's events. */
    public Builder listener(EventListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Where futures complete and listeners run; default one daemon thread the engine owns and
     * stops on close. The engine never runs host code on its writer threads.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** How many writer threads serve the tenants; default the number of processors. */
    public Builder partitions(int partitions) {
      if (partitions < 1 || partitions > 1_024) {
        throw new IllegalArgumentException("partitions must be 1..1024, not " + partitions);
      }
      this.partitions = partitions;
      this.partitionsSet = true;
      return this;
    }

    /** How many commands may wait for one writer before submitters block; default 65,536. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1, not " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * No threads: commands run on the caller's thread (one at a time per partition), listeners
     * are called before the command returns, and deadlines fire on {@link Parley#tick()}.
     */
    public Builder sameThread() {
      this.sameThread = true;
      return this;
    }

    /** Seeds invitation codes, for reproducible runs; default a random seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds and starts the engine. */
    public Parley build() {
      if (keepNothing && historyRetention != null) {
        throw new IllegalStateException("keepNothing() keeps no history to retain: drop historyRetention(...)");
      }
      if (keepNothing && outbox) {
        throw new IllegalStateException("keepNothing() keeps no outbox: drop outbox()");
      }
      if (keepNothing && storage != null) {
        throw new IllegalStateException("keepNothing() and storage(...) contradict each other: drop one");
      }
      if (sameThread && executor != null) {
        throw new IllegalStateException("same-thread mode runs everything on the caller's thread: drop executor(...)");
      }
      if (placement != null && (sameThread || keepNothing || storage == null || partitionsSet)) {
        throw new IllegalStateException("a clustered engine needs threads and a storage(...) that fences partitions,"
            + " and takes its partitions from the placement: drop sameThread(), keepNothing() or partitions(...),"
            + " or give storage(...)");
      }
      int count = placement != null ? placement.partitions() : partitions;
      if (count < 1) {
        throw new IllegalStateException("the placement has " + count + " partitions: it needs 1 or more");
      }
      long s = seed != null ? seed : new SecureRandom().nextLong();
      Executor delivery = executor;
      ExecutorService owned = null;
      if (!sameThread && delivery == null) {
        owned = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "parley-events");
          t.setDaemon(true);
          return t;
        });
        delivery = owned;
      }
      Storage kept = keepNothing ? null : storage != null ? storage : new InMemoryStorage();
      // The statistics hear each event before the host's listeners, so that those read them current.
      LiveStatistics stats = statistics == null ? null : new LiveStatistics(statistics, clock);
      List<EventListener> all = new ArrayList<>();
      if (stats != null) {
        all.add(stats);
      }
      all.addAll(listeners);
      Engine engine = new Engine(clock, all, delivery, owned, count, queueCapacity, s, kept,
          historyRetention, outbox, placement);
      if (stats != null && kept != null && placement == null) {
        for (String tenant : kept.config().tenants()) { // rebuilt sessions were never queued in the events
          TenantId id = TenantId.of(tenant);
          stats.learn(id, engine.snapshot(id));
        }
      }
      return new Parley(engine, kept, outbox, stats, sameThread);
    }
  }
}
