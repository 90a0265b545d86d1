package dev.parley.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The history queries' plans on SQLite, after {@code ANALYZE}: reading every session shows as a
 * line {@code SCAN s} of {@code EXPLAIN QUERY PLAN} (a walk of an index is {@code SCAN s USING
 * INDEX ...}).
 */
class SqliteHistoryPlanTest extends HistoryPlanContract {
  @Override
  DataSource emptyDatabase() {
    try {
      return TestPools.sqlite(Files.createTempDirectory("parley-plans").resolve("parley.db"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  String explain() {
    return "EXPLAIN QUERY PLAN ";
  }

  @Override
  int planColumn() {
    return 4;
  }

  @Override
  String fullScan() {
    return "SCAN s\n";
  }

  @Override
  void analyze(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }
}
