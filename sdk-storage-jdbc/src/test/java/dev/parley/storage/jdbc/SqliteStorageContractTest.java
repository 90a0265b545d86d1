package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/** The {@link JdbcStorageContract} on a SQLite file. */
class SqliteStorageContractTest extends JdbcStorageContract {
  @Override
  DataSource pool() {
    return SharedFiles.sqlite();
  }
}
