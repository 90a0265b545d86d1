package dev.parley.storage.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One real PostgreSQL for the whole test JVM: started on first use (about 3 s), stopped when the
 * JVM exits.
 */
final class SharedPostgres {
  private static EmbeddedPostgres postgres;

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

  /** Empties Parley's tables (all but the schema history), so that the next test starts afresh. */
  static void truncate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = current_schema() AND table_name LIKE 'parley\\_%'"
          + " AND table_name <> 'parley_schema_history'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      s.execute("TRUNCATE " + String.join(", ", tables));
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
