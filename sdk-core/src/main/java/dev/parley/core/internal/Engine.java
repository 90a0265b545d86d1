package dev.parley.core.internal;

import com.google.common.util.concurrent.MoreExecutors;
import dev.parley.core.Command;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime shell: tenants spread over partitions, each partition one writer. {@link
 * dev.parley.core.Parley} is its public face.
 *
 * <p>Concurrency: tenant slots are created on first use from any thread (a concurrent map); each
 * slot's core is touched only by its partition's writer.
 */
public final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Partition[] partitions;
  private final ConcurrentMap<TenantId, TenantSlot> slots = new ConcurrentHashMap<>();
  private final long seed;
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
   */
  public Engine(Clock clock, List<EventListener> listeners, @Nullable Executor executor,
      @Nullable ExecutorService ownedExecutor, int partitions, int queueCapacity, long seed, @Nullable Storage storage,
      @Nullable Duration retention, boolean outbox) {
    this.seed = seed;
    this.ownedExecutor = ownedExecutor;
    this.partitions = new Partition[partitions];
    this.listeners.addAll(listeners);
    for (int i = 0; i < partitions; i++) {
      Executor delivery = executor == null ? null : MoreExecutors.newSequentialExecutor(executor);
      this.partitions[i] = new Partition("parley-partition-" + i, clock, this.listeners, delivery, queueCapacity, storage,
          outbox);
    }
    if (storage != null) {
      restore(storage);
    }
    purge = storage == null || retention == null ? null : new HistoryPurge(storage, clock, retention);
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
    log.info("Parley engine started: {} partition(s){}", partitions, executor == null ? ", same-thread mode" : "");
  }

  /** Rebuilds every stored tenant, all partitions at once; fails the start if one cannot be. */
  private void restore(Storage storage) {
    List<CompletableFuture<Void>> restores = new ArrayList<>();
    try {
      for (String tenant : storage.config().tenants()) {
        TenantSlot slot = slot(TenantId.of(tenant));
        restores.add(partition(slot).restore(slot));
      }
      CompletableFuture.allOf(restores.toArray(new CompletableFuture<?>[0])).join();
    } catch (RuntimeException e) {
      close();
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("could not rebuild the engine's state from storage: " + cause.getMessage(), cause);
    }
    log.info("Parley engine restored {} tenant(s) from storage", restores.size());
  }

  public CompletableFuture<List<Event>> apply(TenantId tenant, Command command) {
    TenantSlot slot = slot(tenant);
    return partition(slot).apply(slot, command);
  }

  public <T> CompletableFuture<T> query(TenantId tenant, Function<RoutingCore, T> query) {
    TenantSlot slot = slot(tenant);
    return partition(slot).query(slot, query);
  }

  public TenantSnapshot snapshot(TenantId tenant) {
    TenantSlot slot = slot(tenant);
    return partition(slot).snapshot(slot);
  }

  public CompletableFuture<TenantSnapshot> snapshotAsync(TenantId tenant) {
    TenantSlot slot = slot(tenant);
    return partition(slot).snapshotAsync(slot);
  }

  public void addListener(EventListener listener) {
    listeners.add(listener);
  }

  public boolean removeListener(EventListener listener) {
    return listeners.remove(listener);
  }

  public void tick() {
    for (Partition p : partitions) {
      p.tick();
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
    for (Partition p : partitions) {
      try {
        p.close();
      } catch (InterruptedException e) {
        interrupted.add(e);
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

  private TenantSlot slot(TenantId tenant) {
    TenantSlot slot = slots.get(tenant); // mostly there: no capturing lambda for every command
    return slot != null ? slot
        : slots.computeIfAbsent(tenant, id -> new TenantSlot(id, seed ^ (0x9E3779B97F4A7C15L * id.hashCode())));
  }

  private Partition partition(TenantSlot slot) {
    return partitions[Math.floorMod(slot.id.hashCode(), partitions.length)];
  }
}
