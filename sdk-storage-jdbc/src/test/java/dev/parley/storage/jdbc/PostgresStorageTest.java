package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/**
 * Runs the {@link dev.parley.storage.tck.StorageTck} on a real PostgreSQL, through a host's pool
 * in manual-commit mode (the storage commits its own transactions).
 */
class PostgresStorageTest extends PooledStorageTck {
  @Override
  DataSource pool() {
    return SharedPostgres.manualCommitPool();
  }
}
