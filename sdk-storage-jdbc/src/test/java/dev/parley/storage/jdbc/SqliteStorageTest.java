package dev.parley.storage.jdbc;

import dev.parley.storage.tck.SessionHold;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs the {@link dev.parley.storage.tck.StorageTck} on a SQLite file. */
class SqliteStorageTest extends PooledStorageTck {
  @Override
  DataSource pool() {
    return SharedFiles.sqlite();
  }

  /**
   * None: SQLite has no row locks to hold and no view of who waits. A writing transaction takes the
   * database's one write lock at its start (BEGIN IMMEDIATE), so a change of owner's UPDATE and a
   * fenced batch run one after the other by construction.
   */
  @Override
  protected Optional<SessionHold> holdSession(String tenant, String id) {
    return Optional.empty();
  }
}
