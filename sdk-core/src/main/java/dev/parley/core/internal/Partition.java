package dev.parley.core.internal;

import dev.parley.core.Command;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of tenants served by one writer: their routing cores, their deadlines, and the delivery
 * of their events.
 *
 * <p>Concurrency: in threaded mode one thread owns every core of the partition and its timers;
 * any thread submits tasks through a bounded queue ({@link BlockingQueue#put} blocks when it is
 * full: back-pressure). Results and events go out in batches on a sequential view of the host's
 * executor; at most {@link #MAX_BATCHES_IN_FLIGHT} batches wait there, after which the writer waits
 * too. In same-thread mode there is no thread: {@link #submit} runs the task on the caller's
 * thread under the partition's lock and delivers inline.
 *
 * <p>Nothing outside the writer waits for it but a host's own thread that asks to. Reads are
 * answered by the last published snapshot when it is current, else by a task the writer runs
 * between two others: completed with its batch on delivery, in order after the events before it,
 * for the asynchronous read ({@link #snapshotAsync}); completed on the writer for a host thread that
 * waits ({@link #snapshot}). The edges are told what they need in the events themselves, so
 * delivery never reads back; a blocking read on a delivery thread (or on a host's I/O thread,
 * marked through {@link NonBlocking}) is refused rather than waited out, so that delivery can never
 * wait for the writer while the writer waits for delivery.
 *
 * <p>The writer reads its storage for one thing only: whether the ids its commands would start
 * sessions under are taken ({@link TakenIds}), once a pass, before the cores apply them.
 */
final class Partition {
  private static final Logger log = LoggerFactory.getLogger(Partition.class);
  static final int MAX_BATCH = 1_024;
  static final int MAX_BATCHES_IN_FLIGHT = 64;

  /** Work for the writer. */
  private abstract static class Task {
    abstract void run(Partition p, Batch batch);

    /** Tells {@code ids}, before the pass runs, of a session the task would start. */
    void expect(TakenIds ids) {}

    /** Fails the task's caller with {@code why}: the partition closed before the writer got to it. */
    void reject(RuntimeException why) {}
  }

  private static final class Apply extends Task {
    final TenantSlot slot;
    final Command command;
    final CompletableFuture<List<Event>> future;

    Apply(TenantSlot slot, Command command, CompletableFuture<List<Event>> future) {
      this.slot = slot;
      this.command = command;
      this.future = future;
    }

    @Override
    void expect(TakenIds ids) {
      ids.expect(slot.core, command);
    }

    @Override
    void run(Partition p, Batch batch) {
      List<Event> events = p.scratch();
      RuntimeException failure = null;
      try {
        Instant now = p.now(slot);
        if (p.takenIds != null) {
          slot.core.advanceTo(now, events); // as apply would first: a deadline due may close or forget a session
          p.takenIds.check(slot.core, command);
        }
        slot.core.apply(command, now, events);
      } catch (RuntimeException e) {
        failure = e;
      }
      p.changed(slot, events, batch);
      batch.complete(future, failure == null ? copy(events) : null, failure);
    }

    @Override
    void reject(RuntimeException why) {
      future.completeExceptionally(why);
    }
  }

  /** The events for the caller: mostly one, which needs no array. */
  private static List<Event> copy(List<Event> events) {
    return events.size() == 1 ? List.of(events.get(0)) : List.copyOf(events);
  }

  private static final class Query<T> extends Task {
    final TenantSlot slot;
    final Function<RoutingCore, T> query;
    final CompletableFuture<T> future;

    Query(TenantSlot slot, Function<RoutingCore, T> query, CompletableFuture<T> future) {
      this.slot = slot;
      this.query = query;
      this.future = future;
    }

    @Override
    void run(Partition p, Batch batch) {
      T result = null;
      RuntimeException failure = null;
      try {
        result = query.apply(slot.core);
      } catch (RuntimeException e) {
        failure = e;
      }
      batch.complete(future, result, failure);
    }

    @Override
    void reject(RuntimeException why) {
      future.completeExceptionally(why);
    }
  }

  /**
   * Publishes a tenant's current snapshot for a reader who waits for it on his own thread,
   * completing his future on the writer itself (not with the batch): he never waits for delivery,
   * which may be held up by a storage that is down. Only {@link #snapshot} makes these, and only on
   * threads allowed to wait, so nothing but his join depends on the future.
   */
  private static final class SnapshotRead extends Task {
    final TenantSlot slot;
    final CompletableFuture<TenantSnapshot> future = new CompletableFuture<>();

    SnapshotRead(TenantSlot slot) {
      this.slot = slot;
    }

    @Override
    void run(Partition p, Batch batch) {
      try {
        future.complete(slot.refreshSnapshot());
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
      }
    }

    @Override
    void reject(RuntimeException why) {
      future.completeExceptionally(why);
    }
  }

  /** Rebuilds a tenant from storage after a restart. */
  private static final class Restore extends Task {
    final TenantSlot slot;
    final CompletableFuture<Void> future;

    Restore(TenantSlot slot, CompletableFuture<Void> future) {
      this.slot = slot;
      this.future = future;
    }

    @Override
    void run(Partition p, Batch batch) {
      try {
        List<Event> events = Restorer.restore(p.storage, slot.core, p.now(slot), p.recorder, batch.writes);
        p.changed(slot, events, batch);
        batch.complete(future, null, null);
      } catch (RuntimeException e) {
        batch.complete(future, null, e);
      }
    }

    @Override
    void reject(RuntimeException why) {
      future.completeExceptionally(why);
    }
  }

  /** Fires due deadlines; submitted by {@link #tick()} to wake the writer. */
  private static final class Wake extends Task {
    @Override
    void run(Partition p, Batch batch) {}
  }

  private static final class Stop extends Task {
    @Override
    void run(Partition p, Batch batch) {
      p.running = false;
    }
  }

  /**
   * What one pass of the writer produced, handed to delivery in one piece; delivery gives it back
   * emptied, so that a pass, which under light load is one command, makes none of these lists anew.
   */
  private final class Batch implements Runnable {
    /** The pass's number: passes are numbered from 1, in the order they run and are stored. */
    long pass;
    final List<CompletableFuture<Object>> futures = new ArrayList<>();
    final List<@Nullable Object> results = new ArrayList<>();
    final List<@Nullable RuntimeException> failures = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Writes writes = new Writes();

    @SuppressWarnings("unchecked")
    <T> void complete(CompletableFuture<T> future, @Nullable T result, @Nullable RuntimeException failure) {
      futures.add((CompletableFuture<Object>) future);
      results.add(result);
      failures.add(failure);
    }

    boolean isEmpty() {
      return futures.isEmpty() && events.isEmpty() && writes.isEmpty();
    }

    /** Delivers the batch on the delivery executor, then gives it back. */
    @Override
    public void run() {
      try {
        deliver(this);
      } finally {
        recycle(this);
        inFlight.release();
      }
    }
  }

  private record Timer(Instant at, TenantSlot slot) {}

  private final String name;
  private final Clock clock;
  /** Copy-on-write: iterated by delivery while the host adds and removes. */
  private final List<EventListener> listeners;
  private final Executor delivery;
  private final @Nullable BlockingQueue<Task> queue;
  private final @Nullable Thread thread;
  private final @Nullable Storage storage;
  /** Set exactly when {@link #storage} is: owned by the writer. */
  private final @Nullable Recorder recorder;
  /** Set exactly when {@link #storage} is: owned by delivery (sequential). */
  private final @Nullable Persister persister;
  /** Set exactly when {@link #storage} is: owned by the writer. */
  private final @Nullable TakenIds takenIds;
  /** The number of the writer's last pass. */
  private long passes;
  private final Semaphore inFlight = new Semaphore(MAX_BATCHES_IN_FLIGHT);
  /** Delivered batches, emptied, for the writer's next passes: at most one for each in flight, and the writer's. */
  private final BlockingQueue<Batch> spare = new ArrayBlockingQueue<>(MAX_BATCHES_IN_FLIGHT + 1);
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::at));
  /** The events of the command or deadline at hand: one list the writer reuses, since each is copied on. */
  private final List<Event> scratch = new ArrayList<>();
  private volatile boolean running = true;
  private volatile boolean accepting = true;
  /** Whether the engine is closing: what storage retries ask before each pause. */
  private final BooleanSupplier stopping = () -> !accepting;
  /** What the work the partition refuses once closed fails with. */
  private final Supplier<RuntimeException> rejection;
  /** The partition's tenants, made on first use from any thread; each core touched by the writer only. */
  private final ConcurrentMap<TenantId, TenantSlot> slots = new ConcurrentHashMap<>();
  private final long seed;

  /**
   * @param delivery a sequential executor for results and events, or null for same-thread mode
   *     (no writer thread; everything runs on the caller's thread)
   * @param storage where to keep what the tenants do, or null to keep nothing
   * @param outbox whether to append the events webhooks deliver to the storage's outbox
   * @param seed what the tenants' cores are seeded from, with their ids
   * @param rejection what the work refused once the partition is closed fails with
   */
  Partition(String name, Clock clock, List<EventListener> listeners, @Nullable Executor delivery, int queueCapacity,
      @Nullable Storage storage, boolean outbox, long seed, Supplier<RuntimeException> rejection) {
    this.name = name;
    this.seed = seed;
    this.rejection = rejection;
    this.clock = clock;
    this.listeners = listeners; // the engine's live list: listeners may come and go
    this.storage = storage;
    this.recorder = storage == null ? null : new Recorder(outbox);
    this.persister = storage == null ? null : new Persister(storage);
    this.takenIds = storage == null ? null : new TakenIds(storage, recorder, stopping);
    if (delivery == null) {
      this.delivery = Runnable::run;
      this.queue = null;
      this.thread = null;
    } else {
      this.delivery = delivery;
      this.queue = new ArrayBlockingQueue<>(queueCapacity);
      this.thread = new Thread(this::loop, name);
      this.thread.setDaemon(true);
      this.thread.start();
    }
  }

  /** The tenant's slot in this partition, made on first use. */
  TenantSlot slot(TenantId tenant) {
    TenantSlot slot = slots.get(tenant); // mostly there: no capturing lambda for every command
    return slot != null ? slot
        : slots.computeIfAbsent(tenant, id -> new TenantSlot(id, seed ^ (0x9E3779B97F4A7C15L * id.hashCode())));
  }

  CompletableFuture<List<Event>> apply(TenantSlot slot, Command command) {
    CompletableFuture<List<Event>> future = new CompletableFuture<>();
    submit(new Apply(slot, command, future), future);
    return future;
  }

  /** Rebuilds a tenant from storage; call before any other work of the tenant. */
  CompletableFuture<Void> restore(TenantSlot slot) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    submit(new Restore(slot, future), future);
    return future;
  }

  /** Runs a read on the writer; its result is handed out with the batch's other results. */
  <T> CompletableFuture<T> query(TenantSlot slot, Function<RoutingCore, T> query) {
    CompletableFuture<T> future = new CompletableFuture<>();
    submit(new Query<>(slot, query, future), future);
    return future;
  }

  /**
   * The tenant's current snapshot: the published one at once when it is current, else one the
   * writer publishes between two of its tasks, handed out with its batch's results on delivery
   * (never on the writer). Readers never take a lock the writer needs.
   */
  CompletableFuture<TenantSnapshot> snapshotAsync(TenantSlot slot) {
    TenantSnapshot current = slot.currentSnapshot();
    return current != null ? CompletableFuture.completedFuture(current) : query(slot, core -> slot.refreshSnapshot());
  }

  /**
   * The tenant's current snapshot, waited for: the published one when it is current, else one the
   * writer publishes between two of its tasks and hands over at once. Refused on a thread that must
   * not wait ({@link NonBlocking}).
   */
  TenantSnapshot snapshot(TenantSlot slot) {
    NonBlocking.check("Parley.snapshot", "Parley.snapshotAsync");
    TenantSnapshot current = slot.currentSnapshot();
    if (current != null) {
      return current;
    }
    SnapshotRead read = new SnapshotRead(slot);
    submit(read, read.future);
    try {
      return read.future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }

  /** Fires the deadlines that fell due by the clock. */
  void tick() {
    submit(new Wake(), null);
  }

  /** What callers get for the work the partition refuses once it is closed. */
  static IllegalStateException closed() {
    return new IllegalStateException("the engine is closed");
  }

  private void submit(Task task, @Nullable CompletableFuture<?> future) {
    if (!accepting) {
      task.reject(rejection.get());
      return;
    }
    if (queue == null) {
      synchronized (this) {
        runBatch(List.of(task));
      }
      return;
    }
    try {
      queue.put(task);
      if (!running) {
        rejectLeftovers(); // raced with close: the writer is gone, nobody else will
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (future != null) {
        future.completeExceptionally(new IllegalStateException("interrupted while the engine's queue was full", e));
      }
    }
  }

  /** Stops taking work, fails what waits for the writer, and waits for the writer to end. */
  void abort() throws InterruptedException {
    accepting = false;
    if (queue != null) {
      rejectLeftovers();
    }
    close();
  }

  /** Stops taking work, finishes what was submitted, and waits for the writer to end. */
  void close() throws InterruptedException {
    accepting = false;
    if (queue == null) {
      return;
    }
    queue.put(new Stop());
    thread.join();
    inFlight.acquire(MAX_BATCHES_IN_FLIGHT);
    inFlight.release(MAX_BATCHES_IN_FLIGHT);
  }

  private void loop() {
    List<Task> tasks = new ArrayList<>(MAX_BATCH);
    try {
      while (running) {
        Task first = nextTask();
        if (first != null) {
          tasks.add(first);
          queue.drainTo(tasks, MAX_BATCH - 1);
        }
        runBatch(tasks);
        tasks.clear();
      }
    } catch (InterruptedException e) {
      log.warn("{} interrupted; stopping with {} tasks unprocessed", name, queue.size());
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      log.error("{} failed; its tenants stop here", name, e);
      throw e;
    } finally {
      running = false;
      rejectLeftovers();
    }
  }

  private void rejectLeftovers() {
    List<Task> left = new ArrayList<>();
    queue.drainTo(left);
    for (Task t : left) {
      t.reject(rejection.get());
    }
  }

  /** Waits for a task, or until the earliest deadline falls due. */
  private @Nullable Task nextTask() throws InterruptedException {
    Timer next = timers.peek();
    if (next == null) {
      return queue.take();
    }
    long waitMillis = next.at().toEpochMilli() - clock.millis();
    return waitMillis <= 0 ? queue.poll() : queue.poll(waitMillis, TimeUnit.MILLISECONDS);
  }

  private void runBatch(List<Task> tasks) {
    Batch batch = spare.poll();
    if (batch == null) {
      batch = new Batch();
    }
    batch.pass = ++passes;
    if (takenIds != null) {
      for (Task t : tasks) {
        t.expect(takenIds);
      }
    }
    for (Task t : tasks) {
      t.run(this, batch);
    }
    fireDue(batch);
    if (recorder != null) {
      recorder.flush(batch.writes);
      takenIds.passOver(batch.writes.forgotten, batch.pass);
    }
    if (batch.isEmpty()) {
      recycle(batch);
      return;
    }
    if (queue == null) {
      deliver(batch);
      recycle(batch);
      return;
    }
    awaitDelivery();
    try {
      delivery.execute(batch);
    } catch (RejectedExecutionException e) {
      inFlight.release();
      log.warn("{}: the event executor refused a batch; completing it on the writer without listeners", name);
      if (persist(batch)) {
        completeAll(batch);
      }
      recycle(batch);
    }
  }

  /**
   * Takes a place among the batches in flight, waiting for delivery to finish one when all are
   * taken (back-pressure: listeners are 64 batches behind). Delivery never waits for the writer,
   * so this wait always ends.
   */
  private void awaitDelivery() {
    inFlight.acquireUninterruptibly(); // a place is needed whatever happens: the batch's work is done
  }

  /**
   * Empties a delivered batch for a later pass; one that restored a tenant is dropped instead, so
   * that its map sized for every live session goes too.
   */
  private void recycle(Batch batch) {
    if (batch.writes.restored.isEmpty()) {
      batch.futures.clear();
      batch.results.clear();
      batch.failures.clear();
      batch.events.clear();
      batch.writes.clear();
      spare.offer(batch);
    }
  }

  private void fireDue(Batch batch) {
    Instant now = clock.instant();
    Timer t;
    while ((t = timers.peek()) != null && !t.at().isAfter(now)) {
      timers.poll();
      TenantSlot slot = t.slot();
      if (!t.at().equals(slot.scheduled)) {
        continue; // superseded by an earlier deadline
      }
      slot.scheduled = null;
      List<Event> events = scratch();
      slot.core.advanceTo(now(slot), events);
      changed(slot, events, batch);
    }
  }

  /** The writer's list for the events of its next command or deadline, emptied. */
  private List<Event> scratch() {
    scratch.clear();
    return scratch;
  }

  /** After the writer touched a tenant: publish the change, and set a timer for its next deadline. */
  private void changed(TenantSlot slot, List<Event> events, Batch batch) {
    if (!events.isEmpty()) {
      slot.version++;
      for (int i = 0; i < events.size(); i++) { // addAll would copy them to an array first
        batch.events.add(events.get(i));
      }
      if (recorder != null) {
        recorder.record(slot.core, events, batch.writes);
      }
    }
    Optional<Instant> next = slot.core.nextDeadline(); // no capturing lambda: this runs for every command
    if (next.isPresent() && (slot.scheduled == null || next.get().isBefore(slot.scheduled))) {
      slot.scheduled = next.get();
      timers.add(new Timer(next.get(), slot));
    }
  }

  /** The instant to apply at: the clock, but never before what the core has seen. */
  private Instant now(TenantSlot slot) {
    Instant now = clock.instant();
    Instant seen = slot.core.now();
    return now.isBefore(seen) ? seen : now;
  }

  private void deliver(Batch batch) {
    if (!persist(batch)) {
      return;
    }
    NonBlocking.markCurrentThread(); // callers' callbacks and listeners run here: none may wait for the writer
    try {
      completeAll(batch);
      for (Event e : batch.events) {
        for (EventListener listener : listeners) {
          try {
            listener.onEvent(e);
          } catch (RuntimeException ex) {
            log.warn("event listener {} failed on {}; carrying on", listener, e, ex);
          }
        }
      }
    } finally {
      NonBlocking.unmarkCurrentThread();
    }
  }

  /**
   * Stores the batch's writes before anything of it goes out. When they cannot be stored (the
   * engine closed while the storage was down, or the storage refused them), the batch's callers
   * get the failure instead of their results and its events are not delivered: nothing
   * unstored is acknowledged.
   */
  private boolean persist(Batch batch) {
    if (persister == null) {
      return true;
    }
    try {
      if (!batch.writes.isEmpty()) {
        persister.persist(batch.writes, stopping);
      }
      takenIds.passStored(batch.pass);
      return true;
    } catch (RuntimeException e) {
      log.error("{}: could not store a batch of {} events; failing its {} commands", name, batch.events.size(),
          batch.futures.size(), e);
      for (CompletableFuture<Object> f : batch.futures) {
        f.completeExceptionally(e);
      }
      return false;
    }
  }

  private static void completeAll(Batch batch) {
    for (int i = 0; i < batch.futures.size(); i++) {
      RuntimeException failure = batch.failures.get(i);
      if (failure != null) {
        batch.futures.get(i).completeExceptionally(failure);
      } else {
        batch.futures.get(i).complete(batch.results.get(i));
      }
    }
  }
}
