package dev.parley.storage.jdbc;

import dev.parley.storage.BlacklistStore;
import dev.parley.storage.tck.BlacklistStoreTck;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the {@link BlacklistStoreTck} on a SQLite file shared by the SQLite suites, with Parley's tables emptied
 * before each test.
 */
class SqliteBlacklistStoreTest extends BlacklistStoreTck {
  private JdbcStorage storage;

  @Override
  protected BlacklistStore createStore() {
    storage = JdbcStorage.using(SharedFiles.sqlite()).build();
    ParleyTables.empty(SharedFiles.sqlite());
    return storage.blacklist();
  }

  @Override
  protected boolean supportsAllInstants() {
    return false;
  }

  @AfterEach
  void close() {
    storage.close();
  }
}
