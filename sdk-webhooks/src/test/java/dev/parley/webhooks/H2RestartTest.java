package dev.parley.webhooks;

import dev.parley.storage.Storage;
import dev.parley.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Webhooks on an H2 file, the host restarted: storage closed and opened again")
class H2RestartTest extends RestartScenario {
  @TempDir
  Path dir;

  @Override
  Storage open() {
    return JdbcStorage.h2(dir.resolve("parley")).build();
  }

  @Override
  Storage reopen(Storage before) {
    before.close();
    return open();
  }
}
