package dev.parley.storage.jdbc;

import dev.parley.storage.InvitationStore;
import dev.parley.storage.tck.InvitationStoreTck;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the {@link InvitationStoreTck} on an H2 file shared by the H2 suites, with Parley's tables emptied
 * before each test.
 */
class H2InvitationStoreTest extends InvitationStoreTck {
  private JdbcStorage storage;

  @Override
  protected InvitationStore createStore() {
    storage = JdbcStorage.using(SharedFiles.h2()).build();
    ParleyTables.empty(SharedFiles.h2());
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
