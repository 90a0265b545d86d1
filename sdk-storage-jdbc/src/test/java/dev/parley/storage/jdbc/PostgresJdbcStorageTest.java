package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.BlacklistEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link JdbcStorage} on the shared real PostgreSQL, beyond what the TCK covers. */
class PostgresJdbcStorageTest {
  @Test
  @DisplayName("opening PostgreSQL storage twice applies each migration once and keeps the data")
  void migratesOnce() throws Exception {
    BlacklistEntry entry = new BlacklistEntry(
        "migration-test", "WEB_CHAT", "visitor-1", "abusive", "alice", Instant.parse("2026-03-02T09:00:00Z"));
    try (JdbcStorage storage = JdbcStorage.postgres(SharedPostgres.jdbcUrl(), "postgres", "postgres").build()) {
      storage.blacklist().put(entry);
    }

    try (JdbcStorage storage = JdbcStorage.postgres(SharedPostgres.jdbcUrl(), "postgres", "postgres").build()) {
      assertThat(storage.blacklist().list("migration-test")).containsExactly(entry);
      storage.blacklist().remove("migration-test", "WEB_CHAT", "visitor-1");
    }

    List<String> versions = new ArrayList<>();
    try (Connection c = SharedPostgres.get().getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT version FROM parley_schema_history WHERE success AND version IS NOT NULL")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    assertThat(versions).containsExactly("1", "2", "3", "4", "20", "21", "22", "23");
  }
}
