package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/** Runs the {@link dev.parley.storage.tck.StorageTck} on an H2 file. */
class H2StorageTest extends PooledStorageTck {
  @Override
  DataSource pool() {
    return SharedFiles.h2();
  }
}
