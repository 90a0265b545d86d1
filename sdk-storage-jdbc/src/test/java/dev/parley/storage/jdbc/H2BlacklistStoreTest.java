package dev.parley.storage.jdbc;

import dev.parley.storage.BlacklistStore;
import dev.parley.storage.tck.BlacklistStoreTck;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the {@link BlacklistStoreTck} on an H2 file shared by the H2 suites, with Parley's tables emptied
 * before each test.
 */
class H2BlacklistStoreTest extends BlacklistStoreTck {
  private JdbcStorage storage;

  @Override
  protected BlacklistStore createStore() {
    storage = JdbcStorage.using(SharedFiles.h2()).build();
    ParleyTables.empty(SharedFiles.h2());
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
