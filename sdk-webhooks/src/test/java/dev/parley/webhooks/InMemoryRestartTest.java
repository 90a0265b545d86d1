package dev.parley.webhooks;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Webhooks on the in-memory storage, the engine restarted on the same storage")
class InMemoryRestartTest extends RestartScenario {
  @Override
  Storage open() {
    return new InMemoryStorage();
  }

  @Override
  Storage reopen(Storage before) {
    return before;
  }
}
