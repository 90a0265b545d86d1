package dev.parley.storage.jdbc;

import dev.parley.storage.Storage;
import dev.parley.storage.tck.SessionHold;
import dev.parley.storage.tck.StorageTck;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link StorageTck} over a pool a test class shares: each test gets its own {@link
 * JdbcStorage} (the kit closes it, the pool stays open), with Parley's tables emptied first.
 * Migrating a fresh database for each of the kit's tests would take most of the run.
 */
abstract class PooledStorageTck extends StorageTck {
  /** The class's pool, open for all its tests. */
  abstract DataSource pool();

  @Override
  protected final Storage createStorage() {
    JdbcStorage storage = JdbcStorage.using(pool()).build();
    ParleyTables.empty(pool());
    return storage;
  }

  @Override
  protected Optional<SessionHold> holdSession(String tenant, String id) {
    return Optional.of(RowHold.lock(pool(), tenant, id));
  }

  @Override
  protected final boolean supportsAllInstants() {
    return false; // epoch nanoseconds in a BIGINT: 1677 to 2262
  }
}
