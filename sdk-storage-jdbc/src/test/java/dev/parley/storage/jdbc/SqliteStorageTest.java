package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/** Runs the {@link dev.parley.storage.tck.StorageTck} on a SQLite file. */
class SqliteStorageTest extends PooledStorageTck {
  @Override
  DataSource pool() {
    return SharedFiles.sqlite();
  }
}
