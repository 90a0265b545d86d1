package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.TemplateRecord;
import dev.parley.storage.TemplateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TemplateStore} in {@code parley_template} and {@code parley_template_star}; a star goes
 * with its template (ON DELETE CASCADE).
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection and the store holds no other state.
 */
final class JdbcTemplateStore implements TemplateStore {
  private static final Upsert PUT = Upsert.into("parley_template").key("tenant", "VARCHAR").key("id", "VARCHAR")
      .replace("title", "VARCHAR").replace("body", "VARCHAR").replace("language", "VARCHAR");
  private static final String REMOVE = "DELETE FROM parley_template WHERE tenant = ? AND id = ?";
  private static final String COLUMNS = "SELECT t.tenant, t.id, t.title, t.body, t.language FROM parley_template t";
  private static final String FIND = COLUMNS + " WHERE t.tenant = ? AND t.id = ?";
  private static final String LIST = COLUMNS + " WHERE t.tenant = ?";
  private static final String STARRED = COLUMNS + " JOIN parley_template_star s"
      + " ON s.tenant = t.tenant AND s.template_id = t.id WHERE s.tenant = ? AND s.operator_id = ?";
  // Inserts the star if the template exists and the star does not yet.
  private static final String STAR = "INSERT INTO parley_template_star (tenant, operator_id, template_id)"
      + " SELECT t.tenant, CAST(? AS VARCHAR), t.id FROM parley_template t WHERE t.tenant = ? AND t.id = ?"
      + " AND NOT EXISTS (SELECT 1 FROM parley_template_star s"
      + " WHERE s.tenant = t.tenant AND s.operator_id = ? AND s.template_id = t.id)";
  private static final String UNSTAR =
      "DELETE FROM parley_template_star WHERE tenant = ? AND operator_id = ? AND template_id = ?";

  // The contract's order, applied in Java so that it never depends on a collation.
  private static final Comparator<TemplateRecord> ORDER =
      Comparator.comparing(TemplateRecord::title).thenComparing(TemplateRecord::id);

  private final Database database;
  private final String put;

  JdbcTemplateStore(Database database) {
    this.database = database;
    this.put = database.dialect().upsert(PUT);
  }

  @Override
  public void put(TemplateRecord template) {
    requireNonNull(template, "template must not be null");
    database.update("store template " + template.tenant() + "/" + template.id(), put,
        template.tenant(), template.id(), template.title(), template.text(), template.language());
  }

  @Override
  public boolean remove(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return database.update("remove template " + tenant + "/" + id, REMOVE, tenant, id) > 0;
  }

  @Override
  public Optional<TemplateRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return list("read template " + tenant + "/" + id, FIND, tenant, id).stream().findFirst();
  }

  @Override
  public List<TemplateRecord> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return list("list the templates of tenant " + tenant, LIST, tenant);
  }

  @Override
  public void star(String tenant, String operator, String template, boolean starred) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    requireNonNull(template, "template must not be null");
    database.transaction((starred ? "star" : "unstar") + " template " + tenant + "/" + template, c -> {
      if (!starred) {
        try (PreparedStatement s = c.prepareStatement(UNSTAR)) {
          s.setString(1, tenant);
          s.setString(2, operator);
          s.setString(3, template);
          s.executeUpdate();
        }
      } else {
        try (PreparedStatement s = c.prepareStatement(STAR)) {
          s.setString(1, operator);
          s.setString(2, tenant);
          s.setString(3, template);
          s.setString(4, operator);
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement(FIND)) {
        s.setString(1, tenant);
        s.setString(2, template);
        try (ResultSet rows = s.executeQuery()) {
          if (!rows.next()) {
            throw new IllegalArgumentException("there is no template " + tenant + "/" + template
                + " to " + (starred ? "star" : "unstar") + "; store it first");
          }
        }
      }
      return null;
    });
  }

  @Override
  public List<TemplateRecord> starred(String tenant, String operator) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    return list("list the templates " + tenant + "/" + operator + " starred", STARRED, tenant, operator);
  }

  private List<TemplateRecord> list(String what, String sql, String... arguments) {
    List<TemplateRecord> templates = database.list(what, sql, rows -> new TemplateRecord(
        rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)),
        (Object[]) arguments);
    templates.sort(ORDER);
    return List.copyOf(templates);
  }
}
