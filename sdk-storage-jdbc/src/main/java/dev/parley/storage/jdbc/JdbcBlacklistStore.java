package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.BlacklistStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BlacklistStore} in the {@code parley_blacklist} table.
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection and the store holds no other state.
 */
final class JdbcBlacklistStore implements BlacklistStore {
  private static final Upsert PUT = Upsert.into("parley_blacklist")
      .key("tenant", "VARCHAR").key("channel", "VARCHAR").key("identifier", "VARCHAR")
      .replace("reason", "VARCHAR").replace("blocked_by", "VARCHAR").replace("blocked_at_nanos", "BIGINT");
  private static final String REMOVE =
      "DELETE FROM parley_blacklist WHERE tenant = ? AND channel = ? AND identifier = ?";
  private static final String COLUMNS =
      "SELECT tenant, channel, identifier, reason, blocked_by, blocked_at_nanos FROM parley_blacklist";
  private static final String FIND = COLUMNS + " WHERE tenant = ? AND channel = ? AND identifier = ?";
  private static final String LIST = COLUMNS + " WHERE tenant = ?";

  // The contract's order, applied in Java: SQL ORDER BY on text would follow the database's
  // collation, which need not be Java's String order.
  private static final Comparator<BlacklistEntry> ORDER =
      Comparator.comparing(BlacklistEntry::blockedAt)
          .thenComparing(BlacklistEntry::channel)
          .thenComparing(BlacklistEntry::identifier);

  private final Database database;
  private final String put;

  JdbcBlacklistStore(Database database) {
    this.database = database;
    this.put = database.dialect().upsert(PUT);
  }

  @Override
  public void put(BlacklistEntry entry) {
    requireNonNull(entry, "entry must not be null");
    long blockedAt = EpochNanos.of("blockedAt", entry.blockedAt());
    database.run("store blacklist entry " + key(entry.tenant(), entry.channel(), entry.identifier()), c -> {
      try (PreparedStatement s = c.prepareStatement(put)) {
        s.setString(1, entry.tenant());
        s.setString(2, entry.channel());
        s.setString(3, entry.identifier());
        s.setString(4, entry.reason());
        s.setString(5, entry.blockedBy());
        s.setLong(6, blockedAt);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public boolean remove(String tenant, String channel, String identifier) {
    checkKey(tenant, channel, identifier);
    return database.run("remove blacklist entry " + key(tenant, channel, identifier), c -> {
      try (PreparedStatement s = c.prepareStatement(REMOVE)) {
        s.setString(1, tenant);
        s.setString(2, channel);
        s.setString(3, identifier);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<BlacklistEntry> find(String tenant, String channel, String identifier) {
    checkKey(tenant, channel, identifier);
    return database.run("read blacklist entry " + key(tenant, channel, identifier), c -> {
      try (PreparedStatement s = c.prepareStatement(FIND)) {
        s.setString(1, tenant);
        s.setString(2, channel);
        s.setString(3, identifier);
        try (ResultSet rows = s.executeQuery()) {
          return rows.next() ? Optional.of(entry(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<BlacklistEntry> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return database.run("list the blacklist of tenant " + tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(LIST)) {
        s.setString(1, tenant);
        List<BlacklistEntry> entries = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            entries.add(entry(rows));
          }
        }
        entries.sort(ORDER);
        return List.copyOf(entries);
      }
    });
  }

  private static BlacklistEntry entry(ResultSet rows) throws SQLException {
    return new BlacklistEntry(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        EpochNanos.toInstant(rows.getLong(6)));
  }

  private static void checkKey(String tenant, String channel, String identifier) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(channel, "channel must not be null");
    requireNonNull(identifier, "identifier must not be null");
  }

  private static String key(String tenant, String channel, String identifier) {
    return tenant + "/" + channel + "/" + identifier;
  }
}
