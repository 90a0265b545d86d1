package dev.parley.storage.jdbc;

import dev.parley.storage.InvitationStore;
import dev.parley.storage.tck.InvitationStoreTck;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link InvitationStoreTck} against a fresh H2 file per test. */
class H2InvitationStoreTest extends InvitationStoreTck {
  @TempDir Path dir;

  private JdbcStorage storage;

  @Override
  protected InvitationStore createStore() {
    storage = JdbcStorage.h2(dir.resolve("parley")).build();
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
