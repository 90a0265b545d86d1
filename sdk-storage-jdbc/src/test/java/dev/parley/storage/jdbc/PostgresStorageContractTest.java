package dev.parley.storage.jdbc;

/** The {@link JdbcStorageContract} on the shared real PostgreSQL, emptied before each test. */
class PostgresStorageContractTest extends JdbcStorageContract {
  @Override
  JdbcStorage open() {
    JdbcStorage storage = JdbcStorage.postgres(SharedPostgres.jdbcUrl(), "postgres", "postgres").build();
    ParleyTables.empty(SharedPostgres.get().getPostgresDatabase());
    return storage;
  }
}
