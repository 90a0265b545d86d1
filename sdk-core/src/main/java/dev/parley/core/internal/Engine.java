package dev.parley.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import dev.parley.core.Command;
import dev.parley.core.NotOwnerException;
import dev.parley.core.PartitionPlacement;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime shell: tenants spread over partitions, each partition one writer. {@link
 * dev.parley.core.Parley} is its public face.
 *
 * <p>Clustered (with a {@link PartitionPlacement}), the engine starts with no partition served:
 * {@link #serve} starts one with its fence (a writer persisting through {@code
 * storage.fenced(fence)}, its tenants rebuilt from storage first), {@link #drain} and {@link #drop}
 * stop one; the commands of a partition not served fail with a {@link NotOwnerException}.
 *
 * <p>Concurrency: each partition's slots are created on first use from any thread (a concurrent
 * map in the partition); each slot's core is touched only by its partition's writer. The partitions
 * themselves are published in an atomic array; serving and stopping them is serialized on the
 * engine's monitor, with the partitions' fences, which it guards.
 */
public final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final AtomicReferenceArray<@Nullable Partition> partitions;
  /** The fence each served partition persists under, when clustered. Guarded by {@code this}. */
  private final @Nullable PartitionFence[] fences;
  private final @Nullable PartitionPlacement placement;
  private final Clock clock;
  private final @Nullable Executor executor;
  private final int queueCapacity;
  private final long seed;
  private final @Nullable Storage storage;
  private final boolean outbox;
  private final @Nullable ExecutorService ownedExecutor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
  private final @Nullable HistoryPurge purge;
  /** Runs {@link #purge} in threaded mode; in same-thread mode {@link #tick} does. */
  private final @Nullable ScheduledExecutorService purgeTimer;

  /**
   * @param executor where results and events are delivered; null in same-thread mode
   * @param ownedExecutor an executor the engine made and shuts down on close, or null
   * @param storage where the tenants' work is kept and rebuilt from, or null to keep nothing
   * @param retention how long closed sessions are kept in storage, or null for ever
   * @param outbox whether to append the events webhooks deliver to the storage's outbox
   * @param placement the cluster's placement, or null for an engine that serves every partition
   */
  public Engine(Clock clock, List<EventListener> listeners, @Nullable Executor executor,
      @Nullable ExecutorService ownedExecutor, int partitions, int queueCapacity, long seed, @Nullable Storage storage,
      @Nullable Duration retention, boolean outbox, @Nullable PartitionPlacement placement) {
    this.clock = clock;
    this.executor = executor;
    this.queueCapacity = queueCapacity;
    this.seed = seed;
    this.storage = storage;
    this.outbox = outbox;
    this.placement = placement;
    this.ownedExecutor = ownedExecutor;
    this.partitions = new AtomicReferenceArray<>(partitions);
    this.fences = new PartitionFence[placement == null ? 0 : partitions];
    this.listeners.addAll(listeners);
    if (placement == null) {
      for (int i = 0; i < partitions; i++) {
        this.partitions.set(i, newPartition(i, storage));
      }
      if (storage != null) {
        restore(storage);
      }
    }
    // A clustered node's purges would write unfenced, outside its partitions: not yet (issue 20).
    purge = storage == null || placement != null ? null
        : new HistoryPurge(storage, clock, retention, tenant -> snapshot(TenantId.of(tenant)).settings().historyRetention());
    if (purge != null && executor != null) {
      purgeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-history-purge");
        t.setDaemon(true);
        return t;
      });
      purgeTimer.scheduleWithFixedDelay(purge::runIfDue, 0, HistoryPurge.EVERY.toMinutes(), TimeUnit.MINUTES);
    } else {
      purgeTimer = null;
    }
    log.info("Parley engine started: {} partition(s){}{}", partitions, executor == null ? ", same-thread mode" : "",
        placement != null ? ", clustered: serving none until told" : "");
  }

  private Partition newPartition(int i, @Nullable Storage kept) {
    Executor delivery = executor == null ? null : MoreExecutors.newSequentialExecutor(executor);
    return new Partition("parley-partition-" + i, clock, this.listeners, delivery, queueCapacity, kept, outbox, seed,
        placement == null ? Partition::closed : () -> new NotOwnerException(i));
  }

  /** Rebuilds every stored tenant, all partitions at once; fails the start if one cannot be. */
  private void restore(Storage storage) {
    List<CompletableFuture<Void>> restores = new ArrayList<>();
    try {
      for (String tenant : storage.config().tenants()) {
        TenantId id = TenantId.of(tenant);
        Partition p = Objects.requireNonNull(partitions.get(index(id)));
        restores.add(p.restore(p.slot(id)));
      }
      CompletableFuture.allOf(restores.toArray(new CompletableFuture<?>[0])).join();
    } catch (RuntimeException e) {
      close();
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("could not rebuild the engine's state from storage: " + cause.getMessage(), cause);
    }
    log.info("Parley engine restored {} tenant(s) from storage", restores.size());
  }

  /**
   * Clustered: starts serving the fence's partition, its writer persisting under the fence, after
   * rebuilding its stored tenants (their restores are the writer's first work, so the commands
   * submitted meanwhile wait behind them). A partition served under another fence is dropped first;
   * under this one, it is left as it is.
   *
   * @return the tenants rebuilt, once they are
   */
  public synchronized CompletableFuture<List<TenantId>> serve(PartitionFence fence) {
    PartitionPlacement placed = clustered();
    int p = checkPartition(fence.partition());
    if (closed.get()) {
      return CompletableFuture.failedFuture(Partition.closed());
    }
    if (fence.equals(fences[p])) {
      return CompletableFuture.completedFuture(List.of());
    }
    stop(p, true);
    Storage kept = Objects.requireNonNull(storage, "a clustered engine keeps a storage");
    List<TenantId> tenants = new ArrayList<>();
    List<CompletableFuture<Void>> restores = new ArrayList<>();
    Partition fresh;
    try {
      for (String tenant : kept.config().tenants()) {
        TenantId id = TenantId.of(tenant);
        if (placed.partitionOf(id) == p) {
          tenants.add(id);
        }
      }
      fresh = newPartition(p, kept.fenced(fence));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    for (TenantId id : tenants) {
      restores.add(fresh.restore(fresh.slot(id)));
    }
    fences[p] = fence;
    partitions.set(p, fresh);
    log.info("Parley engine serves {} ({} tenants)", fence, tenants.size());
    return CompletableFuture.allOf(restores.toArray(new CompletableFuture<?>[0])).thenApply(v -> List.copyOf(tenants));
  }

  /**
   * Clustered: stops taking the partition's commands (they fail with a {@link NotOwnerException}
   * from now on), finishes and stores those submitted, and delivers their events.
   *
   * @return completed once nothing more of the partition will be written
   */
  public synchronized CompletableFuture<Void> drain(int partition) {
    clustered();
    return stop(checkPartition(partition), false);
  }

  /**
   * Clustered: stops the partition at once: the commands waiting for its writer fail with a {@link
   * NotOwnerException}, and what its writer has in hand fails to store if the partition has moved
   * on (the storage's fence refuses it).
   *
   * @return completed once the writer has stopped
   */
  public synchronized CompletableFuture<Void> drop(int partition) {
    clustered();
    return stop(checkPartition(partition), true);
  }

  /** Whether the partition is served here now. */
  public boolean serves(int partition) {
    return partitions.get(checkPartition(partition)) != null;
  }

  // Under the monitor: unpublishes the partition and closes it on a thread of its own.
  private CompletableFuture<Void> stop(int p, boolean abort) {
    Partition old = partitions.getAndSet(p, null);
    PartitionFence fence = fences[p];
    fences[p] = null;
    if (old == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread closer = new Thread(() -> {
      try {
        if (abort) {
          old.abort();
        } else {
          old.close();
        }
        stopped.complete(null);
      } catch (InterruptedException e) {
        stopped.completeExceptionally(e);
      }
      log.info("Parley engine {} {}", abort ? "dropped" : "drained", fence);
    }, "parley-partition-" + p + (abort ? "-drop" : "-drain"));
    closer.setDaemon(true);
    closer.start();
    return stopped;
  }

  private PartitionPlacement clustered() {
    if (placement == null) {
      throw new IllegalStateException("only an engine built clustered(...) serves and stops partitions");
    }
    return placement;
  }

  private int checkPartition(int partition) {
    if (partition < 0 || partition >= partitions.length()) {
      throw new IllegalArgumentException("partition must be 0.." + (partitions.length() - 1) + ", was: " + partition);
    }
    return partition;
  }

  public CompletableFuture<List<Event>> apply(TenantId tenant, Command command) {
    int i = index(tenant);
    Partition p = partitions.get(i);
    return p == null ? CompletableFuture.failedFuture(new NotOwnerException(i)) : p.apply(p.slot(tenant), command);
  }

  public <T> CompletableFuture<T> query(TenantId tenant, Function<RoutingCore, T> query) {
    int i = index(tenant);
    Partition p = partitions.get(i);
    return p == null ? CompletableFuture.failedFuture(new NotOwnerException(i)) : p.query(p.slot(tenant), query);
  }

  public TenantSnapshot snapshot(TenantId tenant) {
    Partition p = served(tenant);
    return p.snapshot(p.slot(tenant));
  }

  public CompletableFuture<TenantSnapshot> snapshotAsync(TenantId tenant) {
    int i = index(tenant);
    Partition p = partitions.get(i);
    return p == null ? CompletableFuture.failedFuture(new NotOwnerException(i)) : p.snapshotAsync(p.slot(tenant));
  }

  public void addListener(EventListener listener) {
    listeners.add(listener);
  }

  public boolean removeListener(EventListener listener) {
    return listeners.remove(listener);
  }

  public void tick() {
    for (int i = 0; i < partitions.length(); i++) {
      Partition p = partitions.get(i);
      if (p != null) {
        p.tick();
      }
    }
    if (purge != null && purgeTimer == null) {
      purge.runIfDue();
    }
  }

  /** Stops the partitions once; later calls return at once. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (purgeTimer != null) {
      purgeTimer.shutdownNow();
    }
    List<InterruptedException> interrupted = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < partitions.length(); i++) {
        Partition p = partitions.get(i);
        if (p == null) {
          continue;
        }
        try {
          p.close();
        } catch (InterruptedException e) {
          interrupted.add(e);
        }
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        ownedExecutor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.add(e);
      }
    }
    if (!interrupted.isEmpty()) {
      Thread.currentThread().interrupt();
    }
    log.info("Parley engine stopped");
  }

  private Partition served(TenantId tenant) {
    int i = index(tenant);
    Partition p = partitions.get(i);
    if (p == null) {
      throw new NotOwnerException(i);
    }
    return p;
  }

  private int index(TenantId tenant) {
    if (placement == null) {
      return Math.floorMod(tenant.hashCode(), partitions.length());
    }
    int p = placement.partitionOf(tenant);
    if (p < 0 || p >= partitions.length()) {
      throw new IllegalStateException("the placement put tenant " + tenant + " in partition " + p + " of "
          + partitions.length());
    }
    return p;
  }
}
