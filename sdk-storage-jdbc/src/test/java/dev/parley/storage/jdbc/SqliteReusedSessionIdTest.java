package dev.parley.storage.jdbc;

import dev.parley.core.ReusedSessionIdKit;
import dev.parley.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A reused session id on a SQLite file")
class SqliteReusedSessionIdTest extends ReusedSessionIdKit {
  @TempDir Path dir;

  @Override
  protected Storage createStorage() {
    return JdbcStorage.sqlite(dir.resolve("parley.db")).build();
  }
}
