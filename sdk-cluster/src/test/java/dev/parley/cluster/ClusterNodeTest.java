package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.PARTITIONS;
import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Nodes of one cluster in this JVM, on a real PostgreSQL: placement, hand-off, takeover, fencing. */
class ClusterNodeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private final Changes changes = new Changes();
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final DataSource direct = TestCluster.nodeSource(TestCluster.port());

  @BeforeEach
  void newCluster() {
    TestCluster.reset();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(ClusterNode::close);
  }

  private ClusterNode start(String id) {
    ClusterNode node = TestCluster.node(id, direct, changes.of(id)).build().start();
    nodes.add(node);
    return node;
  }

  /** The node each partition prefers among {@code ids}. */
  private static Map<Integer, String> preferred(Collection<String> ids) {
    Map<Integer, String> placement = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      placement.put(p, Rendezvous.preferred(p, ids));
    }
    return placement;
  }

  /** Each partition's owner in parley_partition, "-" for none. */
  private static Map<Integer, String> owners() {
    Map<Integer, String> owners = new TreeMap<>();
    try (Connection c = TestCluster.pool().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT partition_id, COALESCE(owner_node, '-') FROM parley_partition");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        owners.put(rows.getInt(1), rows.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return owners;
  }

  /** Which node serves each partition by the nodes' own account. */
  private Map<Integer, String> served() {
    Map<Integer, String> served = new TreeMap<>();
    for (ClusterNode node : nodes) {
      for (Integer p : node.owned().keySet()) {
        String before = served.put(p, node.nodeId());
        assertThat(before).as("partition %d served by two nodes", p).isNull();
      }
    }
    return served;
  }

  private void awaitPlacement(Collection<String> ids) {
    Map<Integer, String> expected = preferred(ids);
    awaitUntil(PATIENCE, "the partitions placed as rendezvous prefers among " + ids,
        () -> owners().equals(expected) && served().equals(expected) && changes.serving().equals(expected));
  }

  @Test
  @DisplayName("three nodes share the partitions as rendezvous hashing prefers, each served by one node, in every directory")
  void threeNodesShareThePartitions() {
    start("a");
    start("b");
    start("c");

    awaitPlacement(List.of("a", "b", "c"));
    Map<Integer, String> expected = preferred(List.of("a", "b", "c"));
    assertThat(Set.copyOf(expected.values())).as("every node has some partitions").hasSize(3);
    for (ClusterNode node : nodes) {
      awaitUntil(PATIENCE, node.nodeId() + "'s directory", () -> {
        PartitionDirectory d = node.directory();
        for (int p = 0; p < PARTITIONS; p++) {
          if (!d.owner(p).map(PartitionOwner::node).orElse("-").equals(expected.get(p))) {
            return false;
          }
        }
        return true;
      });
      PartitionOwner owner = node.directory().owner(0).orElseThrow();
      assertThat(owner.address()).isEqualTo("http://" + owner.node() + ".test");
      assertThat(owner.epoch()).isEqualTo(node.directory().epoch(0)).isPositive();
    }
  }

  @Test
  @DisplayName("a node that joins is handed the partitions it is preferred for, each drained by its old owner first")
  void aJoinRebalances() {
    start("a");
    awaitPlacement(List.of("a"));
    Map<Integer, PartitionFence> before = new TreeMap<>(nodes.get(0).owned());

    start("b");
    awaitPlacement(List.of("a", "b"));

    Map<Integer, String> expected = preferred(List.of("a", "b"));
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      List<Changes.Change> of = changes.all().stream().filter(c -> c.fence().partition() == partition).toList();
      if (expected.get(p).equals("a")) {
        assertThat(of).as("partition %d stays with a", p).extracting(Changes.Change::kind)
            .containsExactly(Changes.Kind.ACQUIRED);
      } else {
        assertThat(of).as("partition %d moves to b", p)
            .extracting(Changes.Change::node, Changes.Change::kind)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Changes.Kind.ACQUIRED),
                org.assertj.core.groups.Tuple.tuple("a", Changes.Kind.DRAINING),
                org.assertj.core.groups.Tuple.tuple("b", Changes.Kind.ACQUIRED));
        // released at epoch + 1, claimed at epoch + 2
        assertThat(of.get(2).fence().epoch()).isEqualTo(before.get(p).epoch() + 2);
      }
    }
  }

  @Test
  @DisplayName("a node that shuts down hands its partitions off, and the others take them")
  void aShutdownHandsOff() {
    start("a");
    ClusterNode b = start("b");
    awaitPlacement(List.of("a", "b"));

    b.close();
    nodes.remove(b);

    awaitPlacement(List.of("a"));
    assertThat(changes.all()).filteredOn(c -> c.node().equals("b"))
        .extracting(Changes.Change::kind).doesNotContain(Changes.Kind.LOST);
    try (Connection c = TestCluster.pool().getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT status FROM parley_node WHERE node_id = 'b'")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("LEFT");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a node whose connection dies as in a crash has its partitions taken over before dead-after, and its old fences are refused")
  void aCrashIsTakenOverFast() throws SQLException {
    start("a");
    start("b");
    ClusterNode c = start("c");
    awaitPlacement(List.of("a", "b", "c"));
    Map<Integer, PartitionFence> orphaned = new TreeMap<>(c.owned());
    long incarnation = c.directory().owner(orphaned.keySet().iterator().next()).orElseThrow().incarnation();

    // What a kill -9 looks like to PostgreSQL: the connection closes, the advisory lock goes at once.
    long killed = System.nanoTime();
    TestCluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
        + NodeTable.applicationName("c", incarnation) + "'");

    Map<Integer, Long> takenAt = new HashMap<>();
    awaitUntil(PATIENCE, "c's partitions taken over", () -> {
      for (Changes.Change ch : changes.all()) {
        PartitionFence old = orphaned.get(ch.fence().partition());
        if (old != null && ch.kind() == Changes.Kind.ACQUIRED && ch.fence().epoch() > old.epoch()) {
          takenAt.putIfAbsent(ch.fence().partition(), ch.nanos());
        }
      }
      return takenAt.keySet().equals(orphaned.keySet());
    });
    long slowest = takenAt.values().stream().mapToLong(t -> t - killed).max().orElseThrow();
    System.out.printf("crash: %d partitions taken over %d ms after the connection died (slowest)%n",
        orphaned.size(), Duration.ofNanos(slowest).toMillis());
    assertThat(Duration.ofNanos(slowest)).as("the lock's fast path beats the heartbeat's time-out")
        .isLessThan(TestCluster.DEAD);

    try (JdbcStorage storage = JdbcStorage.using(TestCluster.pool()).build()) {
      for (PartitionFence stale : orphaned.values()) {
        assertThatThrownBy(() -> storage.fenced(stale).sessions().save(session("s-" + stale.partition())))
            .isInstanceOf(FencedWriteException.class);
      }
      // c comes back as a new incarnation and gets its partitions back by hand-off: each at a newer epoch
      awaitPlacement(List.of("a", "b", "c"));
      for (Map.Entry<Integer, PartitionFence> now : c.owned().entrySet()) {
        assertThat(now.getValue().epoch()).isGreaterThan(orphaned.get(now.getKey()).epoch());
        assertThat(storage.fenced(now.getValue()).sessions().save(session("t-" + now.getKey())).version()).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("a second node under a live node's id is refused")
  void aLiveNodesIdIsRefused() {
    start("a");

    assertThatThrownBy(() -> TestCluster.node("a", direct, PartitionListener.NONE).build().start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("node id a is in use");
  }

  @Test
  @DisplayName("a node configured with another partition count than the cluster's is refused")
  void anotherPartitionCountIsRefused() {
    start("a");

    assertThatThrownBy(() -> TestCluster.node("b", direct, PartitionListener.NONE).partitions(PARTITIONS + 1).build()
        .start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("configured with " + (PARTITIONS + 1));
  }

  private static SessionRecord session(String id) {
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    return SessionRecord.builder("acme", id, "WEB_CHAT", at)
        .transition(new SessionTransition(at, SessionStatus.QUEUED, "client", null, "sales", null)).build();
  }
}
