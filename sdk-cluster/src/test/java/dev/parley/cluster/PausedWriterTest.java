package dev.parley.cluster;

import static dev.parley.cluster.TestCluster.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.StorageException;
import dev.parley.storage.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node that stops (a paused process, as far as the database can tell) right after its writer's
 * batch took its partition's row lock: the batch's transaction sits idle with the lock held, and
 * the takeover's {@code FOR UPDATE} waits for it. PostgreSQL ends the idle transaction after the
 * storage's {@code fencedIdleTimeout}, so the takeover waits that long at most.
 */
class PausedWriterTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofMillis(600);
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final Changes changes = new Changes();
  private FaultProxy link;
  private HikariDataSource pool;
  private JdbcStorage paused;
  private ClusterNode a;
  private ClusterNode b;

  @BeforeEach
  void twoNodes() {
    TestCluster.reset();
    link = new FaultProxy(TestCluster.port());
    // Statements as text every time, so that the link sees the fence check go.
    pool = TestCluster.nodePool(link.port(), "node-a", "?prepareThreshold=0");
    paused = JdbcStorage.using(pool).fencedIdleTimeout(IDLE).build();
    a = TestCluster.node("a", TestCluster.nodeSource(link.port()), changes.of("a")).build().start();
    b = TestCluster.node("b", TestCluster.nodeSource(TestCluster.port()), changes.of("b")).build().start();
  }

  @AfterEach
  void stop() {
    link.heal();
    b.close();
    a.close();
    paused.close();
    pool.close();
    link.close();
  }

  @Test
  @DisplayName("a writer paused with its partition's lock held holds the takeover up only until PostgreSQL ends its idle transaction")
  void aPausedWriterIsEnded() throws Exception {
    int p = 0;
    while (!Rendezvous.preferred(p, List.of("a", "b")).equals("a")) {
      p++;
    }
    int partition = p;
    awaitUntil(PATIENCE, "a to serve partition " + p, () -> a.fence(partition).isPresent() && b.owned().size()
        + a.owned().size() == TestCluster.PARTITIONS);
    PartitionFence fence = a.fence(partition).orElseThrow();
    String id = "paused-" + System.nanoTime();
    SessionRecord session = SessionRecord.builder("acme", id, "WEB_CHAT", T0)
        .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "sales", null)).build();

    link.blackHoleAfter("FOR SHARE"); // the whole node stops as its batch's fence check reaches the database
    CompletableFuture<SessionRecord> batch =
        CompletableFuture.supplyAsync(() -> paused.fenced(fence).sessions().save(session));
    awaitUntil(PATIENCE, "the link to go dark mid-batch", link::blackHoled);
    long dark = System.nanoTime();

    awaitUntil(PATIENCE, "b to take partition " + p + " over while a's batch still holds its lock",
        () -> b.fence(partition).isPresent());
    Duration takeover = Duration.ofNanos(System.nanoTime() - dark);
    PartitionFence taken = b.fence(partition).orElseThrow();
    System.out.printf("paused writer: b took partition %d over %d ms after a stopped mid-batch (idle limit %d ms,"
        + " dead after %d ms)%n", p, takeover.toMillis(), IDLE.toMillis(), TestCluster.DEAD.toMillis());
    assertThat(link.blackHoled()).as("a is still stopped").isTrue();
    assertThat(takeover).isLessThan(TestCluster.DEAD.plus(IDLE).plus(Duration.ofSeconds(1)));
    assertThat(taken.epoch()).isGreaterThan(fence.epoch());

    link.heal(); // a wakes up: its batch finds its session ended and stores nothing; a rejoins anew
    ExecutionException failed =
        catchThrowableOfType(ExecutionException.class, () -> batch.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertThat(failed).as("a's batch fails").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(StorageException.class);
    try (JdbcStorage storage = JdbcStorage.using(TestCluster.pool()).build()) {
      assertThat(storage.sessions().find("acme", id)).isEmpty();
    }
  }
}
