package dev.parley.storage.jdbc;

import dev.parley.core.ReusedSessionIdKit;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A reused session id on PostgreSQL")
class PostgresReusedSessionIdTest extends ReusedSessionIdKit {
  @Override
  protected Storage createStorage() {
    return SharedPostgres.emptyStorage();
  }
}
