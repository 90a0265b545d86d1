package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/** The {@link JdbcStorageContract} on an H2 file. */
class H2StorageContractTest extends JdbcStorageContract {
  @Override
  DataSource pool() {
    return SharedFiles.h2();
  }
}
