package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Engines as nodes of one cluster in this JVM, each on its own link to a real PostgreSQL: clients
 * arrive on the owner of their tenant's partition; the owner of some of them is cut off the
 * database at once (a crash, as PostgreSQL sees it); the others take its partitions over, rebuild
 * them from storage and go on, with nothing acknowledged lost.
 */
class ParleyNodeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final int TENANTS = 6;
  private static final int ROUNDS = 30;
  private static final int AFTER_FAULT = 3;

  private final String run = Long.toString(System.nanoTime(), 36);
  private final List<Node> nodes = new ArrayList<>();
  private final JdbcStorage stored = JdbcStorage.using(TestCluster.pool()).build();

  /** A node, its link to the database, and its pool. */
  private record Node(String id, FaultProxy link, HikariDataSource pool, ParleyNode node) {
    Parley parley() {
      return node.parley();
    }
  }

  @BeforeEach
  void newCluster() {
    TestCluster.reset();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(n -> {
      n.node().close();
      n.pool().close();
      n.link().close();
    });
    stored.close();
  }

  private TenantId tenant(int i) {
    return TenantId.of("t" + i + "-" + run);
  }

  private Node start(String id) {
    FaultProxy link = new FaultProxy(TestCluster.port());
    HikariDataSource pool = TestCluster.nodePool(link.port(), "node-" + id, "");
    ClusterNode.Builder cluster = TestCluster.node(id, pool, PartitionListener.NONE);
    for (int i = 0; i < TENANTS; i++) {
      cluster.place(tenant(i).value(), i); // one tenant in each of the partitions 0 to 5
    }
    Node node = new Node(id, link, pool,
        ParleyNode.start(cluster, Parley.builder().storage(JdbcStorage.using(pool).build()).noStatistics()));
    nodes.add(node);
    return node;
  }

  /** The node serving partition {@code p} now, if any. */
  private Optional<Node> serving(int p, Set<Node> cut) {
    return nodes.stream().filter(n -> !cut.contains(n) && n.parley().serves(p)).findFirst();
  }

  @Test
  @DisplayName("a node cut off the database has its partitions rebuilt elsewhere, and every acknowledged arrival is there")
  void crashedOwnerTakenOver() throws Exception {
    // Every connection of the victim's closes, and no new one opens: a crash, as PostgreSQL sees it.
    Map<Integer, Double> seconds = failover("cut off", victim -> victim.link().close());
    assertThat(seconds.values()).allSatisfy(s -> assertThat(s).isLessThan(3.0));
  }

  @Test
  @DisplayName("a node shut down hands its partitions off under traffic, and every acknowledged arrival is there")
  void plannedShutdownHandsOff() throws Exception {
    Map<Integer, Double> seconds = failover("shut down", victim -> victim.node().close());
    assertThat(seconds.values()).allSatisfy(s -> assertThat(s).isLessThan(1.0));
  }

  /**
   * Three nodes; clients arriving in six tenants, one a partition, each on the owner of its
   * partition; after a third of them, {@code fault} befalls the owner of partition 0.
   *
   * @return for each partition of the victim's, the seconds from the fault to the first arrival
   *     acknowledged elsewhere
   */
  private Map<Integer, Double> failover(String what, Consumer<Node> fault) throws Exception {
    for (String id : List.of("a", "b", "c")) {
      start(id);
    }
    awaitUntil(PATIENCE, "partitions 0 to 5 served where rendezvous places them", () -> {
      for (int p = 0; p < TENANTS; p++) {
        String preferred = Rendezvous.preferred(p, List.of("a", "b", "c"));
        if (!serving(p, Set.of()).map(Node::id).orElse("-").equals(preferred)) {
          return false;
        }
      }
      return true;
    });
    for (int i = 0; i < TENANTS; i++) {
      Tenant t = serving(i, Set.of()).orElseThrow().parley().tenant(tenant(i));
      t.defineGroup(GroupSpec.builder(SALES).build()).get(10, TimeUnit.SECONDS);
      t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build())
          .get(10, TimeUnit.SECONDS);
      t.setStatus(ALICE, OperatorStatus.ONLINE).get(10, TimeUnit.SECONDS); // offered the first, the rest wait
    }
    Node victim = serving(0, Set.of()).orElseThrow();
    List<Integer> victims = new ArrayList<>();
    for (int p = 0; p < TENANTS; p++) {
      if (victim.parley().serves(p)) {
        victims.add(p);
      }
    }
    Map<Integer, Long> epochsBefore = epochs();

    Map<String, String> acked = new ConcurrentHashMap<>(); // session -> node that acknowledged it
    Map<Integer, Long> firstAckAfterCut = new ConcurrentHashMap<>();
    Set<Node> cut = ConcurrentHashMap.newKeySet();
    long[] cutAt = new long[1];
    AtomicInteger issued = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(TENANTS);
    List<Future<?>> all = new ArrayList<>();
    for (int p = 0; p < TENANTS; p++) {
      int partition = p;
      all.add(clients.submit(() -> {
        // ROUNDS arrivals, and a few after the fault whenever it comes (a fast client may be done before)
        for (int round = 0, afterCut = 0; round < ROUNDS || (afterCut < AFTER_FAULT && round < 4 * ROUNDS); round++) {
          boolean sentAfterCut = !cut.isEmpty();
          arrive(partition, "s" + round + "-" + partition, cut, acked);
          issued.incrementAndGet();
          if (sentAfterCut) {
            afterCut++;
            if (victims.contains(partition)) {
              firstAckAfterCut.putIfAbsent(partition, System.nanoTime());
            }
          }
        }
        return null;
      }));
    }
    awaitUntil(PATIENCE, "a third of the arrivals acknowledged", () -> acked.size() >= ROUNDS * TENANTS / 3);
    cutAt[0] = System.nanoTime();
    cut.add(victim);
    fault.accept(victim);
    for (Future<?> f : all) {
      f.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();

    // Nothing acknowledged is lost: in storage, live, and in its owner's rebuilt state.
    assertThat(acked).hasSize(issued.get());
    for (Map.Entry<String, String> a : acked.entrySet()) {
      int p = Integer.parseInt(a.getKey().substring(a.getKey().indexOf('-') + 1));
      assertThat(stored.sessions().find(tenant(p).value(), a.getKey()))
          .as("session %s acknowledged by %s", a.getKey(), a.getValue())
          .hasValueSatisfying(s -> assertThat(s.status()).isIn(SessionStatus.OFFERED, SessionStatus.QUEUED));
      Node owner = serving(p, cut).orElseThrow();
      assertThat(owner).isNotEqualTo(victim);
      assertThat(owner.parley().snapshot(tenant(p)).session(SessionId.of(a.getKey()))).isPresent();
    }
    // The victim's partitions moved on to a new epoch, and the new owners write on what they rebuilt:
    // a row written by the victim after the takeover would make their writes stale.
    Map<Integer, Long> epochsAfter = epochs();
    for (int p : victims) {
      assertThat(epochsAfter.get(p)).isGreaterThan(epochsBefore.get(p));
      Node owner = serving(p, cut).orElseThrow();
      String last = "s" + (ROUNDS - 1) + "-" + p;
      owner.parley().tenant(tenant(p)).abandon(SessionId.of(last)).get(10, TimeUnit.SECONDS);
      assertThat(stored.sessions().find(tenant(p).value(), last).orElseThrow().status())
          .isEqualTo(SessionStatus.ABANDONED);
    }
    Map<Integer, Double> seconds = new TreeMap<>();
    firstAckAfterCut.forEach((p, at) -> seconds.put(p, (at - cutAt[0]) / 1e9));
    System.out.printf("ParleyNodeTest: node %s %s; first acknowledged arrival elsewhere after (s): %s%n",
        victim.id(), what, seconds);
    assertThat(seconds.keySet()).containsExactlyInAnyOrderElementsOf(victims);
    return seconds;
  }

  /**
   * Sends a client's arrival to the owner of its tenant's partition until one acknowledges it or
   * storage shows it applied (its acknowledgement lost with its node), as a host's retrying client
   * would.
   */
  private void arrive(int p, String session, Set<Node> cut, Map<String, String> acked) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Node> owner = serving(p, cut);
      if (owner.isPresent()) {
        try {
          owner.get().parley().tenant(tenant(p))
              .arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(SALES).build())
              .get(5, TimeUnit.SECONDS);
          acked.put(session, owner.get().id());
          return;
        } catch (TimeoutException | ExecutionException e) {
          if (stored.sessions().find(tenant(p).value(), session).isPresent()) {
            acked.put(session, "storage"); // applied, its acknowledgement lost with the node
            return;
          }
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    throw new AssertionError("no node acknowledged " + session + " within " + PATIENCE);
  }

  private Map<Integer, Long> epochs() {
    Map<Integer, Long> epochs = new TreeMap<>();
    for (int p = 0; p < TENANTS; p++) {
      epochs.put(p, stored.fences().epoch(p));
    }
    return epochs;
  }
}
