package dev.parley.storage.jdbc;

import dev.parley.storage.BlacklistStore;
import dev.parley.storage.tck.BlacklistStoreTck;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link BlacklistStoreTck} against a fresh H2 file per test. */
class H2BlacklistStoreTest extends BlacklistStoreTck {
  @TempDir Path dir;

  private JdbcStorage storage;

  @Override
  protected BlacklistStore createStore() {
    storage = JdbcStorage.h2(dir.resolve("parley")).build();
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
