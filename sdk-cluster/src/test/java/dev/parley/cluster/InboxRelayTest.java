package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.InboxMessage;
import dev.parley.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Vendor messages accepted into the inbox by whichever node, applied by the owner of their
 * tenant's partition, and still applied when that owner crashes: nothing accepted is lost.
 */
class InboxRelayTest {
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final int TENANTS = 6;

  private final String run = Long.toString(System.nanoTime(), 36);
  private final JdbcStorage storage = JdbcStorage.using(TestCluster.pool()).build();
  /** message id -> the nodes that applied it, in order. */
  private final Map<String, List<String>> applied = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private FaultProxy link;

  @BeforeEach
  void tenants() {
    TestCluster.reset();
    for (int i = 0; i < TENANTS; i++) {
      storage.config().put(new ConfigRecord(tenant(i), "group", "sales", Map.of()));
    }
    link = new FaultProxy(TestCluster.port());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close(); // each relay before its node
    }
    link.close();
    storage.close();
  }

  private String tenant(int i) {
    return "inbox-" + i + "-" + run;
  }

  /** A node and its relay, each on its own link to the database through {@code port}. */
  private ClusterNode start(String id, int port) {
    HikariDataSource pool = TestCluster.nodePool(port, "node-" + id, "");
    JdbcStorage own = JdbcStorage.using(pool).build();
    open.add(pool);
    open.add(own);
    ClusterNode node = TestCluster.node(id, TestCluster.nodeSource(port), PartitionListener.NONE).build().start();
    open.add(node);
    open.add(InboxRelay.start(node, own, m -> {
      applied.computeIfAbsent(m.messageId(), k -> new CopyOnWriteArrayList<>()).add(id);
      return CompletableFuture.completedFuture(null);
    }, POLL));
    return node;
  }

  private void accept(String prefix, int count) {
    for (int n = 0; n < count; n++) {
      String id = prefix + n;
      assertThat(storage.inbox().accept(new InboxMessage(tenant(n % TENANTS), "whatsapp", id, "{}", Instant.now())))
          .isTrue();
    }
  }

  @Test
  @DisplayName("messages accepted by any node are applied by their tenant's owner, and those of a crashed owner by the next")
  void appliedByTheOwner() {
    ClusterNode a = start("a", link.port());
    ClusterNode b = start("b", TestCluster.port());
    awaitUntil(PATIENCE, "every partition served where rendezvous places it", () -> {
      for (int p = 0; p < TestCluster.PARTITIONS; p++) {
        ClusterNode preferred = Rendezvous.preferred(p, List.of("a", "b")).equals("a") ? a : b;
        if (!preferred.owned().containsKey(p)) {
          return false;
        }
      }
      return true;
    });
    Set<String> aServes = new HashSet<>();
    for (int i = 0; i < TENANTS; i++) {
      if (a.owned().containsKey(a.partitionOf(tenant(i)))) {
        aServes.add(tenant(i));
      }
    }
    assertThat(aServes).as("a owns some of the tenants").isNotEmpty().hasSizeLessThan(TENANTS);

    accept("m-", 30);
    awaitUntil(PATIENCE, "the first messages applied", () -> applied.size() == 30 && pendingCount() == 0);
    for (int n = 0; n < 30; n++) {
      String owner = aServes.contains(tenant(n % TENANTS)) ? "a" : "b";
      assertThat(applied.get("m-" + n)).as("message m-%d", n).containsExactly(owner);
    }

    link.close(); // a crashes: every connection of its closes
    accept("n-", 30); // accepted while a's partitions move
    awaitUntil(PATIENCE, "the later messages applied", () -> applied.size() == 60 && pendingCount() == 0);
    for (int n = 0; n < 30; n++) {
      assertThat(applied.get("n-" + n)).as("message n-%d", n).containsExactly("b");
    }
    assertThat(applied.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(x -> x,
        Collectors.counting()))).containsOnlyKeys("a", "b");
  }

  private int pendingCount() {
    int pending = 0;
    for (int i = 0; i < TENANTS; i++) {
      pending += storage.inbox().pending(tenant(i), 100).size();
    }
    return pending;
  }
}
