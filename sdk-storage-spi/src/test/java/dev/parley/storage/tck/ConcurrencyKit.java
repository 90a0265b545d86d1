package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.ContactRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The concurrent writers part of the {@link StorageTck}: what several threads do at once adds up. */
abstract class ConcurrencyKit extends StorageKit {
  private static final int THREADS = 6;
  private static final int ROUNDS = 15;

  ConcurrencyKit(StorageTck tck) {
    super(tck);
  }

  /** Runs {@link #THREADS} tasks made by {@code task} at once and returns their outcomes. */
  private static List<Object> race(IntFunction<Callable<?>> task) throws InterruptedException {
    List<Callable<?>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(task.apply(t));
    }
    return Race.run(tasks);
  }

  @Test
  @DisplayName("threads saving their own sessions and appending their messages lose nothing")
  void independentWriters() throws InterruptedException {
    int perThread = 20;

    List<Object> outcomes = race(t -> () -> {
      for (int n = 0; n < perThread; n++) {
        int i = n;
        String id = "s-" + t + "-" + i;
        SessionRecord v1 = save(queued("acme", id, T0.plusSeconds(i)).arrivalSeq(i));
        transcripts().append(fromClient("acme", id, id + "-m1", T0.plusSeconds(i), "hello from " + t));
        SessionRecord v2 = update(v1, b -> accepted(b, "op-" + t, T0.plusSeconds(i + 1)));
        transcripts().append(fromOperator("acme", id, id + "-m2", T0.plusSeconds(i + 2), "op-" + t, "hi"));
        update(v2, b -> ended(b, "CLIENT_DISCONNECTED", T0.plusSeconds(i + 3)));
      }
      return null;
    });

    assertThat(outcomes).containsOnlyNulls();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < perThread; i++) {
        String id = "s-" + t + "-" + i;
        SessionRecord s = sessions().find("acme", id).orElseThrow();
        assertThat(s.version()).as(id).isEqualTo(3);
        assertThat(s.operator()).as(id).contains("op-" + t);
        assertThat(transcripts().transcript("acme", id)).extracting(MessageRecord::id)
            .containsExactly(id + "-m1", id + "-m2");
      }
    }
    assertThat(sessions().query(SessionQuery.builder("acme").limit(SessionQuery.MAX_LIMIT).build()).items())
        .hasSize(THREADS * perThread);
  }

  @Test
  @DisplayName("of several saves of one session at the same version, exactly one wins and the others are stale")
  void oneSaveWins() throws InterruptedException {
    for (int round = 0; round < ROUNDS; round++) {
      SessionRecord base = save(queued("acme", "s-" + round, T0));

      List<Object> outcomes = race(t -> () -> update(base, b -> b.priority(t).tag("by-" + t)));

      List<SessionRecord> winners = outcomes.stream()
          .filter(SessionRecord.class::isInstance).map(SessionRecord.class::cast).toList();
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> !(o instanceof SessionRecord)))
          .as("round %d", round).hasSize(THREADS - 1).allSatisfy(o -> assertThat(o).isInstanceOf(StaleWriteException.class));
      assertThat(sessions().find("acme", "s-" + round)).contains(winners.get(0));
      assertThat(winners.get(0).version()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("threads appending to the outbox at once get every seq from 1 once, in each thread's order")
  void outboxSeqs() throws InterruptedException {
    int perThread = 40;

    List<Object> outcomes = race(t -> () -> {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(outbox().append(List.of(OutboxStoreKit.event("acme", "t" + t, T0))).get(0).seq());
      }
      return mine;
    });

    List<Long> all = new ArrayList<>();
    for (Object o : outcomes) {
      @SuppressWarnings("unchecked")
      List<Long> mine = (List<Long>) o;
      assertThat(mine).isSorted();
      all.addAll(mine);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, (long) THREADS * perThread).boxed().toList());
    assertThat(outbox().after("acme", 0, THREADS * perThread)).extracting(OutboxRecord::seq).isSorted()
        .hasSize(THREADS * perThread);
  }

  @Test
  @DisplayName("of several contacts claiming one identity at once, exactly one gets it")
  void oneContactGetsIdentity() throws InterruptedException {
    for (int round = 0; round < ROUNDS; round++) {
      ContactRecord.Identity phone = new ContactRecord.Identity(ContactRecord.Identity.Kind.PHONE, "+42060000" + round);
      String prefix = "c-" + round + "-";

      List<Object> outcomes = race(t -> () ->
          contacts().save(new ContactRecord("acme", prefix + t, "Zoë", List.of(phone), Map.of(), T0, 0)));

      List<Object> winners = outcomes.stream().filter(ContactRecord.class::isInstance).toList();
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(outcomes).as("round %d", round).filteredOn(o -> !(o instanceof ContactRecord))
          .allSatisfy(o -> assertThat(o).isInstanceOf(IllegalArgumentException.class));
      assertThat(contacts().findByIdentity("acme", phone)).contains((ContactRecord) winners.get(0));
    }
  }

  @Test
  @DisplayName("a message delivered several times at once is stored once")
  void oneAppendWins() throws InterruptedException {
    for (int round = 0; round < ROUNDS; round++) {
      String id = "m-" + round;

      List<Object> outcomes = race(t -> () -> transcripts().append(fromClient("acme", "s-1", id, T0, "copy " + t)));

      assertThat(outcomes).as("round %d", round).containsOnlyOnce(true).hasSize(THREADS);
    }
    assertThat(transcripts().transcript("acme", "s-1")).hasSize(ROUNDS);
  }
}
