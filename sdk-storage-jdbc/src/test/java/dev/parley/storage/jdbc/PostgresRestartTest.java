package dev.parley.storage.jdbc;

import dev.parley.core.RestartKit;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("After a restart on PostgreSQL")
class PostgresRestartTest extends RestartKit {
  @Override
  protected Storage createStorage() {
    return SharedPostgres.emptyStorage();
  }

  @Override
  protected int arrivals() {
    return 2_500; // every command a transaction: the in-memory run takes the larger day
  }
}
