package dev.parley.storage.jdbc;

import dev.parley.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the storage runs on, and the few things it does differently on each: where the
 * full-text index lives and how text is ordered in keyset pages. Everything else is one SQL for
 * both.
 */
enum Dialect {
  H2 {
    @Override
    String binaryOrder(String column) {
      return column; // H2 compares text as String.compareTo does
    }

    @Override
    TextIndex textIndex() {
      return new H2WordIndex();
    }

    @Override
    void planForArguments(Connection connection) {
      // H2 plans every statement it prepares for the values it runs with.
    }

    @Override
    int beginSnapshot(Connection connection) throws SQLException {
      // In-process, so reading and setting the session's level costs nothing.
      int isolation = connection.getTransactionIsolation();
      if (isolation >= Connection.TRANSACTION_REPEATABLE_READ) {
        return UNCHANGED;
      }
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return isolation;
    }

    @Override
    String fenceLock() {
      // H2 has no shared row lock. An exclusive one costs nothing here: a partition has one writer.
      return "FOR UPDATE";
    }
  },
  POSTGRESQL {
    @Override
    String binaryOrder(String column) {
      return column + " COLLATE \"C\"";
    }

    @Override
    TextIndex textIndex() {
      return new PostgresTextIndex();
    }

    @Override
    void planForArguments(Connection connection) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      }
    }

    @Override
    int beginSnapshot(Connection connection) throws SQLException {
      // For this transaction only: one statement, where reading, setting and restoring the
      // session's level through JDBC would be three round trips.
      try (Statement s = connection.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      }
      return UNCHANGED;
    }

    @Override
    String fenceLock() {
      // Never FOR KEY SHARE: a change of owner's UPDATE would not wait for it (see PartitionTable).
      return "FOR SHARE";
    }

    @Override
    String idleLimit() {
      // Local to the batch's transaction, and set in its first statement: no round trip of its own.
      return " AND set_config('idle_in_transaction_session_timeout', ?, true) IS NOT NULL";
    }
  };

  /** What {@link #beginSnapshot} returns when there is nothing to restore. */
  static final int UNCHANGED = -1;

  /**
   * {@code column} ordered by code point whatever the database's collation, as the paging indexes
   * of the dialect's migration order it.
   */
  abstract String binaryOrder(String column);

  /** The full-text index on this database. */
  abstract TextIndex textIndex();

  /**
   * Makes the statements of the transaction just begun on {@code connection} (not in auto-commit)
   * planned for their arguments each time they run. PostgreSQL otherwise plans a statement that
   * the driver has run five times once for any arguments, from average selectivities: for a history
   * filter on a common parameter value it expected one session and read them all (68 ms a page
   * instead of 1).
   */
  abstract void planForArguments(Connection connection) throws SQLException;

  /**
   * Makes the transaction just begun on {@code connection} (not in auto-commit) read one snapshot
   * ({@code REPEATABLE READ}).
   *
   * @return the isolation level to restore on the connection afterwards, or {@link #UNCHANGED}
   */
  abstract int beginSnapshot(Connection connection) throws SQLException;

  /**
   * The locking clause with which a fenced batch reads its partition's row: one that a change of
   * owner's {@code UPDATE} of the row waits for, and that batches of other partitions never meet.
   */
  abstract String fenceLock();

  /**
   * A condition the fence check's {@code WHERE} ends with, whose one parameter (milliseconds, as
   * text) is how long the batch's transaction may sit idle before the database ends the session;
   * empty where the database cannot (H2, in the process, has no one to wait for).
   */
  String idleLimit() {
    return "";
  }

  /** The dialect's own migrations, beside the shared ones in {@code db/parley}. */
  String migrations() {
    return "classpath:db/parley-" + name().toLowerCase(Locale.ROOT);
  }

  /**
   * Asks the database what it is.
   *
   * @throws StorageException if it is neither H2 nor PostgreSQL, or cannot be reached
   */
  static Dialect of(DataSource dataSource) {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new StorageException("could not connect to the database: " + e.getMessage()
          + "; check that it is running and reachable", e);
    }
    if ("H2".equals(product)) {
      return H2;
    }
    if ("PostgreSQL".equals(product)) {
      return POSTGRESQL;
    }
    throw new StorageException("the database is " + product + ", but Parley's JDBC storage runs on H2 and"
        + " PostgreSQL only; pass a DataSource of one of those");
  }
}
