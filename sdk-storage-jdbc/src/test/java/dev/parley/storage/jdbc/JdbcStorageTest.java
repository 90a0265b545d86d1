package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStorageTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");

  @TempDir Path dir;

  private static BlacklistEntry entry(String identifier) {
    return new BlacklistEntry("acme", "WEB_CHAT", identifier, "abusive", "alice", T0);
  }

  private static InvitationRecord invitation(String code) {
    return new InvitationRecord("acme", code, "alice", true, T0, T0.plus(Duration.ofDays(1)), null, null);
  }

  // The migrations applied, without the row Flyway may add for creating the schema. Flyway names
  // its history table and columns quoted in lower case; H2 folds unquoted names to upper case.
  private static List<String> appliedVersions(DataSource dataSource) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT \"version\" FROM \"parley_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  private HikariDataSource h2Pool(Path file, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath());
    config.setUsername("sa");
    config.setPassword("");
    config.setAutoCommit(autoCommit);
    return new HikariDataSource(config);
  }

  @Nested
  @DisplayName("durability")
  class Durability {
    @Test
    @DisplayName("what was written to an H2 file is all there after closing and opening it again")
    void survivesReopening() {
      Path file = dir.resolve("parley");
      InvitationRecord ended = invitation("000002").end(T0.plusSeconds(5), "USED");
      try (JdbcStorage storage = JdbcStorage.h2(file).build()) {
        storage.blacklist().put(entry("visitor-1"));
        storage.blacklist().put(entry("visitor-2"));
        storage.blacklist().remove("acme", "WEB_CHAT", "visitor-2");
        storage.invitations().put(invitation("000001"));
        storage.invitations().put(invitation("000002"));
        storage.invitations().put(ended);
      }

      try (JdbcStorage reopened = JdbcStorage.h2(file).build()) {
        assertThat(reopened.blacklist().list("acme")).containsExactly(entry("visitor-1"));
        assertThat(reopened.invitations().valid("acme", T0)).containsExactly(invitation("000001"));
        assertThat(reopened.invitations().find("acme", "000002")).contains(ended);
      }
    }

    @Test
    @DisplayName("a write to an H2 file that returned survives the process being killed right after")
    void survivesProcessCrash() throws Exception {
      Path file = dir.resolve("parley");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(
              java, "-cp", System.getProperty("java.class.path"),
              H2CrashingWriter.class.getName(), file.toString(), T0.toString())
          .redirectErrorStream(true)
          .start();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).contains("written");

      try (JdbcStorage reopened = JdbcStorage.h2(file).build()) {
        assertThat(reopened.blacklist().list("acme")).containsExactly(entry("visitor-1"));
      }
    }

    @Test
    @DisplayName("an H2 path given with its .mv.db suffix names the same database")
    void acceptsMvDbSuffix() {
      try (JdbcStorage storage = JdbcStorage.h2(dir.resolve("parley")).build()) {
        storage.blacklist().put(entry("visitor-1"));
      }
      assertThat(dir.resolve("parley.mv.db")).exists();

      try (JdbcStorage storage = JdbcStorage.h2(dir.resolve("parley.mv.db")).build()) {
        assertThat(storage.blacklist().list("acme")).containsExactly(entry("visitor-1"));
      }
    }
  }

  @Nested
  @DisplayName("migrations")
  class Migrations {
    @Test
    @DisplayName("opening a database twice applies each migration once and keeps the data")
    void migratesOnce() throws Exception {
      Path file = dir.resolve("parley");
      try (JdbcStorage storage = JdbcStorage.h2(file).build()) {
        storage.blacklist().put(entry("visitor-1"));
      }
      try (JdbcStorage storage = JdbcStorage.h2(file).build()) {
        assertThat(storage.blacklist().list("acme")).containsExactly(entry("visitor-1"));
      }

      try (HikariDataSource pool = h2Pool(file, true)) {
        assertThat(appliedVersions(pool)).containsExactly("1", "2", "3", "4", "20", "22", "23");
      }
    }

    @Test
    @DisplayName("a host's schema that already holds its own tables gets Parley's tables beside them")
    void migratesBesideHostTables() throws Exception {
      try (HikariDataSource hostPool = h2Pool(dir.resolve("host"), true)) {
        try (Connection c = hostPool.getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE host_orders (id BIGINT PRIMARY KEY)");
        }

        try (JdbcStorage storage = JdbcStorage.using(hostPool).build()) {
          storage.blacklist().put(entry("visitor-1"));
          assertThat(storage.blacklist().list("acme")).containsExactly(entry("visitor-1"));
        }
        assertThat(appliedVersions(hostPool)).contains("1");
        assertThat(hostPool.isClosed()).as("the host's pool is the host's to close").isFalse();
      }
    }
  }

  @Nested
  @DisplayName("a host's DataSource")
  class HostDataSource {
    @Test
    @DisplayName("writes through connections in manual-commit mode are committed when the call returns")
    void commitsManualCommitConnections() {
      Path file = dir.resolve("parley");
      try (HikariDataSource hostPool = h2Pool(file, false);
          JdbcStorage storage = JdbcStorage.using(hostPool).build()) {
        storage.blacklist().put(entry("visitor-1"));
        storage.invitations().put(invitation("000001"));
      }

      try (JdbcStorage reopened = JdbcStorage.h2(file).build()) {
        assertThat(reopened.blacklist().list("acme")).containsExactly(entry("visitor-1"));
        assertThat(reopened.invitations().find("acme", "000001")).contains(invitation("000001"));
      }
    }

    @Test
    @DisplayName("a pool size for a host's DataSource is a mistake the builder names")
    void rejectsPoolSizeForHostDataSource() {
      try (HikariDataSource hostPool = h2Pool(dir.resolve("parley"), true)) {
        assertThatThrownBy(() -> JdbcStorage.using(hostPool).maximumPoolSize(4).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("maximumPoolSize");
      }
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("an instant a 64-bit count of nanoseconds cannot hold is rejected and shown")
    void rejectsInstantsOutOfRange() {
      Instant far = Instant.parse("2300-01-01T00:00:00Z");
      try (JdbcStorage storage = JdbcStorage.h2(dir.resolve("parley")).build()) {
        assertThatThrownBy(() -> storage.blacklist().put(
                new BlacklistEntry("acme", "WEB_CHAT", "x", "r", "alice", far)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("blockedAt")
            .hasMessageContaining(far.toString());
        assertThatThrownBy(() -> storage.invitations().valid("acme", far))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("now");
        assertThat(storage.blacklist().list("acme")).isEmpty();
      }
    }

    @Test
    @DisplayName("the extreme instants epoch nanoseconds can hold come back exactly")
    void keepsRangeEnds() {
      try (JdbcStorage storage = JdbcStorage.h2(dir.resolve("parley")).build()) {
        BlacklistEntry first = new BlacklistEntry("acme", "WEB_CHAT", "a", "r", "alice", EpochNanos.MIN);
        BlacklistEntry last = new BlacklistEntry("acme", "WEB_CHAT", "b", "r", "alice", EpochNanos.MAX);
        storage.blacklist().put(first);
        storage.blacklist().put(last);

        assertThat(storage.blacklist().list("acme")).containsExactly(first, last);
      }
    }

    @Test
    @DisplayName("a store used after its storage was closed fails with an IllegalStateException")
    void failsAfterClose() {
      JdbcStorage storage = JdbcStorage.h2(dir.resolve("parley")).build();
      storage.close();
      storage.close();

      assertThatThrownBy(() -> storage.blacklist().put(entry("visitor-1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("acme/WEB_CHAT/visitor-1")
          .hasMessageContaining("closed");
    }

    @Test
    @DisplayName("a database that cannot be reached fails the build with a StorageException")
    void failsWhenUnreachable() {
      assertThatThrownBy(() -> JdbcStorage.postgres("jdbc:postgresql://127.0.0.1:1/parley", "u", "p").build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    @DisplayName("a URL that is not PostgreSQL's is rejected and shown")
    void rejectsOtherUrls() {
      assertThatThrownBy(() -> JdbcStorage.postgres("jdbc:mysql://db/parley", "u", "p"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jdbc:mysql://db/parley");
    }

    @Test
    @DisplayName("a schema history changed by hand fails the build with a StorageException")
    void failsOnTamperedHistory() throws IOException, SQLException {
      Path file = dir.resolve("parley");
      JdbcStorage.h2(file).build().close();
      try (HikariDataSource pool = h2Pool(file, true);
          Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("UPDATE \"parley_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
      }

      assertThatThrownBy(() -> JdbcStorage.h2(file).build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("migrate");
      assertThat(Files.exists(file.resolveSibling("parley.mv.db"))).isTrue();
    }
  }
}
