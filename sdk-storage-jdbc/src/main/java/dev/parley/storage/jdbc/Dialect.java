package dev.parley.storage.jdbc;

import dev.parley.storage.StorageException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The databases the storage runs on, and the few things it does differently on each: where the
 * full-text index lives, how text is ordered in keyset pages, how an upsert and a list of ids are
 * written, and how a writing transaction begins. Everything else is one SQL for all three.
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
  },
  SQLITE {
    @Override
    String binaryOrder(String column) {
      return column; // SQLite's default collation, BINARY, compares UTF-8 bytes: code points
    }

    @Override
    TextIndex textIndex() {
      return new SqliteTextIndex();
    }

    @Override
    void planForArguments(Connection connection) {
      // SQLite plans every statement it prepares for the values it runs with.
    }

    @Override
    int beginSnapshot(Connection connection) {
      // In WAL mode a transaction reads one snapshot, taken at its first read.
      return UNCHANGED;
    }

    @Override
    void beginTransaction(Connection connection, boolean writes) throws SQLException {
      // BEGIN IMMEDIATE for a transaction that writes: it takes the database's one write lock at
      // its start (waiting busy_timeout for it), so it never fails half way for another writer's
      // commit after its first read, as a deferred transaction would (SQLITE_BUSY_SNAPSHOT).
      connection.unwrap(SQLiteConnection.class).getConnectionConfig()
          .setTransactionMode(writes ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED);
    }

    @Override
    boolean retryable(SQLException e) {
      // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes: a host's connection that began
      // its transaction deferred lost the race for the write lock; run again, it reads anew.
      int primary = e.getErrorCode() & 0xff;
      return primary == 5 || primary == 6 || super.retryable(e);
    }

    @Override
    String contains(String column, String part, SqlArguments arguments) {
      arguments.add(part);
      return "instr(" + column + ", ?) > 0"; // SQLite's LIKE ignores the case of ASCII letters
    }

    @Override
    String forUpdate() {
      return ""; // SQLite has no row locks: a writing transaction holds the database's write lock
    }

    @Override
    String upsert(Upsert upsert) {
      return upsert.insertOnConflict();
    }

    @Override
    String idJoin() {
      // CROSS JOIN: SQLite keeps its order, the ids first. It makes an inner join of a LEFT JOIN
      // whose WHERE rejects nulls, and then planned it the other way round, scanning the table.
      return "(SELECT value AS id FROM json_each(?)) k CROSS JOIN";
    }

    @Override
    void bindIds(Connection connection, PreparedStatement statement, int index, List<String> ids)
        throws SQLException {
      statement.setString(index, JsonStrings.array(ids));
    }

    @Override
    String fenceLock() {
      return ""; // no row locks: a fenced batch begins IMMEDIATE, holding the write lock (beginTransaction)
    }

    @Override
    String messageSeqColumn() {
      return "BIGINT"; // set from the rowid by a trigger (db/parley-sqlite): no identity columns
    }
  };

  /**
   * Failures after which the whole unit of work, rolled back, may simply run again. Standard
   * {@code MERGE} is not atomic against a concurrent insert of the same new key on H2 or
   * PostgreSQL: the loser gets a unique violation (23505) on PostgreSQL, or a concurrent-update
   * error (90131) on H2, instead of updating. Running it again finds the row and updates it.
   * The same holds for the check-then-insert units (a new session, message, contact identity or
   * outbox counter): run again, the check sees the winner's row. 40001 and 40P01 are
   * serialization failures and deadlocks (two {@code saveAll} taking the same sessions in
   * opposite orders), which the database resolves by failing one of the transactions.
   */
  private static final Set<String> RETRYABLE = Set.of("23505", "90131", "40001", "40P01");

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
   * Prepares {@code connection}, in auto-commit mode, for a transaction about to begin: one that
   * {@code writes}, or one that only reads.
   */
  void beginTransaction(Connection connection, boolean writes) throws SQLException {
    // H2 and PostgreSQL lock rows as a transaction goes.
  }

  /** True if the unit of work that failed with {@code e}, rolled back, may simply run again. */
  boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state != null && RETRYABLE.contains(state);
  }

  /**
   * A condition that {@code column} contains {@code part}, exactly (case and all); appends its
   * argument to {@code arguments}.
   */
  String contains(String column, String part, SqlArguments arguments) {
    arguments.add("%" + SqlArguments.likeLiteral(part) + "%");
    return column + " LIKE ? ESCAPE '\\'";
  }

  /** What ends a SELECT of one row so that it locks the row until the transaction ends. */
  String forUpdate() {
    return " FOR UPDATE";
  }

  /** {@code upsert} as this database runs it. */
  String upsert(Upsert upsert) {
    return upsert.merge();
  }

  /**
   * A table {@code k} of one column {@code id}, the ids bound to its one parameter by {@link
   * #bindIds}, and the join that follows it, which the database runs with the ids first.
   */
  String idJoin() {
    return "UNNEST(CAST(? AS VARCHAR ARRAY)) k(id) LEFT JOIN";
  }

  /** Binds {@code ids} to the parameter of {@link #idJoin()}, at {@code index} of {@code statement}. */
  void bindIds(Connection connection, PreparedStatement statement, int index, List<String> ids) throws SQLException {
    Array array = connection.createArrayOf("VARCHAR", ids.toArray());
    statement.setArray(index, array);
  }

  /** The type of {@code parley_message.stored_seq}: a counter the database assigns. */
  String messageSeqColumn() {
    return "BIGINT GENERATED BY DEFAULT AS IDENTITY";
  }

  /** The values of the placeholders in the migrations. */
  Map<String, String> placeholders() {
    return Map.of("message_seq_column", messageSeqColumn());
  }

  /**
   * A condition the fence check's {@code WHERE} ends with, whose one parameter (milliseconds, as
   * text) is how long the batch's transaction may sit idle before the database ends the session;
   * empty where the database cannot (H2 and SQLite, in the process, have no one to wait for).
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
   * @throws StorageException if it is not H2, PostgreSQL or SQLite, or cannot be reached
   */
  static Dialect of(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return of(c);
    } catch (SQLException e) {
      throw new StorageException("could not connect to the database: " + e.getMessage()
          + "; check that it is running and reachable", e);
    }
  }

  /**
   * The database {@code connection} is to.
   *
   * @throws StorageException if it is not H2, PostgreSQL or SQLite
   */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("H2".equals(product)) {
      return H2;
    }
    if ("PostgreSQL".equals(product)) {
      return POSTGRESQL;
    }
    if ("SQLite".equals(product)) {
      return SQLITE;
    }
    throw new StorageException("the database is " + product + ", but Parley's JDBC storage runs on H2,"
        + " PostgreSQL and SQLite only; pass a DataSource of one of those");
  }
}
