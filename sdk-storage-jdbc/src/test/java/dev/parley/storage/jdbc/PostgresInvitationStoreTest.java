package dev.parley.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.storage.InvitationStore;
import dev.parley.storage.tck.InvitationStoreTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the {@link InvitationStoreTck} on a real PostgreSQL through {@link JdbcStorage#using}, with
 * a host's pool that hands out connections in manual-commit mode, emptying the tables before each
 * test.
 */
class PostgresInvitationStoreTest extends InvitationStoreTck {
  private static HikariDataSource hostPool;
  private static JdbcStorage storage;

  @BeforeAll
  static void open() {
    hostPool = TestPools.postgres(false);
    storage = JdbcStorage.using(hostPool).build();
  }

  @AfterAll
  static void close() {
    storage.close();
    hostPool.close();
  }

  @Override
  protected InvitationStore createStore() {
    ParleyTables.empty(hostPool);
    return storage.invitations();
  }

  @Override
  protected boolean supportsAllInstants() {
    return false;
  }
}
