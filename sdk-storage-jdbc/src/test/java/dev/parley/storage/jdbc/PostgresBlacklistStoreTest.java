package dev.parley.storage.jdbc;

import dev.parley.storage.BlacklistStore;
import dev.parley.storage.tck.BlacklistStoreTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the {@link BlacklistStoreTck} on a real PostgreSQL through {@link JdbcStorage#postgres},
 * emptying the tables before each test.
 */
class PostgresBlacklistStoreTest extends BlacklistStoreTck {
  private static JdbcStorage storage;

  @BeforeAll
  static void open() {
    storage = JdbcStorage.postgres(SharedPostgres.jdbcUrl(), "postgres", "postgres").build();
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @Override
  protected BlacklistStore createStore() {
    ParleyTables.empty(SharedPostgres.get().getPostgresDatabase());
    return storage.blacklist();
  }

  @Override
  protected boolean supportsAllInstants() {
    return false;
  }
}
