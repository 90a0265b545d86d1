package dev.parley.storage.jdbc;

import dev.parley.storage.PartitionFence;
import dev.parley.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs one unit of work on a pooled connection: commits it before returning (also when the pool
 * hands out connections in manual-commit mode), rolls it back on failure, and turns an {@link
 * SQLException} into a {@link StorageException}.
 *
 * <p>A {@linkplain #fenced fenced} database begins every unit of work, in its transaction, with its
 * partition's {@linkplain PartitionTable#check fence check}; it shares the data source and the
 * closed flag of the database it was made from. A {@linkplain #joining joining} database runs every
 * unit of work on one connection, in a transaction someone else began and ends.
 *
 * <p>Thread safety: safe for use by several threads at once: apart from the thread-safe {@link
 * DataSource}, its only state is the closed flag, which is atomic.
 */
final class Database {
  /** How many times a unit of work runs at most when it fails for a {@link Dialect#retryable} reason. */
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final AtomicBoolean closed;
  private final @Nullable PartitionFence fence;
  private final @Nullable Connection joined;
  private final Duration fencedIdleTimeout;

  /** @param fencedIdleTimeout how long a fenced batch's transaction may sit idle, where the dialect can say */
  Database(DataSource dataSource, Dialect dialect, Duration fencedIdleTimeout) {
    this(dataSource, dialect, new AtomicBoolean(), null, null, fencedIdleTimeout);
  }

  private Database(DataSource dataSource, Dialect dialect, AtomicBoolean closed, @Nullable PartitionFence fence,
      @Nullable Connection joined, Duration fencedIdleTimeout) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.closed = closed;
    this.fence = fence;
    this.joined = joined;
    this.fencedIdleTimeout = fencedIdleTimeout;
  }

  /** This database with every unit of work a batch under {@code fence}; closed with this one. */
  Database fenced(PartitionFence fence) {
    return new Database(dataSource, dialect, closed, fence, null, fencedIdleTimeout);
  }

  /**
   * This database with every unit of work run on {@code connection}, in its transaction, which the
   * caller began and commits or rolls back: the units neither begin nor end one, check no fence
   * (the caller's transaction checked it first) and are never run again. A {@linkplain #transaction
   * transaction} runs inside a savepoint, so that it still takes effect whole or not at all: a
   * {@code saveAll} refused as stale half way leaves nothing behind in the caller's transaction,
   * which goes on (PostgreSQL refuses all but a rollback after an error, unless to a savepoint).
   */
  Database joining(Connection connection) {
    return new Database(dataSource, dialect, closed, null, connection, fencedIdleTimeout);
  }

  /** The database's dialect. */
  Dialect dialect() {
    return dialect;
  }

  /** Refuses all later work: the storage was closed (its pool, if it made one, too). */
  void close() {
    closed.set(true);
  }

  /** How a unit of work uses its connection. */
  private enum Mode {
    /** One statement, or several that need no transaction: the connection's mode as it comes. */
    AS_IS,
    /** Several statements that take effect together or not at all. */
    TRANSACTION,
    /** Several reads that see one state of the database, as of the first. */
    SNAPSHOT
  }

  /** Reads one row into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rows) throws SQLException;
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs a read, or a write that is safe to run again once rolled back; {@code what} completes
   * "could not ..." in the exception's message.
   */
  <T> T run(String what, Work<T> work) {
    return attempt(what, work, Mode.AS_IS);
  }

  /**
   * Runs one INSERT, UPDATE, DELETE or MERGE whose parameters are {@code arguments} (Strings,
   * possibly null, Longs and Integers), as {@link #run} does; returns the count of rows it changed.
   */
  int update(String what, String sql, @Nullable Object... arguments) {
    return run(what, c -> {
      try (PreparedStatement s = prepare(c, sql, arguments)) {
        return s.executeUpdate();
      }
    });
  }

  /** Runs one SELECT whose parameters are {@code arguments}; returns its rows, mapped. */
  <T> List<T> list(String what, String sql, RowMapper<T> mapper, @Nullable Object... arguments) {
    return run(what, c -> {
      try (PreparedStatement s = prepare(c, sql, arguments); ResultSet rows = s.executeQuery()) {
        List<T> list = new ArrayList<>();
        while (rows.next()) {
          list.add(mapper.map(rows));
        }
        return list;
      }
    });
  }

  private static PreparedStatement prepare(Connection c, String sql, @Nullable Object... arguments)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else {
        s.setObject(i + 1, arguments[i]);
      }
    }
    return s;
  }

  /**
   * Runs several statements in one transaction: all take effect or none. A runtime exception
   * from {@code work} (such as a {@link dev.parley.storage.StaleWriteException}) rolls it back and
   * propagates as it is.
   */
  <T> T transaction(String what, Work<T> work) {
    return attempt(what, work, Mode.TRANSACTION);
  }

  /**
   * Runs several reads that see one committed state: a record and its child rows are never read
   * half before and half after another transaction's write.
   */
  <T> T snapshot(String what, Work<T> work) {
    return attempt(what, work, Mode.SNAPSHOT);
  }

  private <T> T attempt(String what, Work<T> work, Mode mode) {
    if (closed.get()) {
      // Checked here too because a host's DataSource stays open after the storage is closed.
      throw new IllegalStateException("could not " + what + ": the storage is closed; build a new one");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return joined == null ? once(work, mode) : mode == Mode.TRANSACTION ? inSavepoint(joined, work) : work.run(joined);
      } catch (SQLException e) {
        if (joined == null && attempt < ATTEMPTS && dialect.retryable(e)) {
          continue;
        }
        throw new StorageException(
            "could not " + what + " (SQLState " + e.getSQLState() + "): " + e.getMessage()
                + "; check that the database is reachable and its schema is Parley's",
            e);
      }
    }
  }

  private <T> T once(Work<T> work, Mode given) throws SQLException {
    // A fenced unit of work is a transaction: the fence check holds its lock to the commit.
    Mode mode = fence != null && given == Mode.AS_IS ? Mode.TRANSACTION : given;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (mode != Mode.AS_IS && autoCommit) {
        dialect.beginTransaction(connection, mode == Mode.TRANSACTION);
        connection.setAutoCommit(false);
      }
      int isolation = mode == Mode.SNAPSHOT ? dialect.beginSnapshot(connection) : Dialect.UNCHANGED;
      try {
        return inTransaction(connection, fence == null ? work : fencedBy(fence, work));
      } finally {
        // A host's pool may not reset what was changed: hand the connection back as it came.
        if (isolation != Dialect.UNCHANGED) {
          connection.setTransactionIsolation(isolation);
        }
        if (connection.getAutoCommit() != autoCommit) {
          connection.setAutoCommit(autoCommit);
        }
      }
    }
  }

  private <T> Work<T> fencedBy(PartitionFence fence, Work<T> work) {
    return c -> {
      PartitionTable.check(c, dialect, fence, fencedIdleTimeout);
      return work.run(c);
    };
  }

  private static <T> T inSavepoint(Connection connection, Work<T> work) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      T result = work.run(connection);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    boolean manualCommit = !connection.getAutoCommit();
    try {
      T result = work.run(connection);
      if (manualCommit) {
        connection.commit();
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      if (manualCommit) {
        try {
          connection.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }
}
