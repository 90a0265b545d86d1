package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** Connection pools as a host would make them, for tests that pass a DataSource to the storage. */
final class TestPools {
  private TestPools() {}

  /** A pool on the shared real PostgreSQL. */
  static HikariDataSource postgres(boolean autoCommit) {
    return open(SharedPostgres.jdbcUrl(), "postgres", "postgres", autoCommit);
  }

  /** A pool on one database of the shared real PostgreSQL. */
  static HikariDataSource postgres(String database, boolean autoCommit) {
    return open(SharedPostgres.get().getJdbcUrl("postgres", database), "postgres", "postgres", autoCommit);
  }

  /** A pool on an H2 file, written through on each commit as {@link JdbcStorage#h2} does. */
  static HikariDataSource h2(Path file, boolean autoCommit) {
    return open("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0", "sa", "", autoCommit);
  }

  /** A pool on a SQLite file, opened as {@link JdbcStorage#sqlite} opens it. */
  static HikariDataSource sqlite(Path file, boolean autoCommit) {
    return open(JdbcStorage.sqliteUrl(file), "", "", autoCommit);
  }

  private static HikariDataSource open(String jdbcUrl, String user, String password, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }
}
