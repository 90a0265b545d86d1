package dev.parley.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An insert that updates the row instead when its key is taken, written once and rendered for each
 * {@link Dialect}: standard {@code MERGE} on H2 and PostgreSQL, {@code INSERT ... ON CONFLICT} on
 * SQLite (which has no {@code MERGE}). The statement's parameters are the columns, in the order they
 * were added.
 *
 * <pre>{@code
 * Upsert.into("parley_template").key("tenant", "VARCHAR").key("id", "VARCHAR")
 *     .replace("title", "VARCHAR").replace("body", "VARCHAR")
 * }</pre>
 *
 * <p>Thread safety: not thread-safe while being built; its SQL is then fixed.
 */
final class Upsert {
  /** What a conflicting insert does to a column. */
  private enum Role {
    /** Part of the key: matched, never changed. */
    KEY,
    /** Takes the new value. */
    REPLACE,
    /** Keeps the greater of the stored and the new value. */
    GREATEST
  }

  private record Column(String name, String type, Role role) {}

  private final String table;
  private final List<Column> columns = new ArrayList<>();

  private Upsert(String table) {
    this.table = table;
  }

  /** Starts an upsert into {@code table}. */
  static Upsert into(String table) {
    return new Upsert(table);
  }

  /** Adds a column of the key, of SQL type {@code type}. */
  Upsert key(String name, String type) {
    columns.add(new Column(name, type, Role.KEY));
    return this;
  }

  /** Adds a column that a conflicting insert replaces. */
  Upsert replace(String name, String type) {
    columns.add(new Column(name, type, Role.REPLACE));
    return this;
  }

  /** Adds a column that a conflicting insert sets to the greater of the stored and the new value. */
  Upsert greatest(String name, String type) {
    columns.add(new Column(name, type, Role.GREATEST));
    return this;
  }

  /** The statement in standard SQL: {@code MERGE INTO ... USING (VALUES ...)}. */
  String merge() {
    String values = columns.stream().map(c -> "CAST(? AS " + c.type() + ")").collect(Collectors.joining(", "));
    String on = names(Role.KEY, " AND ", c -> "t." + c + " = s." + c);
    String updates = updates(c -> c.role() == Role.GREATEST
        ? "GREATEST(t." + c.name() + ", s." + c.name() + ")" : "s." + c.name());
    return "MERGE INTO " + table + " AS t USING (VALUES (" + values + ")) AS s (" + all(c -> c) + ") ON " + on
        + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updates)
        + " WHEN NOT MATCHED THEN INSERT (" + all(c -> c) + ") VALUES (" + all(c -> "s." + c) + ")";
  }

  /** The statement as SQLite runs it: {@code INSERT ... ON CONFLICT (key) DO UPDATE}. */
  String insertOnConflict() {
    String updates = updates(c -> c.role() == Role.GREATEST
        ? "max(t." + c.name() + ", excluded." + c.name() + ")" : "excluded." + c.name());
    return "INSERT INTO " + table + " AS t (" + all(c -> c) + ") VALUES (" + all(c -> "?") + ")"
        + " ON CONFLICT (" + names(Role.KEY, ", ", c -> c) + ")"
        + (updates.isEmpty() ? " DO NOTHING" : " DO UPDATE SET " + updates);
  }

  private String all(UnaryOperator<String> each) {
    return columns.stream().map(c -> each.apply(c.name())).collect(Collectors.joining(", "));
  }

  private String names(Role role, String separator, UnaryOperator<String> each) {
    return columns.stream().filter(c -> c.role() == role).map(c -> each.apply(c.name()))
        .collect(Collectors.joining(separator));
  }

  private String updates(Function<Column, String> value) {
    return columns.stream().filter(c -> c.role() != Role.KEY).map(c -> c.name() + " = " + value.apply(c))
        .collect(Collectors.joining(", "));
  }
}
