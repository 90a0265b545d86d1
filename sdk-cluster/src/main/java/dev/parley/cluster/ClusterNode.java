package dev.parley.cluster;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.PartitionFence;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One node of a Parley cluster on PostgreSQL: it takes its share of the partitions, serves them
 * while it owns them, hands them off when another node is preferred or it shuts down, and stops
 * serving on its own when it can no longer prove it is alive.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.using(dataSource).build(); // migrates parley_partition and parley_node
 * try (ClusterNode node = ClusterNode.builder(dataSource)
 *     .nodeId("node-a")
 *     .address("http://10.0.0.5:8080")
 *     .listener(new PartitionListener() {
 *       public void acquired(PartitionFence fence) { startWriter(storage.fenced(fence)); }
 *       public void lost(PartitionFence fence) { stopWriter(fence.partition()); }
 *     })
 *     .build()
 *     .start()) {
 *   int p = node.partitionOf("acme");
 *   node.directory().owner(p).ifPresent(owner -> forwardTo(owner.address()));
 * }
 * }</pre>
 *
 * <h2>How it works (see {@code CLUSTER.md})</h2>
 *
 * <ul>
 *   <li><b>Membership.</b> The node keeps one control connection, on which it holds a session
 *       advisory lock keyed by its incarnation (new at every start), {@code LISTEN}s for changes of
 *       owner, and sets its heartbeat to PostgreSQL's {@code now()} every {@linkplain
 *       Builder#heartbeatInterval heartbeat interval}. A node is dead when its heartbeat is older
 *       than {@linkplain Builder#deadAfter dead-after} by PostgreSQL's clock or its lock is gone
 *       (PostgreSQL drops it as soon as a crashed node's connection closes). Node clocks never
 *       decide. The control connection must not pass through a transaction-pooling proxy.
 *   <li><b>Ownership.</b> A claim or takeover is one transaction on the partition's row: {@code
 *       SELECT ... FOR UPDATE} (which waits for the old owner's batch in flight), a check that the
 *       owner is free or dead, {@code epoch + 1}, the new owner, {@code NOTIFY}. The epoch is the
 *       {@link PartitionFence} the partition's writer persists under; the storage refuses batches
 *       under an older one.
 *   <li><b>Placement</b> needs no leader: a partition prefers the live node with the highest
 *       rendezvous weight. A node claims the free or orphaned partitions it is preferred for at once
 *       and any other after a {@linkplain Builder#claimGrace grace}; after a join it hands off,
 *       one at a time (drain, release at epoch + 1), the partitions it is no longer preferred for.
 *   <li><b>Self-fencing.</b> When its heartbeat has not committed for {@linkplain
 *       Builder#selfFenceAfter self-fence-after} (shorter than dead-after), the node stops serving
 *       its partitions ({@link PartitionListener#lost}) before any other node may take them.
 *   <li><b>Shut-down</b> ({@link #close()}) drains and hands off every partition, then leaves.
 * </ul>
 *
 * <p>Load on the database: per node and heartbeat, one {@code UPDATE} and two reads (the live
 * nodes, the partitions), whatever the traffic; one short transaction per change of owner.
 *
 * <p>Thread safety: safe for use by several threads at once. Its own threads are the control loop,
 * a watchdog and (unless one is given) the listener's.
 */
public final class ClusterNode implements AutoCloseable {
  private final Settings settings;
  private final Control control;
  private final Thread loop;
  private final ScheduledExecutorService watchdog;
  private final @Nullable ExecutorService ownListenerExecutor;

  private ClusterNode(Settings settings, @Nullable ExecutorService ownListenerExecutor) {
    this.settings = settings;
    this.ownListenerExecutor = ownListenerExecutor;
    this.control = new Control(settings);
    this.loop = new Thread(control, "parley-cluster-" + settings.nodeId());
    this.loop.setDaemon(true);
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "parley-cluster-watchdog-" + settings.nodeId()));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts configuring a node of the cluster whose state lives in {@code dataSource}: the same
   * PostgreSQL database as the storage's, migrated by {@code JdbcStorage} (which makes the tables
   * {@code parley_partition} and {@code parley_node}).
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource must not be null"));
  }

  /**
   * Joins the cluster: registers the node with a new incarnation, makes the cluster's partitions if
   * it is the first node, and starts claiming. Returns once the node is registered; its partitions
   * follow within a heartbeat or two ({@link PartitionListener#acquired}).
   *
   * @return this node
   * @throws IllegalStateException if it was started before, a live node runs under the same id, or
   *     the cluster was made with another partition count
   * @throws ClusterException if the database cannot be reached or lacks the cluster's tables
   */
  public ClusterNode start() {
    if (loop.getState() != Thread.State.NEW) {
      throw new IllegalStateException("node " + settings.nodeId() + " was started already: build a new one");
    }
    loop.start();
    try {
      control.started.join();
    } catch (CompletionException e) {
      shutDownThreads();
      if (e.getCause() instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new ClusterException("node " + settings.nodeId() + " could not join the cluster: " + e.getCause().getMessage()
          + "; check that the database is reachable and that JdbcStorage has migrated it", e.getCause());
    }
    long period = Math.max(10, Math.min(100, settings.heartbeatInterval().toMillis() / 2));
    watchdog.scheduleWithFixedDelay(control::watch, period, period, TimeUnit.MILLISECONDS);
    return this;
  }

  /** This node's id. */
  public String nodeId() {
    return settings.nodeId();
  }

  /** The partitions this node serves now, with their fences; empty while it is self-fenced. */
  public Map<Integer, PartitionFence> owned() {
    return control.serving();
  }

  /** The fence of {@code partition} if this node serves it now. */
  public Optional<PartitionFence> fence(int partition) {
    return Optional.ofNullable(control.serving().get(partition));
  }

  /** Who serves each partition, as this node last read it. */
  public PartitionDirectory directory() {
    return control.directory();
  }

  /**
   * The partition of {@code tenant}: its {@linkplain Builder#place placement} if it has one, else a
   * stable hash of its id. Every node configured alike gives the same answer.
   */
  public int partitionOf(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return settings.placement().partitionOf(tenant);
  }

  /**
   * Leaves the cluster: drains and hands off every partition (waiting at most the {@linkplain
   * Builder#drainTimeout drain time-out} for the listener), records the node as gone and stops its
   * threads. Closing again changes nothing.
   */
  @Override
  public void close() {
    if (loop.getState() == Thread.State.NEW) {
      shutDownThreads();
      return;
    }
    control.leave();
    try {
      control.stopped.get(settings.drainTimeout().plus(settings.deadAfter()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      loop.interrupt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutDownThreads();
  }

  private void shutDownThreads() {
    watchdog.shutdownNow();
    if (ownListenerExecutor != null) {
      ownListenerExecutor.shutdown();
    }
  }

  @Override
  public String toString() {
    return "ClusterNode{" + settings.nodeId() + ", " + control.serving().size() + " of " + settings.partitions()
        + " partitions}";
  }

  /**
   * Configures a {@link ClusterNode}; obtained from {@link ClusterNode#builder}.
   *
   * <p>Thread safety: not thread-safe; use it on one thread, then drop it.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable String nodeId;
    private @Nullable String address;
    private int partitions = 64;
    private final Map<String, Integer> placements = new HashMap<>();
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    private Duration selfFenceAfter = Duration.ofSeconds(2);
    private Duration deadAfter = Duration.ofSeconds(3);
    private @Nullable Duration claimGrace;
    private Duration drainTimeout = Duration.ofSeconds(10);
    private PartitionListener listener = PartitionListener.NONE;
    private @Nullable Executor listenerExecutor;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Sets the node's id, the same across its restarts and unique in the cluster (required).
     *
     * @throws IllegalArgumentException if it is blank or longer than 200 characters
     */
    public Builder nodeId(String nodeId) {
      requireNonNull(nodeId, "nodeId must not be null");
      if (nodeId.isBlank() || nodeId.length() > 200) {
        throw new IllegalArgumentException("nodeId must be 1 to 200 characters and not blank, was: '" + nodeId + "'");
      }
      this.nodeId = nodeId;
      return this;
    }

    /**
     * Sets where the node takes requests, as the other nodes will reach it (required), such as
     * {@code http://10.0.0.5:8080}.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder address(String address) {
      requireNonNull(address, "address must not be null");
      if (address.isBlank()) {
        throw new IllegalArgumentException("address must not be blank");
      }
      this.address = address;
      return this;
    }

    /**
     * Sets how many partitions the cluster has: fixed when its first node starts, the same on
     * every node; 64 unless set.
     *
     * @throws IllegalArgumentException if it is not between 1 and 65536
     */
    public Builder partitions(int partitions) {
      if (partitions < 1 || partitions > 65_536) {
        throw new IllegalArgumentException("partitions must be between 1 and 65536, was: " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * Places {@code tenant} in {@code partition} instead of where its hash puts it: tenants that
     * share operators must share a partition. Every node must be given the same placements.
     *
     * @throws IllegalArgumentException if {@code partition} is negative (one beyond the count is
     *     rejected by {@link #build()})
     */
    public Builder place(String tenant, int partition) {
      requireNonNull(tenant, "tenant must not be null");
      if (partition < 0) {
        throw new IllegalArgumentException("partition must be 0 or more, was: " + partition);
      }
      placements.put(tenant, partition);
      return this;
    }

    /** Sets how often the node sets its heartbeat and reads the cluster's state; 1 s unless set. */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = positive("heartbeatInterval", interval);
      return this;
    }

    /**
     * Sets after how long without a committed heartbeat the node stops serving on its own; 2 s
     * unless set. It must be shorter than {@link #deadAfter}, so that the node stops before
     * another may take its partitions.
     */
    public Builder selfFenceAfter(Duration after) {
      this.selfFenceAfter = positive("selfFenceAfter", after);
      return this;
    }

    /**
     * Sets after how long without a heartbeat, by PostgreSQL's clock, the other nodes take a node
     * for dead and take its partitions over; 3 s unless set. A crashed node's advisory lock tells
     * them sooner.
     */
    public Builder deadAfter(Duration after) {
      this.deadAfter = positive("deadAfter", after);
      return this;
    }

    /**
     * Sets how long a free partition waits for the node it prefers before any node claims it;
     * twice the heartbeat interval unless set.
     */
    public Builder claimGrace(Duration grace) {
      requireNonNull(grace, "claimGrace must not be null");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("claimGrace must not be negative, was: " + grace);
      }
      this.claimGrace = grace;
      return this;
    }

    /** Sets how long a hand-off waits for the listener to drain a partition; 10 s unless set. */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = positive("drainTimeout", timeout);
      return this;
    }

    /** Sets what the node does when it gains or gives up a partition; {@link PartitionListener#NONE} unless set. */
    public Builder listener(PartitionListener listener) {
      this.listener = requireNonNull(listener, "listener must not be null");
      return this;
    }

    /**
     * Sets the executor the listener is called on; it must run the calls one at a time, in order
     * (a single thread). Unless set, the node makes its own thread and stops it on close.
     */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = requireNonNull(executor, "executor must not be null");
      return this;
    }

    /** Whether a listener was set: {@link ParleyNode} sets its own. */
    boolean hasListener() {
      return listener != PartitionListener.NONE;
    }

    /**
     * The engine's placement of tenants, as the node built from this will place them.
     *
     * @throws IllegalStateException if a placement names a partition beyond the count
     */
    Placement placement() {
      placements.forEach((tenant, p) -> {
        if (p >= partitions) {
          throw new IllegalStateException("tenant " + tenant + " is placed in partition " + p + " but the cluster has "
              + partitions + " (0 to " + (partitions - 1) + ")");
        }
      });
      return new Placement(partitions, Map.copyOf(placements));
    }

    private static Duration positive(String name, Duration d) {
      requireNonNull(d, name + " must not be null");
      if (d.isNegative() || d.isZero() || d.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was: " + d);
      }
      return d;
    }

    /**
     * Makes the node; {@link ClusterNode#start()} joins the cluster.
     *
     * @throws IllegalStateException if the node id or address is missing, the timings are not
     *     heartbeat &lt; self-fence-after &lt; dead-after with a heartbeat to spare between the
     *     last two, or a placement names a partition beyond the count
     */
    public ClusterNode build() {
      if (nodeId == null || address == null) {
        throw new IllegalStateException("set the node's " + (nodeId == null ? "nodeId" : "address") + " before build()");
      }
      if (selfFenceAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
        throw new IllegalStateException("selfFenceAfter (" + selfFenceAfter + ") must be at least twice the"
            + " heartbeatInterval (" + heartbeatInterval + "), or one late heartbeat stops the node");
      }
      if (deadAfter.compareTo(selfFenceAfter.plus(heartbeatInterval)) < 0) {
        throw new IllegalStateException("deadAfter (" + deadAfter + ") must exceed selfFenceAfter (" + selfFenceAfter
            + ") by a heartbeatInterval (" + heartbeatInterval + ") at least, so that a node stops serving before"
            + " another takes its partitions");
      }
      Placement placement = placement();
      ExecutorService own = listenerExecutor == null
          ? Executors.newSingleThreadExecutor(r -> daemon(r, "parley-cluster-listener-" + nodeId))
          : null;
      Settings settings = new Settings(dataSource, nodeId, address, partitions, placement,
          heartbeatInterval, selfFenceAfter, deadAfter, claimGrace != null ? claimGrace : heartbeatInterval.multipliedBy(2),
          drainTimeout, listener, listenerExecutor != null ? listenerExecutor : own);
      return new ClusterNode(settings, own);
    }
  }
}
