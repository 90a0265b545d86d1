package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One real PostgreSQL for the whole test JVM: started on first use (about 3 s), stopped when the
 * JVM exits.
 */
final class SharedPostgres {
  private static EmbeddedPostgres postgres;
  private static HikariDataSource manualCommitPool;
  private static HikariDataSource linguisticPool;

  private SharedPostgres() {}

  static synchronized EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is going away; the data directory is temporary
        }
      }));
    }
    return postgres;
  }

  static String jdbcUrl() {
    return get().getJdbcUrl("postgres", "postgres");
  }

  /** A pool in manual-commit mode, as some hosts configure theirs; closed when the JVM exits. */
  static synchronized DataSource manualCommitPool() {
    if (manualCommitPool == null) {
      manualCommitPool = closedAtExit(TestPools.postgres(false));
    }
    return manualCommitPool;
  }

  /** A storage on the {@linkplain #manualCommitPool() manual-commit pool}, its tables emptied: for engine kits. */
  static JdbcStorage emptyStorage() {
    JdbcStorage storage = JdbcStorage.using(manualCommitPool()).build();
    ParleyTables.empty(manualCommitPool());
    return storage;
  }

  /**
   * A pool on a database whose collation is ICU's {@code en-US}, made on first use: text sorts
   * there as people read it, not by code point as in the default {@code C}.
   */
  static synchronized DataSource linguisticPool() {
    if (linguisticPool == null) {
      try (Connection c = get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE parley_linguistic TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
            + " LOCALE 'C.UTF-8'");
      } catch (SQLException e) {
        throw new IllegalStateException("could not create a database with an ICU collation", e);
      }
      linguisticPool = closedAtExit(TestPools.postgres("parley_linguistic", true));
    }
    return linguisticPool;
  }

  private static HikariDataSource closedAtExit(HikariDataSource pool) {
    Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
    return pool;
  }
}
