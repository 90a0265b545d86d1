package dev.parley.storage.jdbc;

import dev.parley.storage.RecordingRef;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's lists in their child tables: transitions (append-only), tags, parameters, notes,
 * collaborators and recordings. Written in the transaction that writes the session's row, read
 * in the snapshot that reads it.
 */
final class SessionChildren {
  /** A B-tree entry is limited in size; values are indexed by this many leading characters. */
  static final int VALUE_PREFIX = 200;

  /** Rows fetched per round trip when reading many (PostgreSQL streams them in a transaction). */
  static final int FETCH_SIZE = 1_000;

  static final SessionChild<SessionTransition> TRANSITIONS = new SessionChild<>(
      "parley_session_transition", "at_nanos, status, actor, reason, group_id, operator_id",
      SessionRecord::transitions,
      (s, t) -> {
        s.setLong(4, EpochNanos.of("transition at", t.at()));
        s.setString(5, t.status().name());
        s.setString(6, t.actor());
        s.setString(7, t.reason());
        s.setString(8, t.group());
        s.setString(9, t.operator());
      },
      rows -> new SessionTransition(EpochNanos.toInstant(rows.getLong(2)), SessionStatus.valueOf(rows.getString(3)),
          rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)),
      (b, list) -> list.forEach(b::transition));

  private static final SessionChild<String> TAGS = new SessionChild<>(
      "parley_session_tag", "tag",
      r -> List.copyOf(r.tags()),
      (s, tag) -> s.setString(4, tag),
      rows -> rows.getString(2),
      (b, list) -> list.forEach(b::tag));

  private static final SessionChild<Map.Entry<String, String>> PARAMETERS = new SessionChild<>(
      "parley_session_parameter", "name, value_prefix, value_text",
      r -> List.copyOf(r.parameters().entrySet()),
      (s, p) -> {
        s.setString(4, p.getKey());
        s.setString(5, valuePrefix(p.getValue()));
        s.setString(6, p.getValue());
      },
      rows -> Map.entry(rows.getString(2), rows.getString(4)),
      (b, list) -> list.forEach(p -> b.parameter(p.getKey(), p.getValue())));

  private static final SessionChild<SessionNote> NOTES = new SessionChild<>(
      "parley_session_note", "at_nanos, author, body",
      SessionRecord::notes,
      (s, n) -> {
        s.setLong(4, EpochNanos.of("note at", n.at()));
        s.setString(5, n.author());
        s.setString(6, n.text());
      },
      rows -> new SessionNote(EpochNanos.toInstant(rows.getLong(2)), rows.getString(3), rows.getString(4)),
      (b, list) -> list.forEach(b::note));

  private static final SessionChild<String> COLLABORATORS = new SessionChild<>(
      "parley_session_collaborator", "operator_id",
      SessionRecord::collaborators,
      (s, operator) -> s.setString(4, operator),
      rows -> rows.getString(2),
      SessionRecord.Builder::collaborators);

  private static final SessionChild<RecordingRef> RECORDINGS = new SessionChild<>(
      "parley_session_recording", "started_at_nanos, length_nanos, uri",
      SessionRecord::recordings,
      (s, r) -> {
        s.setLong(4, EpochNanos.of("recording startedAt", r.startedAt()));
        s.setLong(5, lengthNanos(r.length()));
        s.setString(6, r.uri());
      },
      rows -> new RecordingRef(EpochNanos.toInstant(rows.getLong(2)), Duration.ofNanos(rows.getLong(3)),
          rows.getString(4)),
      (b, list) -> list.forEach(b::recording));

  /** The lists a save replaces as a whole. */
  private static final List<SessionChild<?>> REPLACED = List.of(TAGS, PARAMETERS, NOTES, COLLABORATORS, RECORDINGS);

  private static final List<SessionChild<?>> ALL =
      List.of(TRANSITIONS, TAGS, PARAMETERS, NOTES, COLLABORATORS, RECORDINGS);

  private SessionChildren() {}

  /**
   * Writes the lists of one tenant's sessions whose rows were just written, with one JDBC batch per
   * statement for all of them: appends their new transitions, and replaces each other list that
   * differs from the stored one (most saves change one list or none).
   *
   * @param updated the ids of those stored before (the others are new: nothing to compare or delete)
   * @throws IllegalArgumentException if the stored transitions of one do not begin the record's
   */
  static void write(Connection c, String tenant, List<SessionRecord> sessions, Set<String> updated)
      throws SQLException {
    List<String> ids = List.copyOf(updated);
    Map<String, List<SessionTransition>> stored = read(c, tenant, ids, TRANSITIONS);
    for (SessionRecord session : sessions) {
      List<SessionTransition> before = stored.getOrDefault(session.id(), List.of());
      List<SessionTransition> after = session.transitions();
      if (before.size() > after.size() || !after.subList(0, before.size()).equals(before)) {
        throw new IllegalArgumentException("session " + tenant + "/" + session.id()
            + " has transitions that do not continue the " + before.size()
            + " stored ones; transitions are append-only: read the session again and add to its list");
      }
    }
    TRANSITIONS.insert(c, sessions, session -> stored.getOrDefault(session.id(), List.of()).size());
    for (SessionChild<?> child : REPLACED) {
      replace(c, tenant, sessions, ids, child);
    }
  }

  private static <T> void replace(Connection c, String tenant, List<SessionRecord> sessions, List<String> updated,
      SessionChild<T> child) throws SQLException {
    Map<String, List<T>> stored = read(c, tenant, updated, child);
    List<SessionRecord> changed = sessions.stream()
        .filter(s -> !child.items().apply(s).equals(stored.getOrDefault(s.id(), List.of())))
        .toList();
    child.delete(c, tenant, changed.stream().map(SessionRecord::id).filter(stored::containsKey).toList());
    child.insert(c, changed, session -> 0);
  }

  /** Reads the lists of a tenant's sessions into their builders (keyed by session id). */
  static void readInto(Connection c, String tenant, Map<String, SessionRecord.Builder> builders) throws SQLException {
    List<String> ids = List.copyOf(builders.keySet());
    for (SessionChild<?> child : ALL) {
      readInto(c, tenant, ids, child, builders);
    }
  }

  /**
   * Reads the lists of all of a tenant's live sessions into their builders (keyed by session id),
   * which must hold them all: one join per list, streamed, however many sessions are live.
   */
  static void readLiveInto(Connection c, String tenant, Map<String, SessionRecord.Builder> builders)
      throws SQLException {
    for (SessionChild<?> child : ALL) {
      readLiveInto(c, tenant, child, builders);
    }
  }

  private static <T> void readInto(Connection c, String tenant, List<String> ids, SessionChild<T> child,
      Map<String, SessionRecord.Builder> builders) throws SQLException {
    read(c, tenant, ids, child).forEach((id, items) -> child.apply().accept(builders.get(id), items));
  }

  private static <T> void readLiveInto(Connection c, String tenant, SessionChild<T> child,
      Map<String, SessionRecord.Builder> builders) throws SQLException {
    readLive(c, tenant, child).forEach((id, items) -> child.apply().accept(builders.get(id), items));
  }

  private static <T> Map<String, List<T>> read(Connection c, String tenant, List<String> ids, SessionChild<T> child)
      throws SQLException {
    Map<String, List<T>> items = new HashMap<>();
    int seq = child.seqColumn();
    ByIds.select(c, child.select(), tenant, ids, rows -> collect(child, rows, seq, items));
    return items;
  }

  private static <T> Map<String, List<T>> readLive(Connection c, String tenant, SessionChild<T> child)
      throws SQLException {
    Map<String, List<T>> items = new HashMap<>();
    int seq = child.seqColumn();
    try (PreparedStatement s = c.prepareStatement(child.selectLive())) {
      s.setFetchSize(FETCH_SIZE);
      s.setString(1, tenant);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          collect(child, rows, seq, items);
        }
      }
    }
    return items;
  }

  // Puts an item at its place in its session's list, whatever order the rows come in.
  private static <T> void collect(SessionChild<T> child, ResultSet rows, int seqColumn, Map<String, List<T>> items)
      throws SQLException {
    List<T> list = items.computeIfAbsent(rows.getString(1), id -> new ArrayList<>());
    int seq = rows.getInt(seqColumn);
    while (list.size() <= seq) {
      list.add(null); // seq counts from 0 without gaps: each place is filled
    }
    list.set(seq, child.reader().read(rows));
  }

  /** The first {@link #VALUE_PREFIX} characters of {@code value}, never ending inside a surrogate pair. */
  static String valuePrefix(String value) {
    if (value.length() <= VALUE_PREFIX) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(VALUE_PREFIX - 1)) ? VALUE_PREFIX - 1 : VALUE_PREFIX;
    return value.substring(0, end);
  }

  private static long lengthNanos(Duration length) {
    try {
      return length.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a recording's length must be under 292 years to be stored, was: " + length, e);
    }
  }
}
