package dev.parley.storage.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Empties Parley's tables between tests, so that a test starts afresh without a new database. */
final class ParleyTables {
  private ParleyTables() {}

  /** Empties every Parley table but the schema history, on PostgreSQL, H2 or SQLite. */
  static void empty(DataSource dataSource) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String table = rows.getString("TABLE_NAME");
          String name = table.toLowerCase(Locale.ROOT);
          if (name.startsWith("parley_") && !name.equals("parley_schema_history")) {
            tables.add(table);
          }
        }
      }
      String product = c.getMetaData().getDatabaseProductName();
      if (product.equals("SQLite")) {
        // No TRUNCATE: DELETE, with the foreign keys off for the order of the tables. The FTS5 index
        // and its shadow tables are emptied by the triggers of the table it indexes.
        s.execute("PRAGMA foreign_keys = OFF");
        for (String table : tables) {
          if (!table.startsWith("parley_message_fts")) {
            s.execute("DELETE FROM " + table);
          }
        }
        s.execute("PRAGMA foreign_keys = ON");
      } else if (product.equals("H2")) {
        // H2 truncates a table that foreign keys reference only with their checks off.
        s.execute("SET REFERENTIAL_INTEGRITY FALSE");
        for (String table : tables) {
          s.execute("TRUNCATE TABLE " + table);
        }
        s.execute("SET REFERENTIAL_INTEGRITY TRUE");
      } else {
        s.execute("TRUNCATE " + String.join(", ", tables));
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty Parley's tables", e);
    }
  }
}
