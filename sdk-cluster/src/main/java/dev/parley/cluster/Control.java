package dev.parley.cluster;

import dev.parley.storage.PartitionFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's membership and ownership: the control loop that keeps the heartbeat, listens for changes
 * of owner, reads the cluster's state and claims, hands off and loses partitions; and the watchdog
 * that stops serving when the heartbeat has not committed for {@code selfFenceAfter}.
 *
 * <p>Concurrency: the loop runs on one thread of its own, which alone uses the control connection
 * (auto-commit; it holds the node's advisory lock and {@code LISTEN}s), the incarnation, the hand-off
 * and free-since bookkeeping. Claims and releases borrow connections of their own from the data
 * source, so a claim waiting for a row lock never breaks the control connection; they run on the
 * loop's thread too, under a lock time-out and a per-round budget, so that heartbeats come first.
 * What other threads see (the partitions served, the directory) is published through volatile
 * fields; the partitions owned and the self-fenced flag are shared with the watchdog's thread under
 * {@link #lock}. Listener calls go to the listener executor, in order, never inline.
 *
 * <p>Correctness rests on the row lock and the epoch alone: every decision here (who is preferred,
 * who is dead, when to hand off) may be wrong for a moment without two owners ever writing, since
 * the storage refuses a batch under an old epoch.
 */
final class Control implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
  /** The longest the loop waits for a notification before it looks at what else it has to do. */
  private static final long WAKE_MILLIS = 50;

  private final Settings settings;
  private final long heartbeatNanos;
  private final long selfFenceNanos;

  private final Object lock = new Object();
  /** The partitions the node owns (claimed, not yet lost or released). Guarded by {@link #lock}. */
  private final Map<Integer, PartitionFence> owned = new TreeMap<>();
  /** Those of {@link #owned} being handed off. Guarded by {@link #lock}. */
  private final Set<Integer> draining = new HashSet<>();
  /** Whether the node stopped serving because its heartbeat did not commit. Guarded by {@link #lock}. */
  private boolean selfFenced;

  private volatile Map<Integer, PartitionFence> serving = Map.of();
  private volatile PartitionDirectory directory;
  /** The ticker's time at which the last committed heartbeat was sent. */
  private volatile long lastBeat;
  private volatile boolean running = true;
  private volatile boolean leaving;
  /** Set by {@link #leave()} at once: a loop without its control connection stops on it, having nothing to hand off. */
  private volatile boolean leaveAsked;
  private volatile long leaveDeadline;

  private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
  final CompletableFuture<Long> started = new CompletableFuture<>();
  final CompletableFuture<Void> stopped = new CompletableFuture<>();

  // The loop's own.
  private @Nullable Connection control;
  private long incarnation;
  private long lastBeatSent = Long.MIN_VALUE / 2;
  private boolean notified;
  private boolean outage;
  private final Map<Integer, long[]> freeSince = new HashMap<>();
  private final Set<Integer> handingOff = new HashSet<>();

  Control(Settings settings) {
    this.settings = settings;
    this.heartbeatNanos = settings.heartbeatInterval().toNanos();
    this.selfFenceNanos = settings.selfFenceAfter().toNanos();
    this.directory = PartitionDirectory.empty(settings.partitions());
  }

  Map<Integer, PartitionFence> serving() {
    return serving;
  }

  PartitionDirectory directory() {
    return directory;
  }

  /** Asks the loop to hand every partition off, leave the cluster and stop. */
  void leave() {
    leaveAsked = true;
    posted.add(() -> {
      if (!leaving) {
        leaving = true;
        leaveDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        try {
          NodeTable.leaving(requireControl(), settings.nodeId(), incarnation);
        } catch (SQLException e) {
          // the others then claim each partition after their grace, or once the node is gone
          log.debug("node {} could not record that it is leaving", settings.nodeId(), e);
        }
        ownedNow().values().forEach(this::handOff);
      }
    });
  }

  /** Run by the watchdog: stops serving if the heartbeat has not committed for too long. */
  void watch() {
    if (started.isDone() && System.nanoTime() - lastBeat > selfFenceNanos) {
      List<PartitionFence> lost;
      synchronized (lock) {
        if (selfFenced) {
          return;
        }
        selfFenced = true;
        lost = dropAll();
      }
      log.warn("node {} stops serving its {} partitions: its heartbeat has not committed for {}",
          settings.nodeId(), lost.size(), settings.selfFenceAfter());
      lost.forEach(f -> call(() -> settings.listener().lost(f)));
    }
  }

  @Override
  public void run() {
    try {
      while (running) {
        try {
          if (control == null) {
            connect();
          }
          long now = System.nanoTime();
          boolean refresh = notified;
          if (now - lastBeatSent >= heartbeatNanos) {
            beat();
            refresh = true;
          }
          // Only what was posted before this round: a task may post itself again for the next one.
          for (int n = posted.size(); running && n > 0; n--) {
            Runnable task = posted.poll();
            if (task != null) {
              task.run();
              refresh = true;
            }
          }
          if (running && refresh) {
            refresh();
          }
          if (running && leaving && (ownedNow().isEmpty() || System.nanoTime() > leaveDeadline)) {
            depart();
          }
          if (running) {
            long untilBeat = TimeUnit.NANOSECONDS.toMillis(lastBeatSent + heartbeatNanos - System.nanoTime());
            notified = awaitNotification(Math.max(1, Math.min(WAKE_MILLIS, untilBeat)));
          }
        } catch (SQLException e) {
          controlLost(e);
        }
      }
    } catch (RuntimeException | Error e) {
      log.warn("node {} stopped on an unexpected failure", settings.nodeId(), e);
      started.completeExceptionally(e);
      throw e;
    } finally {
      closeControl();
      lostAll();
      stopped.complete(null);
    }
  }

  private void connect() throws SQLException {
    Connection c = null;
    try {
      c = settings.dataSource().getConnection();
      c.setAutoCommit(true);
      // A statement on a link that went dark fails after this, instead of holding the loop.
      c.setNetworkTimeout(Runnable::run, (int) settings.selfFenceAfter().toMillis());
      if (!started.isDone()) {
        PartitionRows.create(c, settings.partitions());
      }
      incarnation = NodeTable.register(c, settings.nodeId(), settings.address(), settings.deadAfter());
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + PartitionRows.CHANNEL);
      }
    } catch (SQLException | RuntimeException e) {
      if (c != null) {
        close(c);
      }
      if (started.isDone()) {
        throw e;
      }
      running = false; // start() reports it
      started.completeExceptionally(e);
      return;
    }
    control = c;
    lastBeatSent = System.nanoTime();
    lastBeat = lastBeatSent;
    synchronized (lock) {
      selfFenced = false;
    }
    if (outage) {
      log.info("node {} is back in the cluster as incarnation {}", settings.nodeId(), incarnation);
      outage = false;
    } else {
      log.info("node {} joined the cluster as incarnation {} ({} partitions)", settings.nodeId(), incarnation,
          settings.partitions());
    }
    started.complete(incarnation);
  }

  private void beat() throws SQLException {
    long sent = System.nanoTime();
    lastBeatSent = sent;
    if (!NodeTable.beat(requireControl(), settings.nodeId(), incarnation)) {
      log.warn("node {} incarnation {} was replaced in parley_node (started again elsewhere?): it stops",
          settings.nodeId(), incarnation);
      running = false;
      return;
    }
    lastBeat = sent;
    boolean back;
    synchronized (lock) {
      back = selfFenced;
      selfFenced = false;
    }
    if (back) {
      log.info("node {}'s heartbeat commits again: it claims its partitions anew", settings.nodeId());
    }
  }

  private void refresh() throws SQLException {
    Connection c = requireControl();
    Map<String, NodeTable.Node> live = NodeTable.live(c, settings.deadAfter());
    List<PartitionRows.Row> rows = PartitionRows.read(c);
    List<@Nullable PartitionOwner> owners = new ArrayList<>();
    long[] epochs = new long[settings.partitions()];
    for (PartitionRows.Row row : rows) {
      if (row.partition() >= settings.partitions()) {
        continue;
      }
      NodeTable.Node owner = row.owner() == null ? null : live.get(row.owner());
      boolean alive = owner != null && owner.incarnation() == row.incarnation();
      owners.add(alive ? new PartitionOwner(owner.id(), owner.incarnation(), row.epoch(), owner.address()) : null);
      epochs[row.partition()] = row.epoch();
    }
    directory = new PartitionDirectory(owners, epochs);
    rebalance(live, rows);
  }

  private void rebalance(Map<String, NodeTable.Node> live, List<PartitionRows.Row> rows) {
    NodeTable.Node me = live.get(settings.nodeId());
    boolean alive = me != null && me.incarnation() == incarnation && !isSelfFenced()
        && System.nanoTime() - lastBeat <= selfFenceNanos;
    long now = System.nanoTime();
    long budgetEnd = now + settings.claimBudget().toNanos();
    List<String> candidates = live.values().stream().filter(n -> !n.leaving()).map(NodeTable.Node::id).toList();
    for (PartitionRows.Row row : rows) {
      int p = row.partition();
      if (p >= settings.partitions()) {
        continue;
      }
      PartitionFence mine = ownedNow().get(p);
      boolean ours = row.ownedBy(settings.nodeId(), incarnation);
      if (mine != null && !(ours && row.epoch() == mine.epoch())) {
        lose(mine);
        mine = null;
      }
      if (!alive || leaving) {
        continue;
      }
      NodeTable.Node owner = row.owner() == null ? null : live.get(row.owner());
      boolean ownerAlive = owner != null && owner.incarnation() == row.incarnation();
      String preferred = Rendezvous.preferred(p, candidates);
      if (ours) {
        freeSince.remove(p);
        if (mine == null && !handingOff.contains(p) && System.nanoTime() < budgetEnd) {
          claim(p); // ours in the table, but not served (after a self-fence): serve it at a new epoch
        } else if (mine != null && handingOff.isEmpty() && !settings.nodeId().equals(preferred)) {
          handOff(mine); // a node that joined prefers it: one hand-off at a time
        }
      } else if (!ownerAlive) {
        long[] since = freeSince.get(p);
        if (since == null || since[0] != row.epoch()) {
          since = new long[] {row.epoch(), now};
          freeSince.put(p, since);
        }
        boolean mineToTake = settings.nodeId().equals(preferred) || now - since[1] >= settings.claimGrace().toNanos();
        if (mineToTake && System.nanoTime() < budgetEnd) {
          claim(p);
        }
      } else {
        freeSince.remove(p);
      }
    }
  }

  private void claim(int partition) {
    Optional<PartitionFence> fence;
    try (Connection c = settings.dataSource().getConnection()) {
      fence = PartitionRows.claim(c, partition, settings.nodeId(), incarnation, settings.deadAfter(),
          settings.lockTimeout());
    } catch (SQLException e) {
      log.debug("node {} could not claim partition {} this round", settings.nodeId(), partition, e);
      return;
    }
    fence.ifPresent(f -> {
      freeSince.remove(partition);
      synchronized (lock) {
        owned.put(partition, f);
        publish();
      }
      log.trace("node {} acquired {}", settings.nodeId(), f);
      call(() -> settings.listener().acquired(f));
    });
  }

  private void handOff(PartitionFence fence) {
    handingOff.add(fence.partition());
    synchronized (lock) {
      draining.add(fence.partition());
      publish();
    }
    call(() -> {
      CompletionStage<Void> drained;
      try {
        drained = settings.listener().draining(fence);
      } catch (RuntimeException e) {
        log.warn("partition listener of node {} failed to drain {}: released anyway", settings.nodeId(), fence, e);
        drained = CompletableFuture.completedFuture(null);
      }
      drained.whenComplete((ok, failure) -> {
        if (failure != null) {
          log.warn("partition listener of node {} failed to drain {}: released anyway", settings.nodeId(), fence,
              failure);
        }
        posted.add(() -> release(fence));
      });
    });
  }

  private void release(PartitionFence fence) {
    try (Connection c = settings.dataSource().getConnection()) {
      PartitionRows.release(c, fence, settings.nodeId(), incarnation, settings.lockTimeout());
    } catch (SQLException e) {
      log.debug("node {} could not release {} this round: it tries again", settings.nodeId(), fence, e);
      posted.add(() -> release(fence)); // runs again after the next wait for a notification
      return;
    }
    handingOff.remove(fence.partition());
    synchronized (lock) {
      if (fence.equals(owned.get(fence.partition()))) {
        owned.remove(fence.partition());
      }
      draining.remove(fence.partition());
      publish();
    }
    log.trace("node {} handed off {}", settings.nodeId(), fence);
  }

  private void lose(PartitionFence fence) {
    synchronized (lock) {
      if (!fence.equals(owned.get(fence.partition()))) {
        return;
      }
      owned.remove(fence.partition());
      draining.remove(fence.partition());
      publish();
    }
    handingOff.remove(fence.partition());
    log.trace("node {} lost {}", settings.nodeId(), fence);
    call(() -> settings.listener().lost(fence));
  }

  private void depart() throws SQLException {
    for (PartitionFence left : ownedNow().values()) {
      log.warn("node {} leaves without {} drained within {}", settings.nodeId(), left, settings.drainTimeout());
      release(left);
    }
    NodeTable.leave(requireControl(), settings.nodeId(), incarnation);
    log.info("node {} left the cluster", settings.nodeId());
    running = false;
  }

  private void controlLost(SQLException e) {
    if (!running) {
      return; // connect() failed the start, or the node is stopping
    }
    if (!outage) {
      log.warn("node {} lost its control connection: it stops serving and joins again as a new incarnation",
          settings.nodeId(), e);
      outage = true;
    }
    closeControl();
    lostAll(); // they belong to the old incarnation
    handingOff.clear();
    freeSince.clear();
    if (leaveAsked) {
      running = false;
      return;
    }
    LockSupport.parkNanos(heartbeatNanos);
  }

  private void lostAll() {
    List<PartitionFence> lost;
    synchronized (lock) {
      lost = dropAll();
    }
    lost.forEach(f -> call(() -> settings.listener().lost(f)));
  }

  // Under the lock: empties what the node owns, returning what it held.
  private List<PartitionFence> dropAll() {
    List<PartitionFence> lost = new ArrayList<>(owned.values());
    owned.clear();
    draining.clear();
    publish();
    return lost;
  }

  // Under the lock.
  private void publish() {
    if (selfFenced) {
      serving = Map.of();
      return;
    }
    Map<Integer, PartitionFence> now = new TreeMap<>(owned);
    now.keySet().removeAll(draining);
    serving = Map.copyOf(now);
  }

  private Map<Integer, PartitionFence> ownedNow() {
    synchronized (lock) {
      return new TreeMap<>(owned);
    }
  }

  private boolean isSelfFenced() {
    synchronized (lock) {
      return selfFenced;
    }
  }

  private boolean awaitNotification(long millis) throws SQLException {
    PGNotification[] notes = requireControl().unwrap(PGConnection.class).getNotifications((int) millis);
    return notes != null && notes.length > 0;
  }

  private Connection requireControl() throws SQLException {
    Connection c = control;
    if (c == null) {
      throw new SQLException("no control connection");
    }
    return c;
  }

  private void closeControl() {
    Connection c = control;
    control = null;
    if (c != null) {
      close(c);
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is broken already; PostgreSQL drops its session and its lock
    }
  }

  // Calls the listener on its executor, one failure at a time logged and forgotten.
  private void call(Runnable listenerCall) {
    try {
      settings.listenerExecutor().execute(() -> {
        try {
          listenerCall.run();
        } catch (RuntimeException e) {
          log.warn("partition listener of node {} failed", settings.nodeId(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.warn("partition listener executor of node {} refused a call: is it shut down?", settings.nodeId(), e);
    }
  }
}
