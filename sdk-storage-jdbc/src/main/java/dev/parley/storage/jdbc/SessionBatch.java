package dev.parley.storage.jdbc;

import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the records of a {@code save} or {@code saveAll} in the caller's transaction, with one JDBC
 * batch per statement for all of them (the stored versions read, the rows inserted, the rows
 * updated, the stored transitions read, each list's old rows deleted and new rows inserted): a
 * batch of sessions costs at most 15 round trips, not several for each session.
 *
 * <p>The records are written a tenant at a time, in the order given within a tenant; a session that
 * comes again (at its next version) starts a new round after the one that writes it first.
 */
final class SessionBatch {
  private final List<SessionRecord> records;
  private final Map<SessionRecord, Object[]> values = new IdentityHashMap<>();

  /**
   * Takes the records to store, each as {@link dev.parley.storage.SessionStore#save} would, and
   * converts their columns, so that an instant the schema cannot hold fails here, before anything
   * is written.
   *
   * @throws IllegalArgumentException if one holds an instant the schema cannot hold
   */
  SessionBatch(List<SessionRecord> records) {
    this.records = records;
    records.forEach(r -> values.put(r, SessionRow.values(r)));
  }

  /**
   * Writes the records in the transaction of {@code c}.
   *
   * @throws StaleWriteException if one of them is not at its stored version (0 when there is none)
   * @throws IllegalArgumentException if one of them drops or changes stored transitions
   */
  void write(Connection c) throws SQLException {
    for (List<SessionRecord> round : rounds(records)) {
      write(c, round.get(0).tenant(), round);
    }
  }

  // Splits the records into runs of one tenant in which no id comes twice.
  private static List<List<SessionRecord>> rounds(List<SessionRecord> records) {
    List<List<SessionRecord>> rounds = new ArrayList<>();
    Map<String, List<SessionRecord>> open = new LinkedHashMap<>();
    Map<String, Set<String>> ids = new HashMap<>();
    for (SessionRecord r : records) {
      if (!ids.computeIfAbsent(r.tenant(), t -> new HashSet<>()).add(r.id())) {
        rounds.add(open.remove(r.tenant()));
        ids.put(r.tenant(), new HashSet<>(Set.of(r.id())));
      }
      open.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r);
    }
    rounds.addAll(open.values());
    return rounds;
  }

  private void write(Connection c, String tenant, List<SessionRecord> round) throws SQLException {
    Map<String, Long> stored = versions(c, tenant, round.stream().map(SessionRecord::id).toList());
    Set<String> updated = new HashSet<>();
    for (SessionRecord r : round) {
      long version = stored.getOrDefault(r.id(), 0L);
      if (version != r.version()) {
        throw new StaleWriteException("session " + tenant + "/" + r.id(), r.version(), version);
      }
      if (version != 0) {
        updated.add(r.id());
      }
    }
    try (PreparedStatement insert = c.prepareStatement(SessionRow.INSERT);
        PreparedStatement update = c.prepareStatement(SessionRow.UPDATE)) {
      List<SessionRecord> updates = new ArrayList<>();
      for (SessionRecord r : round) {
        if (r.version() == 0) {
          insert.setString(1, tenant);
          insert.setString(2, r.id());
          insert.setLong(3, 1);
          SessionRow.bind(insert, 4, values.get(r));
          insert.addBatch();
        } else {
          update.setLong(1, r.version() + 1);
          int next = SessionRow.bind(update, 2, values.get(r));
          update.setString(next, tenant);
          update.setString(next + 1, r.id());
          update.setLong(next + 2, r.version());
          update.addBatch();
          updates.add(r);
        }
      }
      // A concurrent insert of the same id loses on the key; Database runs it again, and then the
      // versions read above show the winner's row.
      if (updates.size() < round.size()) {
        insert.executeBatch();
      }
      if (!updates.isEmpty()) {
        int[] counts = update.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) { // written by another since the versions were read
            SessionRecord r = updates.get(i);
            throw new StaleWriteException("session " + tenant + "/" + r.id(), r.version(), version(c, tenant, r.id()));
          }
        }
      }
    }
    SessionChildren.write(c, tenant, round, updated);
  }

  /** The stored versions of those of a tenant's sessions {@code ids} names that are stored. */
  static Map<String, Long> versions(Connection c, String tenant, List<String> ids) throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    ByIds.select(c, ByIds.select("parley_session", "id", "version", "version"), tenant, ids,
        rows -> versions.put(rows.getString(1), rows.getLong(2)));
    return versions;
  }

  private static long version(Connection c, String tenant, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SessionRow.VERSION)) {
      s.setString(1, tenant);
      s.setString(2, id);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }
}
