package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SessionStore} in {@code parley_session} and its child tables (see {@link SessionRow}
 * and {@link SessionChildren}).
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection. Writes are optimistic: an update names the version it read ({@code WHERE version =
 * ?}) and the row lock it takes makes concurrent writers of one session queue, so exactly one of
 * two writers at the same version succeeds. Reads run in a snapshot, so a session's row and lists
 * are always of one version.
 */
final class JdbcSessionStore implements SessionStore {
  private static final String FIND = SessionRow.SELECT + " WHERE s.tenant = ? AND s.id = ?";
  private static final String LIVE = SessionRow.SELECT + " WHERE s.tenant = ? AND s.closed_at_nanos IS NULL";
  private static final String CLOSED_BEFORE =
      "IN (SELECT c.id FROM parley_session c WHERE c.tenant = ? AND c.closed_at_nanos < ?)";
  private static final String PURGE = "DELETE FROM parley_session WHERE tenant = ? AND closed_at_nanos < ?";

  // The contract's order for live(), applied in Java so that it never depends on a collation.
  private static final Comparator<SessionRecord> ARRIVAL =
      Comparator.comparingLong(SessionRecord::arrivalSeq).thenComparing(SessionRecord::id);

  private final Database database;
  private final JdbcTranscriptStore transcripts;
  private final TextIndex text;
  private final String lock;

  JdbcSessionStore(Database database, JdbcTranscriptStore transcripts) {
    this.database = database;
    this.transcripts = transcripts;
    this.text = database.dialect().textIndex();
    this.lock = SessionRow.VERSION + database.dialect().forUpdate();
  }

  @Override
  public SessionRecord save(SessionRecord session) {
    requireNonNull(session, "session must not be null");
    return store("store session " + key(session.tenant(), session.id()), List.of(session)).get(0);
  }

  @Override
  public List<SessionRecord> saveAll(List<SessionRecord> sessions) {
    requireNonNull(sessions, "sessions must not be null");
    List<SessionRecord> list = List.copyOf(sessions);
    return store("store " + list.size() + " sessions", list);
  }

  private List<SessionRecord> store(String what, List<SessionRecord> sessions) {
    SessionBatch batch = new SessionBatch(sessions);
    return database.transaction(what, c -> {
      batch.write(c);
      return sessions.stream().map(JdbcSessionStore::next).toList();
    });
  }

  // The record as stored: at the next version.
  private static SessionRecord next(SessionRecord session) {
    return session.withVersion(session.version() + 1);
  }

  @Override
  public Optional<SessionRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return database.snapshot("read session " + key(tenant, id), c -> find(c, tenant, id));
  }

  private static Optional<SessionRecord> find(Connection c, String tenant, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, tenant);
      s.setString(2, id);
      return read(c, tenant, s).stream().findFirst();
    }
  }

  @Override
  public Set<String> existing(String tenant, Collection<String> ids) {
    requireNonNull(tenant, "tenant must not be null");
    List<String> asked = List.copyOf(requireNonNull(ids, "ids must not be null"));
    if (asked.isEmpty()) {
      return Set.of();
    }
    return database.snapshot("look up " + asked.size() + " session ids of tenant " + tenant,
        c -> SessionBatch.versions(c, tenant, asked).keySet());
  }

  @Override
  public List<SessionRecord> live(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return database.snapshot("read the live sessions of tenant " + tenant, c -> {
      Map<String, SessionRecord.Builder> builders;
      try (PreparedStatement s = c.prepareStatement(LIVE)) {
        s.setFetchSize(SessionChildren.FETCH_SIZE);
        s.setString(1, tenant);
        builders = rows(s);
      }
      SessionChildren.readLiveInto(c, tenant, builders);
      return builders.values().stream().map(SessionRecord.Builder::build).sorted(ARRIVAL).toList();
    });
  }

  @Override
  public Page<SessionRecord> query(SessionQuery query) {
    requireNonNull(query, "query must not be null");
    SessionQuerySql sql = SessionQuerySql.of(query, database.dialect(), text);
    return database.snapshot("query the sessions of tenant " + query.tenant(), c -> {
      database.dialect().planForArguments(c);
      try (PreparedStatement s = c.prepareStatement(sql.sql())) {
        sql.arguments().bind(s);
        List<SessionRecord> found = read(c, query.tenant(), s);
        if (found.size() <= query.limit()) {
          return new Page<>(found, null);
        }
        List<SessionRecord> page = found.subList(0, query.limit());
        return new Page<>(page, SessionQuerySql.cursor(query, page.get(page.size() - 1)));
      }
    });
  }

  // Runs a query of session rows, then reads their lists; keeps the query's order.
  private static List<SessionRecord> read(Connection c, String tenant, PreparedStatement query) throws SQLException {
    Map<String, SessionRecord.Builder> builders = rows(query);
    SessionChildren.readInto(c, tenant, builders);
    return builders.values().stream().map(SessionRecord.Builder::build).toList();
  }

  // Runs a query of session rows: their builders by id, in the query's order, without their lists.
  private static Map<String, SessionRecord.Builder> rows(PreparedStatement query) throws SQLException {
    Map<String, SessionRecord.Builder> builders = new LinkedHashMap<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        builders.put(rows.getString(2), SessionRow.read(rows));
      }
    }
    return builders;
  }

  @Override
  public Optional<SessionRecord> erase(String tenant, String id, Instant at) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    requireNonNull(at, "at must not be null");
    EpochNanos.of("at", at); // an instant the schema cannot hold fails here, before the transaction
    return database.transaction("erase session " + key(tenant, id), c -> {
      // Lock the row first, so that no save lands between reading the session and writing it.
      try (PreparedStatement s = c.prepareStatement(lock)) {
        s.setString(1, tenant);
        s.setString(2, id);
        try (ResultSet rows = s.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
        }
      }
      SessionRecord current = find(c, tenant, id).orElseThrow();
      if (current.erasedAt().isPresent()) {
        return Optional.of(current);
      }
      SessionRecord erased = current.erased(at);
      new SessionBatch(List.of(erased)).write(c);
      transcripts.remove(c, tenant, "= ?", new SqlArguments().add(id));
      return Optional.of(next(erased));
    });
  }

  @Override
  public int purgeClosedBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(cutoff, "cutoff must not be null");
    long before = EpochNanos.clamped(cutoff);
    return database.transaction("purge the sessions of tenant " + tenant + " closed before " + cutoff, c -> {
      transcripts.remove(c, tenant, CLOSED_BEFORE, new SqlArguments().add(tenant).add(before));
      try (PreparedStatement s = c.prepareStatement(PURGE)) {
        s.setString(1, tenant);
        s.setLong(2, before);
        return s.executeUpdate(); // the lists go with their session (ON DELETE CASCADE)
      }
    });
  }

  private static String key(String tenant, String id) {
    return tenant + "/" + id;
  }
}
