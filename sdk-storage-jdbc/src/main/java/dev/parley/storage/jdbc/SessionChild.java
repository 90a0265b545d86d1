package dev.parley.storage.jdbc;

import dev.parley.storage.SessionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One of a session's lists as a child table: rows {@code (tenant, session_id, seq, columns...)},
 * {@code seq} counting from 0 in the list's order.
 *
 * @param table the child table
 * @param columns its columns after {@code seq}, comma-separated
 * @param items the list in a record
 * @param writer binds an item's columns from parameter 4 on
 * @param reader reads an item from column 2 on (column 1 is {@code session_id}, the last {@code seq})
 * @param apply puts the items read back into a builder
 * @param <T> an item
 */
record SessionChild<T>(
    String table,
    String columns,
    Function<SessionRecord, List<T>> items,
    Writer<T> writer,
    Reader<T> reader,
    BiConsumer<SessionRecord.Builder, List<T>> apply) {

  /** Binds an item's columns. */
  @FunctionalInterface
  interface Writer<T> {
    void bind(PreparedStatement statement, T item) throws SQLException;
  }

  /** Reads an item. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /**
   * Selects the items of some of a tenant's sessions, for {@link ByIds}: {@code session_id}, the
   * columns, then {@code seq}.
   */
  String select() {
    return ByIds.select(table, "session_id", columns + ", seq", "seq");
  }

  /**
   * Selects the items of a tenant's live sessions (the tenant is the parameter), in the same
   * columns as {@link #select()}: one join, planned as each database finds cheapest, in no order
   * (sorting them all would cost H2 a temporary file).
   */
  String selectLive() {
    return "SELECT c.session_id, " + ByIds.qualified(columns + ", seq") + " FROM parley_session s JOIN " + table
        + " c ON c.tenant = s.tenant AND c.session_id = s.id WHERE s.tenant = ? AND s.closed_at_nanos IS NULL";
  }

  /** The index of {@code seq} in the rows that {@link #select()} and {@link #selectLive()} give. */
  int seqColumn() {
    return columns.split(",").length + 2;
  }

  /** Deletes the items of some of a tenant's sessions, one batch. */
  void delete(Connection c, String tenant, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? AND session_id = ?")) {
      for (String id : ids) {
        s.setString(1, tenant);
        s.setString(2, id);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Inserts the items of {@code sessions}, each from the index {@code from} gives it on, one batch. */
  void insert(Connection c, List<SessionRecord> sessions, ToIntFunction<SessionRecord> from) throws SQLException {
    String sql = "INSERT INTO " + table + " (tenant, session_id, seq, " + columns + ") VALUES (?, ?, ?"
        + ", ?".repeat(columns.split(",").length) + ")";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int rows = 0;
      for (SessionRecord session : sessions) {
        List<T> list = items.apply(session);
        for (int i = from.applyAsInt(session); i < list.size(); i++) {
          s.setString(1, session.tenant());
          s.setString(2, session.id());
          s.setInt(3, i);
          writer.bind(s, list.get(i));
          s.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        s.executeBatch();
      }
    }
  }
}
