package dev.parley.storage.jdbc;

import javax.sql.DataSource;

/**
 * The {@link JdbcStorageContract} on a real PostgreSQL database whose collation is linguistic
 * (ICU {@code en-US}, where {@code a} sorts before {@code B}), unlike the shared one's {@code C}.
 */
class PostgresStorageContractTest extends JdbcStorageContract {
  @Override
  DataSource pool() {
    return SharedPostgres.linguisticPool();
  }
}
