package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.Storage;
import dev.parley.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Writers started by ownership, on three nodes, each rewriting its partition's one session through
 * {@code storage.fenced(fence)} as fast as it can; one node's control connection dies as in a crash,
 * and its writers, playing zombies, go on writing: they do not stop when told the partition is
 * lost, only when the storage refuses them. Whatever the interleaving, each partition's session
 * must have been written once per version, in epoch order: no write under an old epoch lands after
 * a write under a newer one.
 */
class FencedWritersTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  /** A successful write: the session's partition, the writer's epoch, the version it stored. */
  private record Write(String node, int partition, long epoch, long version) {}

  private final List<Write> writes = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> refusals = new CopyOnWriteArrayList<>();
  private final List<Thread> writers = new CopyOnWriteArrayList<>();
  private final List<ClusterNode> nodes = new ArrayList<>();
  private JdbcStorage storage;
  private volatile boolean writing = true;

  @BeforeEach
  void sessions() {
    TestCluster.reset();
    storage = JdbcStorage.using(TestCluster.pool()).build();
    TestCluster.execute("DELETE FROM parley_session WHERE tenant = 'acme'");
    for (int p = 0; p < TestCluster.PARTITIONS; p++) {
      storage.sessions().save(SessionRecord.builder("acme", "p-" + p, "WEB_CHAT", T0)
          .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "sales", null)).build());
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    writing = false;
    for (Thread t : writers) {
      t.join(5_000);
    }
    nodes.forEach(ClusterNode::close);
    storage.close();
  }

  private PartitionListener writerOf(String node) {
    return new PartitionListener() {
      @Override
      public void acquired(PartitionFence fence) {
        Thread t = new Thread(() -> write(node, storage.fenced(fence), fence), "writer-" + node + "-" + fence.partition());
        t.setDaemon(true);
        writers.add(t);
        t.start();
      }
      // lost(): ignored on purpose, as by a node that was paused when it was told
    };
  }

  private void write(String node, Storage fenced, PartitionFence fence) {
    String id = "p-" + fence.partition();
    while (writing) {
      try {
        SessionRecord current = fenced.sessions().find("acme", id).orElseThrow();
        SessionRecord stored = fenced.sessions().save(current.toBuilder().priority((int) fence.epoch()).build());
        writes.add(new Write(node, fence.partition(), fence.epoch(), stored.version()));
      } catch (FencedWriteException e) {
        return; // the storage stopped this writer: the partition has a newer owner
      } catch (RuntimeException e) {
        refusals.add(e); // a stale version or anything else: the invariant is broken
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  @Test
  @DisplayName("zombie writers of a crashed node are fenced: every partition's session is written once per version, in epoch order")
  void zombiesAreFenced() {
    for (String id : List.of("a", "b", "c")) {
      nodes.add(TestCluster.node(id, TestCluster.nodeSource(TestCluster.port()), writerOf(id)).build().start());
    }
    awaitUntil(PATIENCE, "every partition written", () -> writes.stream().map(Write::partition).distinct().count()
        == TestCluster.PARTITIONS);
    ClusterNode c = nodes.get(2);
    Map<Integer, PartitionFence> orphaned = new TreeMap<>(c.owned());
    long incarnation = c.directory().owner(orphaned.keySet().iterator().next()).orElseThrow().incarnation();

    TestCluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
        + NodeTable.applicationName("c", incarnation) + "'");

    // A write refused other than by the fence ends the wait at once: the assertion below says why.
    awaitUntil(PATIENCE, "c's partitions written under newer epochs", () -> !refusals.isEmpty() || orphaned.entrySet()
        .stream().allMatch(o -> writes.stream().anyMatch(w -> w.partition() == o.getKey() && w.epoch() > o.getValue().epoch())));
    awaitUntil(PATIENCE, "c's first writers fenced", () -> !refusals.isEmpty() || writers.stream()
        .filter(t -> t.getName().startsWith("writer-c-")).limit(orphaned.size()).noneMatch(Thread::isAlive));
    writing = false;

    assertThat(refusals).as("writes refused other than by the fence (a zombie's write landed after a takeover)").isEmpty();
    Map<Integer, List<Write>> byPartition = writes.stream().collect(Collectors.groupingBy(Write::partition));
    for (Map.Entry<Integer, List<Write>> e : byPartition.entrySet()) {
      List<Write> ordered = e.getValue().stream().sorted(Comparator.comparingLong(Write::version)).toList();
      for (int i = 0; i < ordered.size(); i++) {
        assertThat(ordered.get(i).version()).as("partition %d: each version written once", e.getKey()).isEqualTo(i + 2);
        if (i > 0) {
          assertThat(ordered.get(i).epoch()).as("partition %d, version %d: epochs never go back", e.getKey(),
              ordered.get(i).version()).isGreaterThanOrEqualTo(ordered.get(i - 1).epoch());
        }
      }
    }
    long zombieWrites = writes.stream().filter(w -> w.node().equals("c") && orphaned.containsKey(w.partition())
        && w.epoch() == orphaned.get(w.partition()).epoch()).count();
    System.out.printf("fenced writers: %d writes in all, %d by c's writers before they were fenced%n", writes.size(),
        zombieWrites);
  }
}
