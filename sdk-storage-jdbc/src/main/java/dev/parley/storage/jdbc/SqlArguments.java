package dev.parley.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a statement's parameters, collected in order while its SQL is put together from
 * optional parts.
 *
 * <p>Thread safety: not thread-safe; one per statement.
 */
final class SqlArguments {
  private final List<Object> values = new ArrayList<>();

  /** Appends the value of the next {@code ?}: a String, Long or Integer. */
  SqlArguments add(Object value) {
    values.add(value);
    return this;
  }

  /** Binds the values to {@code statement}'s parameters, from the first on. */
  void bind(PreparedStatement statement) throws SQLException {
    bind(statement, 1);
  }

  /** Binds the values to {@code statement}'s parameters, from parameter {@code first} on. */
  void bind(PreparedStatement statement, int first) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(first + i, values.get(i));
    }
  }

  /** {@code text} as a LIKE pattern that matches it literally, with {@code \} as the escape. */
  static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
