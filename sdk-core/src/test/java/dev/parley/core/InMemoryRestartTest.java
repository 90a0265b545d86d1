package dev.parley.core;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("After a restart on the in-memory storage")
class InMemoryRestartTest extends RestartKit {
  @Override
  protected Storage createStorage() {
    return new InMemoryStorage();
  }
}
