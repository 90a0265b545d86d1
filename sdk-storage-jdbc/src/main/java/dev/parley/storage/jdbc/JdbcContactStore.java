package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.ContactStore;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.StaleWriteException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ContactStore} in {@code parley_contact}, {@code parley_contact_identity} (whose key
 * {@code (tenant, kind, identity_value)} gives an identity to one contact at most) and {@code
 * parley_contact_detail}.
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection. Writes are optimistic, as in {@link JdbcSessionStore}; two contacts that claim the
 * same new identity at once race on its key, and the loser, run again, finds it taken.
 */
final class JdbcContactStore implements ContactStore {
  private static final String VERSION = "SELECT version FROM parley_contact WHERE tenant = ? AND id = ?";
  private static final String INSERT =
      "INSERT INTO parley_contact (tenant, id, version, name, created_at_nanos) VALUES (?, ?, ?, ?, ?)";
  private static final String UPDATE = "UPDATE parley_contact SET version = ?, name = ?, created_at_nanos = ?"
      + " WHERE tenant = ? AND id = ? AND version = ?";
  private static final String OWNER =
      "SELECT contact_id FROM parley_contact_identity WHERE tenant = ? AND kind = ? AND identity_value = ?";
  // A network identity's identifier follows its channel's name and a colon: no index serves that
  // suffix, so this reads the tenant's identities; it is for erasures, not for every message.
  private static final String OWNERS_OF_IDENTIFIER = "SELECT DISTINCT contact_id FROM parley_contact_identity"
      + " WHERE tenant = ? AND (identity_value = ? OR (kind = 'NETWORK' AND identity_value LIKE ? ESCAPE '!'))"
      + " ORDER BY contact_id";
  private static final String CLEAR_IDENTITIES = "DELETE FROM parley_contact_identity WHERE tenant = ? AND contact_id = ?";
  private static final String CLEAR_DETAILS = "DELETE FROM parley_contact_detail WHERE tenant = ? AND contact_id = ?";
  private static final String ADD_IDENTITY =
      "INSERT INTO parley_contact_identity (tenant, contact_id, seq, kind, identity_value) VALUES (?, ?, ?, ?, ?)";
  private static final String ADD_DETAIL =
      "INSERT INTO parley_contact_detail (tenant, contact_id, seq, name, detail_value) VALUES (?, ?, ?, ?, ?)";
  private static final String COLUMNS = "SELECT c.tenant, c.id, c.name, c.created_at_nanos, c.version FROM parley_contact c";
  private static final String FIND = COLUMNS + " WHERE c.tenant = ? AND c.id = ?";
  private static final String IDENTITIES =
      ByIds.select("parley_contact_identity", "contact_id", "kind, identity_value", "seq");
  private static final String DETAILS = ByIds.select("parley_contact_detail", "contact_id", "name, detail_value", "seq");
  private static final String REMOVE = "DELETE FROM parley_contact WHERE tenant = ? AND id = ?";
  // Unlinking changes the sessions, so it moves their versions on: a writer holding one re-reads it.
  private static final String UNLINK = "UPDATE parley_session SET contact = NULL, version = version + 1"
      + " WHERE tenant = ? AND contact = ?";

  private final Database database;
  private final Dialect dialect;

  JdbcContactStore(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  @Override
  public ContactRecord save(ContactRecord contact) {
    requireNonNull(contact, "contact must not be null");
    long createdAt = EpochNanos.of("createdAt", contact.createdAt());
    String key = "contact " + contact.tenant() + "/" + contact.id();
    return database.transaction("store " + key, c -> {
      long version = contact.version();
      if (version == 0) {
        long stored = storedVersion(c, contact);
        if (stored != 0) {
          throw new StaleWriteException(key, 0, stored);
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
          s.setString(1, contact.tenant());
          s.setString(2, contact.id());
          s.setLong(3, 1);
          s.setString(4, contact.name());
          s.setLong(5, createdAt);
          s.executeUpdate();
        }
      } else {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
          s.setLong(1, version + 1);
          s.setString(2, contact.name());
          s.setLong(3, createdAt);
          s.setString(4, contact.tenant());
          s.setString(5, contact.id());
          s.setLong(6, version);
          if (s.executeUpdate() == 0) {
            throw new StaleWriteException(key, version, storedVersion(c, contact));
          }
        }
        clear(c, CLEAR_IDENTITIES, contact);
        clear(c, CLEAR_DETAILS, contact);
      }
      addIdentities(c, contact);
      addDetails(c, contact);
      return contact.withVersion(version + 1);
    });
  }

