package dev.parley.storage.jdbc;

import dev.parley.storage.tck.SessionHold;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A session's row locked by an open transaction of the test's own ({@code SELECT ... FOR UPDATE}),
 * as a concurrent writer would hold it, with the count of the database's sessions that wait for a
 * lock meanwhile, on PostgreSQL or H2.
 */
final class RowHold implements SessionHold {
  private static final String LOCK = "SELECT version FROM parley_session WHERE tenant = ? AND id = ? FOR UPDATE";
  private static final String POSTGRES_WAITING =
      "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
  private static final String H2_WAITING = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";

  private final DataSource pool;
  private final Connection holder;
  private final String waiting;

  private RowHold(DataSource pool, Connection holder, String waiting) {
    this.pool = pool;
    this.holder = holder;
    this.waiting = waiting;
  }

  /** Locks the row of {@code tenant}'s session {@code id}, which must be stored. */
  static RowHold lock(DataSource pool, String tenant, String id) {
    Connection c = null;
    try {
      c = pool.getConnection();
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(LOCK)) {
        s.setString(1, tenant);
        s.setString(2, id);
        try (ResultSet rows = s.executeQuery()) {
          if (!rows.next()) {
            throw new IllegalStateException("no session " + tenant + "/" + id + " to hold");
          }
        }
      }
      boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
      return new RowHold(pool, c, h2 ? H2_WAITING : POSTGRES_WAITING);
    } catch (SQLException | RuntimeException e) {
      release(c, e);
      throw new IllegalStateException("could not lock session " + tenant + "/" + id, e);
    }
  }

  private static void release(Connection c, Exception failure) {
    if (c == null) {
      return;
    }
    try (c) {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public int waiting() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(waiting)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the sessions waiting for a lock", e);
    }
  }

  @Override
  public void close() {
    try {
      if (holder.isClosed()) {
        return;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not tell whether the held session was let go", e);
    }
    try (holder) {
      holder.rollback();
      holder.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("could not let the held session go", e);
    }
  }
}
