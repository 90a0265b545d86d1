package dev.parley.storage.jdbc;

import dev.parley.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs one unit of work on a pooled connection: commits it before returning (also when the pool
 * hands out connections in manual-commit mode), rolls it back on failure, and turns an {@link
 * SQLException} into a {@link StorageException}.
 *
 * <p>Thread safety: stateless apart from the thread-safe {@link DataSource}.
 */
final class Database {
  /**
   * Failures after which the whole unit of work, rolled back, may simply run again. Standard
   * {@code MERGE} is not atomic against a concurrent insert of the same new key on either
   * database: the loser gets a unique violation (23505) on PostgreSQL, or a concurrent-update
   * error (90131) on H2, instead of updating. Running it again finds the row and updates it.
   * 40001 and 40P01 are serialization failures and deadlocks, which a host's pool configured
   * for a stricter isolation could raise.
   */
  private static final Set<String> RETRYABLE = Set.of("23505", "90131", "40001", "40P01");

  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;

  Database(DataSource dataSource) {
    this.dataSource = dataSource;
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
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        String state = e.getSQLState();
        if (attempt < ATTEMPTS && state != null && RETRYABLE.contains(state)) {
          continue;
        }
        throw new StorageException(
            "could not " + what + " (SQLState " + e.getSQLState() + "): " + e.getMessage()
                + "; check that the database is reachable and its schema is Parley's",
            e);
      }
    }
  }

  private <T> T once(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
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
}
