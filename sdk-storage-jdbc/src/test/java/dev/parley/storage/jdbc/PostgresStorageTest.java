package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the {@link dev.parley.storage.tck.StorageTck} on a real PostgreSQL, through a host's pool
 * in manual-commit mode (the storage commits its own transactions).
 */
class PostgresStorageTest extends PooledStorageTck {
  private static HikariDataSource pool;

  @BeforeAll
  static void open() {
    pool = TestPools.postgres(false);
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Override
  DataSource pool() {
    return pool;
  }
}
