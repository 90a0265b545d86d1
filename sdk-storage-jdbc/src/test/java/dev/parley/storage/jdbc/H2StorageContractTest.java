package dev.parley.storage.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link JdbcStorageContract} on a fresh H2 file per test. */
class H2StorageContractTest extends JdbcStorageContract {
  @TempDir Path dir;

  @Override
  JdbcStorage open() {
    return JdbcStorage.h2(dir.resolve("parley")).build();
  }
}
