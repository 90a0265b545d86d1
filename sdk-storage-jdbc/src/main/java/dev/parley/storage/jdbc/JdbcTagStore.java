package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.TagStore;
import java.time.Instant;
import java.util.List;

/**
 * A {@link TagStore} in {@code parley_tag} (the catalogue) and {@code parley_recent_tag} (each
 * operator's last use of each tag: one row per operator and tag, so the table grows with the
 * catalogue, not with use).
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection and the store holds no other state.
 */
final class JdbcTagStore implements TagStore {
  private static final Upsert DEFINE = Upsert.into("parley_tag").key("tenant", "VARCHAR").key("tag", "VARCHAR");
  private static final String REMOVE = "DELETE FROM parley_tag WHERE tenant = ? AND tag = ?";
  private static final String CATALOGUE = "SELECT tag FROM parley_tag WHERE tenant = ?";
  // Uses may be reported out of order: the latest one counts.
  private static final Upsert USED = Upsert.into("parley_recent_tag")
      .key("tenant", "VARCHAR").key("operator_id", "VARCHAR").key("tag", "VARCHAR")
      .greatest("used_at_nanos", "BIGINT");
  private static final String RECENT = "SELECT tag FROM parley_recent_tag WHERE tenant = ? AND operator_id = ?"
      + " ORDER BY used_at_nanos DESC, %s LIMIT ?";

  private static final Database.RowMapper<String> TAG = rows -> rows.getString(1);

  private final Database database;
  private final String define;
  private final String used;
  private final String recent;

  JdbcTagStore(Database database) {
    this.database = database;
    this.define = database.dialect().upsert(DEFINE);
    this.used = database.dialect().upsert(USED);
    this.recent = String.format(RECENT, database.dialect().binaryOrder("tag"));
  }

  @Override
  public void define(String tenant, String tag) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(tag, "tag must not be null");
    database.update("define tag " + tenant + "/" + tag, define, tenant, tag);
  }

  @Override
  public boolean remove(String tenant, String tag) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(tag, "tag must not be null");
    return database.update("remove tag " + tenant + "/" + tag, REMOVE, tenant, tag) > 0;
  }

  @Override
  public List<String> catalogue(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    List<String> tags = database.list("read the tag catalogue of tenant " + tenant, CATALOGUE, TAG, tenant);
    tags.sort(null); // in Java, so that the order never depends on a collation
    return List.copyOf(tags);
  }

  @Override
  public void used(String tenant, String operator, String tag, Instant at) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    requireNonNull(tag, "tag must not be null");
    long usedAt = EpochNanos.of("at", requireNonNull(at, "at must not be null"));
    database.update("record the use of tag " + tag + " by " + tenant + "/" + operator, used, tenant, operator, tag, usedAt);
  }

  @Override
  public List<String> recent(String tenant, String operator, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return List.copyOf(database.list("read the recent tags of " + tenant + "/" + operator, recent, TAG,
        tenant, operator, limit));
  }
}
