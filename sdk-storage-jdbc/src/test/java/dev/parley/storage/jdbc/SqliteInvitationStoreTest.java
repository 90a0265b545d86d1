package dev.parley.storage.jdbc;

import dev.parley.storage.InvitationStore;
import dev.parley.storage.tck.InvitationStoreTck;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the {@link InvitationStoreTck} on a SQLite file shared by the SQLite suites, with Parley's tables emptied
 * before each test.
 */
class SqliteInvitationStoreTest extends InvitationStoreTck {
  private JdbcStorage storage;

  @Override
  protected InvitationStore createStore() {
    storage = JdbcStorage.using(SharedFiles.sqlite()).build();
    ParleyTables.empty(SharedFiles.sqlite());
    return storage.invitations();
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
