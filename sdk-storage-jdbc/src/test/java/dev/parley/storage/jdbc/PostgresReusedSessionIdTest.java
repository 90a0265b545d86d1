package dev.parley.storage.jdbc;

import dev.parley.core.ReusedSessionIdKit;
import dev.parley.storage.Storage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("A reused session id on PostgreSQL")
class PostgresReusedSessionIdTest extends ReusedSessionIdKit {
  @Override
  protected Storage createStorage() {
    JdbcStorage storage = JdbcStorage.using(SharedPostgres.manualCommitPool()).build();
    ParleyTables.empty(SharedPostgres.manualCommitPool());
    return storage;
  }
}
