package dev.parley.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Reads the rows of many of a tenant's records at once ({@code WHERE tenant = ? AND x IN (...)}),
 * a few hundred keys per statement: well below every database's limit on parameters.
 */
final class ByIds {
  private static final int CHUNK = 500;

  /** Handles one row. */
  @FunctionalInterface
  interface Row {
    void read(ResultSet rows) throws SQLException;
  }

  private ByIds() {}

  /**
   * Runs {@code sql}, whose first parameter is the tenant and whose {@code %s} stands for the list
   * of {@code ?} the ids take, for all of {@code ids}.
   */
  static void select(Connection c, String sql, String tenant, List<String> ids, Row row) throws SQLException {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try (PreparedStatement s = c.prepareStatement(
          String.format(sql, String.join(", ", Collections.nCopies(chunk.size(), "?"))))) {
        s.setString(1, tenant);
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            row.read(rows);
          }
        }
      }
    }
  }
}