  private static long storedVersion(Connection c, ContactRecord contact) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(VERSION)) {
      s.setString(1, contact.tenant());
      s.setString(2, contact.id());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private static void clear(Connection c, String sql, ContactRecord contact) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, contact.tenant());
      s.setString(2, contact.id());
      s.executeUpdate();
    }
  }

  private static void addIdentities(Connection c, ContactRecord contact) throws SQLException {
    for (Identity identity : contact.identities()) {
      String owner = owner(c, contact.tenant(), identity);
      if (owner != null) {
        throw new IllegalArgumentException("identity " + identity.kind() + " " + identity.value() + " of contact "
            + contact.tenant() + "/" + contact.id() + " belongs to contact " + owner
            + "; remove it there first, or merge the two contacts");
      }
    }
    try (PreparedStatement s = c.prepareStatement(ADD_IDENTITY)) {
      for (int i = 0; i < contact.identities().size(); i++) {
        Identity identity = contact.identities().get(i);
        s.setString(1, contact.tenant());
        s.setString(2, contact.id());
        s.setInt(3, i);
        s.setString(4, identity.kind().name());
        s.setString(5, identity.value());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void addDetails(Connection c, ContactRecord contact) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADD_DETAIL)) {
      int seq = 0;
      for (Map.Entry<String, String> detail : contact.details().entrySet()) {
        s.setString(1, contact.tenant());
        s.setString(2, contact.id());
        s.setInt(3, seq++);
        s.setString(4, detail.getKey());
        s.setString(5, detail.getValue());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static @Nullable String owner(Connection c, String tenant, Identity identity) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OWNER)) {
      s.setString(1, tenant);
      s.setString(2, identity.kind().name());
      s.setString(3, identity.value());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  @Override
  public Optional<ContactRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return database.snapshot("read contact " + tenant + "/" + id, c -> find(c, tenant, id));
  }

  private static Optional<ContactRecord> find(Connection c, String tenant, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, tenant);
      s.setString(2, id);
      return read(c, tenant, s).stream().findFirst();
    }
  }

  @Override
  public Optional<ContactRecord> findByIdentity(String tenant, Identity identity) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(identity, "identity must not be null");
    return database.snapshot("find the contact of " + identity, c -> {
      String owner = owner(c, tenant, identity);
      return owner == null ? Optional.empty() : find(c, tenant, owner);
    });
  }

  @Override
  public List<ContactRecord> findByIdentifier(String tenant, String identifier) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(identifier, "identifier must not be null");
    return database.snapshot("find the contacts of identifier " + identifier, c -> {
      List<String> owners = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(OWNERS_OF_IDENTIFIER)) {
        s.setString(1, tenant);
        s.setString(2, identifier);
        s.setString(3, "%:" + identifier.replace("!", "!!").replace("%", "!%").replace("_", "!_"));
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            owners.add(rows.getString(1));
          }
        }
      }
      List<ContactRecord> found = new ArrayList<>();
      for (String owner : owners) {
        find(c, tenant, owner) // the LIKE also takes a colon inside the id: keep what identifier() says
            .filter(contact -> contact.identities().stream().anyMatch(i -> i.matches(identifier)))
            .ifPresent(found::add);
      }
      return found;
    });
  }

  @Override
  public Page<ContactRecord> list(String tenant, @Nullable String cursor, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1 || limit > SessionQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + SessionQuery.MAX_LIMIT + ", was: " + limit);
    }
    String name = dialect.binaryOrder("c.name");
    String id = dialect.binaryOrder("c.id");
    SqlArguments args = new SqlArguments().add(tenant);
    String after = "";
    if (cursor != null) {
      List<String> key = KeysetCursor.decode(cursor, "contacts\u0001" + tenant, 2);
      after = " AND " + name + " >= ? AND (" + name + ", " + id + ") > (?, ?)";
      args.add(key.get(0)).add(key.get(0)).add(key.get(1));
    }
    // As for sessions (see SessionQuerySql): the tenant leads the ORDER BY and the limit is a literal.
    String sql = COLUMNS + " WHERE c.tenant = ?" + after + " ORDER BY c.tenant, " + name + ", " + id
        + " LIMIT " + (limit + 1);
    return database.snapshot("list the contacts of tenant " + tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        args.bind(s);
        List<ContactRecord> found = read(c, tenant, s);
        if (found.size() <= limit) {
          return new Page<>(found, null);
        }
        ContactRecord last = found.get(limit - 1);
        return new Page<>(found.subList(0, limit), KeysetCursor.encode("contacts\u0001" + tenant, last.name(), last.id()));
      }
    });
  }

  // Runs a query of contact rows, then reads their identities and details; keeps the query's order.
  private static List<ContactRecord> read(Connection c, String tenant, PreparedStatement query) throws SQLException {
    Map<String, ContactRecord> rows = new LinkedHashMap<>();
    try (ResultSet r = query.executeQuery()) {
      while (r.next()) {
        rows.put(r.getString(2), new ContactRecord(r.getString(1), r.getString(2), r.getString(3), List.of(), Map.of(),
            EpochNanos.toInstant(r.getLong(4)), r.getLong(5)));
      }
    }
    List<String> ids = List.copyOf(rows.keySet());
    Map<String, List<Identity>> identities = new HashMap<>();
    ByIds.select(c, IDENTITIES, tenant, ids, r -> identities.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
        .add(new Identity(Identity.Kind.valueOf(r.getString(2)), r.getString(3))));
    Map<String, Map<String, String>> details = new HashMap<>();
    ByIds.select(c, DETAILS, tenant, ids, r -> details.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
        .put(r.getString(2), r.getString(3)));
    return rows.values().stream()
        .map(k -> new ContactRecord(k.tenant(), k.id(), k.name(), identities.getOrDefault(k.id(), List.of()),
            details.getOrDefault(k.id(), Map.of()), k.createdAt(), k.version()))
        .toList();
  }

  @Override
  public boolean remove(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return database.transaction("remove contact " + tenant + "/" + id, c -> {
      int removed;
      try (PreparedStatement s = c.prepareStatement(REMOVE)) {
        s.setString(1, tenant);
        s.setString(2, id);
        removed = s.executeUpdate(); // identities and details go with it (ON DELETE CASCADE)
      }
      try (PreparedStatement s = c.prepareStatement(UNLINK)) {
        s.setString(1, tenant);
        s.setString(2, id);
        s.executeUpdate();
      }
      return removed > 0;
    });
  }
}
