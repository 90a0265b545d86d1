package dev.parley.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL for the module's tests (started on first use, stopped when the JVM exits),
 * migrated by {@link JdbcStorage}, and nodes on it with timings a few times shorter than the
 * defaults, so that a failover takes a second or so.
 */
final class TestCluster {
  static final int PARTITIONS = 12;
  static final Duration HEARTBEAT = Duration.ofMillis(200);
  static final Duration SELF_FENCE = Duration.ofMillis(800);
  static final Duration DEAD = Duration.ofMillis(1_200);

  private static EmbeddedPostgres postgres;
  private static HikariDataSource pool;

  private TestCluster() {}

  /** A pool on the database, migrated; the cluster's tables emptied. */
  static synchronized HikariDataSource pool() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      config.setUsername("postgres");
      config.setPassword("postgres");
      config.setMaximumPoolSize(6);
      pool = new HikariDataSource(config);
      JdbcStorage.using(pool).build().close(); // migrates: parley_partition, parley_node
      EmbeddedPostgres started = postgres;
      HikariDataSource opened = pool;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        opened.close();
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is going away; the data directory is temporary
        }
      }));
    }
    return pool;
  }

  /** Empties the cluster's tables, for a test that starts a new cluster. */
  static void reset() {
    execute("DELETE FROM parley_partition; DELETE FROM parley_node");
  }

  static void execute(String sql) {
    try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  /** A data source for one node, without a pool, straight to the database or through {@code port}. */
  static DataSource nodeSource(int port) {
    pool();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("postgres");
    ds.setUser("postgres");
    ds.setPassword("postgres");
    ds.setConnectTimeout(2);
    ds.setLoginTimeout(2);
    ds.setSocketTimeout(5);
    return ds;
  }

  /**
   * A small pool for one node, through {@code port} (a {@link FaultProxy}'s), that gives up on a
   * connection after half a second; {@code options} go on the URL.
   */
  static HikariDataSource nodePool(int port, String name, String options) {
    pool();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres" + options);
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(500);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  /** The database's port. */
  static int port() {
    pool();
    return postgres.getPort();
  }

  /** A node builder with the tests' timings, straight to the database unless {@code source} says otherwise. */
  static ClusterNode.Builder node(String id, DataSource source, PartitionListener listener) {
    return ClusterNode.builder(source)
        .nodeId(id)
        .address("http://" + id + ".test")
        .partitions(PARTITIONS)
        .heartbeatInterval(HEARTBEAT)
        .selfFenceAfter(SELF_FENCE)
        .deadAfter(DEAD)
        .listener(listener);
  }

  /** Waits until {@code condition} holds, failing after {@code patience}. */
  static void awaitUntil(Duration patience, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + patience + " for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
