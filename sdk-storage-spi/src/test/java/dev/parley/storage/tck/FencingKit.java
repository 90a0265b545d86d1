package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.FencedWriteException;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.PartitionFences;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fencing part of the {@link StorageTck}: what a partition's writer persists through {@link
 * Storage#fenced} is refused, whole, once the partition has moved to another epoch, and a change of
 * owner ({@link PartitionFences#advance}) racing a batch in flight either waits for the batch or
 * fences it, so that no batch under the old epoch lands after the change. The race is the one that
 * {@code SELECT ... FOR KEY SHARE} gets wrong on PostgreSQL: the change's {@code UPDATE} does not
 * wait for such a lock, and the stale batch commits after it.
 */
abstract class FencingKit extends StorageKit {
  /** How long the race waits for a writer to park or finish before it calls the storage stuck. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  FencingKit(StorageTck tck) {
    super(tck);
  }

  @BeforeEach
  void onlyIfFenced() {
    assumeThat(tck().supportsFencing()).as("the storage fences partitions").isTrue();
  }

  private PartitionFences fences() {
    return storage().fences();
  }

  @Test
  @DisplayName("a partition nobody has owned is at epoch 0, and each change of owner moves only its own epoch on by one")
  void epochsMoveOnByOne() {
    assertThat(fences().epoch(3)).isZero();

    assertThat(fences().advance(3)).isEqualTo(new PartitionFence(3, 1));
    assertThat(fences().advance(3)).isEqualTo(new PartitionFence(3, 2));

    assertThat(fences().epoch(3)).isEqualTo(2);
    assertThat(fences().epoch(4)).isZero();
    assertThatThrownBy(() -> fences().advance(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  @DisplayName("what a writer persists under its partition's epoch is stored as without a fence")
  void currentEpochWrites() {
    Storage mine = storage().fenced(fences().advance(0));

    SessionRecord v1 = mine.sessions().saveAll(List.of(queued("acme", "s-1", T0).build())).get(0);
    mine.sessions().save(v1.toBuilder().priority(3).build());
    mine.transcripts().appendAll(List.of(fromClient("acme", "s-1", "m-1", T0, "hello")));
    mine.outbox().append(List.of(OutboxStoreKit.event("acme", "session.queued", T0)));
    mine.outbox().saveCursor("acme", "hook", 1);
    inbox().accept(InboxStoreKit.message("acme", "wamid-1"));
    assertThat(mine.inbox().markApplied("acme", mine.inbox().pending("acme", 10))).isEqualTo(1);

    assertThat(sessions().find("acme", "s-1")).get().extracting(SessionRecord::version, SessionRecord::priority)
        .containsExactly(2L, 3);
    assertThat(transcripts().transcript("acme", "s-1")).hasSize(1);
    assertThat(outbox().after("acme", 0, 10)).hasSize(1);
    assertThat(outbox().cursor("acme", "hook")).isEqualTo(1);
    assertThat(mine.sessions().find("acme", "s-1")).isEqualTo(sessions().find("acme", "s-1"));
  }

  @Test
  @DisplayName("every write under an old epoch is refused with a FencedWriteException and changes nothing")
  void staleEpochIsRefused() {
    PartitionFence old = fences().advance(0);
    Storage stale = storage().fenced(old);
    SessionRecord v1 = stale.sessions().save(queued("acme", "s-1", T0).build());
    inbox().accept(InboxStoreKit.message("acme", "wamid-1")); // by any node, unfenced
    stale.outbox().append(List.of(OutboxStoreKit.event("acme", "session.queued", T0)));
    stale.outbox().saveCursor("acme", "hook", 1);
    fences().advance(0); // another node owns partition 0 now

    List<Consumer<Storage>> writes = List.of(
        s -> s.sessions().saveAll(List.of(v1.toBuilder().priority(9).build(), queued("acme", "s-2", T0).build())),
        s -> s.sessions().save(queued("acme", "s-3", T0).build()),
        s -> s.transcripts().appendAll(List.of(fromClient("acme", "s-1", "m-1", T0, "hello"))),
        s -> s.transcripts().append(fromClient("acme", "s-1", "m-2", T0, "hello")),
        s -> s.outbox().append(List.of(OutboxStoreKit.event("acme", "session.ended", T0))),
        s -> s.outbox().saveCursor("acme", "hook", 7), // a delivery mark
        s -> s.inbox().markApplied("acme", List.of(InboxStoreKit.message("acme", "wamid-1"))),
        s -> s.tags().used("acme", "alice", "vip", T0),
        s -> s.config().put(new ConfigRecord("acme", "group", "sales", Map.of("name", "Sales"))),
        s -> s.link("acme", "s-1", null));
    for (Consumer<Storage> write : writes) {
      assertThatThrownBy(() -> write.accept(stale)).isInstanceOfSatisfying(FencedWriteException.class, e -> {
        assertThat(e.partition()).isZero();
        assertThat(e.heldEpoch()).isEqualTo(1);
        assertThat(e.currentEpoch()).isEqualTo(2);
        assertThat(e.key()).isEqualTo("partition 0");
        assertThat(e).hasMessageContaining("epoch 2");
      });
    }

    assertThat(sessions().find("acme", "s-1")).contains(v1);
    assertThat(sessions().find("acme", "s-2")).isEmpty();
    assertThat(sessions().find("acme", "s-3")).isEmpty();
    assertThat(transcripts().transcript("acme", "s-1")).isEmpty();
    assertThat(outbox().after("acme", 0, 10)).extracting(OutboxRecord::type).containsExactly("session.queued");
    assertThat(outbox().cursor("acme", "hook")).isEqualTo(1);
    assertThat(inbox().pending("acme", 10)).containsExactly(InboxStoreKit.message("acme", "wamid-1"));
    assertThat(storage().tags().recent("acme", "alice", 10)).isEmpty();
    assertThat(storage().config().list("acme")).isEmpty();
  }

  @Test
  @DisplayName("a fence no claim gave (a partition nobody owns, an epoch ahead of the partition's) is refused")
  void unclaimedFencesAreRefused() {
    assertThatThrownBy(() -> storage().fenced(new PartitionFence(5, 1)).sessions().save(queued("acme", "s-1", T0).build()))
        .isInstanceOfSatisfying(FencedWriteException.class, e -> assertThat(e.currentEpoch()).isZero());
    fences().advance(5);
    assertThatThrownBy(() -> storage().fenced(new PartitionFence(5, 2)).outbox().saveCursor("acme", "hook", 1))
        .isInstanceOfSatisfying(FencedWriteException.class, e -> assertThat(e.currentEpoch()).isEqualTo(1));

    assertThat(sessions().find("acme", "s-1")).isEmpty();
    assertThat(outbox().cursor("acme", "hook")).isZero();
  }

  @Test
  @DisplayName("a change of owner of one partition leaves the writers of the others alone")
  void partitionsAreFencedApart() {
    Storage zero = storage().fenced(fences().advance(0));
    Storage one = storage().fenced(fences().advance(1));

    fences().advance(1);

    zero.sessions().save(queued("acme", "s-1", T0).build());
    assertThatThrownBy(() -> one.sessions().save(queued("acme", "s-2", T0).build()))
        .isInstanceOf(FencedWriteException.class);
    assertThat(sessions().find("acme", "s-1")).isPresent();
    assertThat(sessions().find("acme", "s-2")).isEmpty();
  }

  @Test
  @DisplayName("a change of owner racing a batch in flight waits for the batch or fences it: no batch under the old epoch lands after it")
  void changeOfOwnerRacingABatch() throws Exception {
    PartitionFence old = fences().advance(0);
    SessionRecord v1 = storage().fenced(old).sessions().save(queued("acme", "s-1", T0).build());
    Optional<SessionHold> held = tck().holdSession("acme", "s-1");
    assumeThat(held).as("the storage can hold a session's write in flight").isPresent();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (SessionHold hold = held.get()) {
      Future<SessionRecord> batch = threads.submit(() -> storage().fenced(old).sessions().save(v1.toBuilder().priority(9).build()));
      awaitUntil(() -> hold.waiting() >= 1 || batch.isDone(), "the batch to park behind the held session");
      assertThat(batch.isDone()).as("the batch waits for the held session").isFalse();

      Future<PartitionFence> change = threads.submit(() -> fences().advance(0));
      // The change of owner now either waits for the batch (a second writer waiting) or is done.
      awaitUntil(() -> change.isDone() || hold.waiting() >= 2, "the change of owner to wait or finish");
      boolean changedFirst = change.isDone();
      hold.close();

      Object outcome = outcome(batch);
      assertThat(outcome(change)).isEqualTo(new PartitionFence(0, 2));
      if (outcome instanceof SessionRecord stored) {
        assertThat(changedFirst).as("the batch under epoch 1 committed after the change to epoch 2 had returned").isFalse();
        assertThat(sessions().find("acme", "s-1")).contains(stored);
      } else {
        assertThat(outcome).isInstanceOf(FencedWriteException.class);
        assertThat(sessions().find("acme", "s-1")).contains(v1);
      }
      assertThatThrownBy(() -> storage().fenced(old).sessions().save(queued("acme", "s-2", T0).build()))
          .isInstanceOf(FencedWriteException.class);
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE + " for " + what + ": is the storage stuck?");
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  // What the task returned, or what it threw.
  private static Object outcome(Future<?> task) throws InterruptedException {
    try {
      return task.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("a write took more than " + PATIENCE + ": is the storage deadlocked?", e);
    }
  }
}
