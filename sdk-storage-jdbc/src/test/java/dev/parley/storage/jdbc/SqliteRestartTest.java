package dev.parley.storage.jdbc;

import dev.parley.core.RestartKit;
import dev.parley.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("After a restart on a SQLite file")
class SqliteRestartTest extends RestartKit {
  @TempDir Path dir;

  @Override
  protected Storage createStorage() {
    return JdbcStorage.sqlite(dir.resolve("parley.db")).build();
  }

  @Override
  protected int arrivals() {
    return 2_500; // every command a transaction: the in-memory run takes the larger day
  }
}
