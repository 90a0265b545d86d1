package dev.parley.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the rows of many of a tenant's records at once: the ids go as one parameter (an array, or
 * a JSON array on SQLite: {@link Dialect#idJoin()}), joined with the table so that each id is one
 * lookup of its index on {@code (tenant, key)}, on every database.
 *
 * <p>Not {@code WHERE tenant = ? AND key IN (?, ?, ...)}: H2 looks an IN list up in an index only
 * when it is on the index's first column, so it read every row of the tenant for each list. The
 * join is a left join because H2 keeps a left join's order, the ids first; an inner join it planned
 * the other way round, scanning the table.
 */
final class ByIds {
  /** H2 holds at most 65,536 elements in an array. */
  private static final int CHUNK = 10_000;

  /** Handles one row. */
  @FunctionalInterface
  interface Row {
    void read(ResultSet rows) throws SQLException;
  }

  private ByIds() {}

  /**
   * The SELECT, for {@link #select(Connection, String, String, List, Row)}, of the rows of {@code
   * table} whose {@code key} is one of the ids: the key, then {@code columns} (comma-separated), in
   * the order of the key and then the column {@code then}.
   */
  static String select(String table, String key, String columns, String then) {
    return "SELECT c." + key + ", " + qualified(columns) + " FROM %s "
        + table + " c ON c.tenant = ? AND c." + key + " = k.id"
        + " WHERE c." + key + " IS NOT NULL ORDER BY c." + key + ", c." + then;
  }

  /** {@code columns} (comma-separated) of the table aliased {@code c}. */
  static String qualified(String columns) {
    return Arrays.stream(columns.split(",")).map(column -> "c." + column.strip()).collect(Collectors.joining(", "));
  }

  /** Runs {@code sql}, made by {@link #select(String, String, String, String)}, for all of {@code ids}. */
  static void select(Connection c, String sql, String tenant, List<String> ids, Row row) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    Dialect dialect = Dialect.of(c);
    try (PreparedStatement s = c.prepareStatement(String.format(sql, dialect.idJoin()))) {
      for (int from = 0; from < ids.size(); from += CHUNK) {
        dialect.bindIds(c, s, 1, ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        s.setString(2, tenant);
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            row.read(rows);
          }
        }
      }
    }
  }
}
