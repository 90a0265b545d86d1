package dev.parley.core;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A reused session id on the in-memory storage")
class InMemoryReusedSessionIdTest extends ReusedSessionIdKit {
  @Override
  protected Storage createStorage() {
    return new InMemoryStorage();
  }
}
