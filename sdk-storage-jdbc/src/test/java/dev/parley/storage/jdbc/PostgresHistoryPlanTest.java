package dev.parley.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The history queries' plans on PostgreSQL, after {@code ANALYZE}: reading every session shows as {@code Seq Scan on parley_session}. */
class PostgresHistoryPlanTest extends HistoryPlanContract {
  @Override
  DataSource emptyDatabase() {
    try (Connection c = SharedPostgres.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS parley_plans");
      s.execute("CREATE DATABASE parley_plans");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the database of the plans", e);
    }
    return TestPools.postgres("parley_plans", true);
  }

  @Override
  String fullScan() {
    return "Seq Scan on parley_session s ";
  }

  @Override
  void analyze(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }
}
