package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node whose link to the database goes dark (its heartbeats stop committing, but PostgreSQL still
 * sees its connection and lock): it stops serving on its own before the other takes its partitions
 * over after dead-after, its old fences are refused, and once the link is back it rejoins.
 */
class SelfFencingTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Changes changes = new Changes();
  private FaultProxy proxy;
  private ClusterNode a;
  private ClusterNode b;

  @BeforeEach
  void twoNodes() {
    TestCluster.reset();
    proxy = new FaultProxy(TestCluster.port());
    a = TestCluster.node("a", TestCluster.nodeSource(TestCluster.port()), changes.of("a")).build().start();
    b = TestCluster.node("b", TestCluster.nodeSource(proxy.port()), changes.of("b")).build().start();
  }

  @AfterEach
  void stop() {
    proxy.heal();
    b.close();
    a.close();
    proxy.close();
  }

  @Test
  @DisplayName("a node cut off from the database stops serving before the other takes its partitions over, and rejoins once the link is back")
  void aDarkLinkIsFencedAndTakenOver() {
    Map<Integer, String> both = new TreeMap<>();
    for (int p = 0; p < TestCluster.PARTITIONS; p++) {
      both.put(p, Rendezvous.preferred(p, List.of("a", "b")));
    }
    awaitUntil(PATIENCE, "the partitions placed", () -> changes.serving().equals(both));
    Map<Integer, PartitionFence> cut = new TreeMap<>(b.owned());
    assertThat(cut).isNotEmpty();

    long dark = System.nanoTime();
    proxy.blackHole();

    Map<Integer, Long> lostAt = new HashMap<>();
    Map<Integer, Long> takenAt = new HashMap<>();
    awaitUntil(PATIENCE, "a to take b's partitions over", () -> {
      for (Changes.Change c : changes.all()) {
        if (!cut.containsKey(c.fence().partition()) || c.nanos() < dark) {
          continue;
        }
        if (c.node().equals("b") && c.kind() == Changes.Kind.LOST) {
          lostAt.putIfAbsent(c.fence().partition(), c.nanos());
        } else if (c.node().equals("a") && c.kind() == Changes.Kind.ACQUIRED) {
          takenAt.putIfAbsent(c.fence().partition(), c.nanos());
        }
      }
      return takenAt.keySet().equals(cut.keySet());
    });

    System.out.printf("dark link: b stopped serving after %d ms, a took its %d partitions over after %d ms (slowest)%n",
        Duration.ofNanos(lostAt.values().stream().mapToLong(t -> t - dark).max().orElse(0)).toMillis(), cut.size(),
        Duration.ofNanos(takenAt.values().stream().mapToLong(t -> t - dark).max().orElseThrow()).toMillis());
    assertThat(lostAt.keySet()).isEqualTo(cut.keySet());
    for (int p : cut.keySet()) {
      assertThat(lostAt.get(p)).as("b stops serving partition %d before a starts", p).isLessThan(takenAt.get(p));
      assertThat(Duration.ofNanos(takenAt.get(p) - dark)).as("partition %d taken over after dead-after", p)
          .isGreaterThanOrEqualTo(TestCluster.DEAD.minus(TestCluster.HEARTBEAT))
          .isLessThan(TestCluster.DEAD.plus(Duration.ofSeconds(3)));
    }
    assertThat(b.owned()).isEmpty();
    try (JdbcStorage storage = JdbcStorage.using(TestCluster.pool()).build()) {
      for (PartitionFence stale : cut.values()) {
        assertThatThrownBy(() -> storage.fenced(stale).outbox().saveCursor("acme", "hook", 1))
            .isInstanceOf(FencedWriteException.class);
      }
    }

    proxy.heal();
    awaitUntil(PATIENCE, "b to rejoin and get its partitions back", () -> changes.serving().equals(both)
        && b.owned().keySet().equals(cut.keySet()));
  }
}
