package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.OutboxRecord;
import dev.parley.storage.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link OutboxStore} in {@code parley_outbox}, numbered per tenant from {@code
 * parley_outbox_counter}, with consumers' cursors in {@code parley_outbox_cursor}.
 *
 * <p>Thread safety: safe for use by several threads at once. An append moves its tenant's counter
 * in its own transaction, so appends of one tenant queue on the counter's row and commit in the
 * order of their numbers: a consumer that has read up to a number never finds a smaller one
 * appear later. Appends for several tenants take the counters in tenant order, so two of them
 * never wait on each other.
 */
final class JdbcOutboxStore implements OutboxStore {
  private static final String ADVANCE = "UPDATE parley_outbox_counter SET last_seq = last_seq + ? WHERE tenant = ?";
  private static final String START = "INSERT INTO parley_outbox_counter (tenant, last_seq) VALUES (?, ?)";
  private static final String LAST = "SELECT last_seq FROM parley_outbox_counter WHERE tenant = ?";
  private static final String APPEND = "INSERT INTO parley_outbox (tenant, seq, event_type, session_id, at_nanos, payload)"
      + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String AFTER = "SELECT tenant, seq, event_type, session_id, at_nanos, payload FROM parley_outbox"
      + " WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?";
  private static final String FIRST_AT = "SELECT MIN(seq) FROM parley_outbox WHERE tenant = ? AND at_nanos >= ?";
  private static final Upsert SAVE_CURSOR = Upsert.into("parley_outbox_cursor")
      .key("tenant", "VARCHAR").key("consumer", "VARCHAR").replace("seq", "BIGINT");
  private static final String CURSOR = "SELECT seq FROM parley_outbox_cursor WHERE tenant = ? AND consumer = ?";
  private static final String PURGE = "DELETE FROM parley_outbox WHERE tenant = ? AND at_nanos < ?";
  private static final String ERASE = "DELETE FROM parley_outbox WHERE tenant = ? AND session_id = ?";

  private final Database database;
  private final String saveCursor;

  JdbcOutboxStore(Database database) {
    this.database = database;
    this.saveCursor = database.dialect().upsert(SAVE_CURSOR);
  }

  @Override
  public List<OutboxRecord> append(List<OutboxRecord> records) {
    requireNonNull(records, "records must not be null");
    List<OutboxRecord> list = List.copyOf(records);
    long[] at = new long[list.size()];
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      at[i] = EpochNanos.of("at", list.get(i).at());
      counts.merge(list.get(i).tenant(), 1, Integer::sum);
    }
    if (list.isEmpty()) {
      return List.of();
    }
    return database.transaction("append " + list.size() + " outbox records", c -> {
      Map<String, Long> next = new TreeMap<>();
      for (Map.Entry<String, Integer> count : counts.entrySet()) {
        next.put(count.getKey(), reserve(c, count.getKey(), count.getValue()));
      }
      List<OutboxRecord> stored = new ArrayList<>(list.size());
      try (PreparedStatement s = c.prepareStatement(APPEND)) {
        for (int i = 0; i < list.size(); i++) {
          OutboxRecord r = list.get(i);
          long seq = next.merge(r.tenant(), 1L, Long::sum) - 1;
          s.setString(1, r.tenant());
          s.setLong(2, seq);
          s.setString(3, r.type());
          s.setString(4, r.session());
          s.setLong(5, at[i]);
          s.setString(6, r.payload());
          s.addBatch();
          stored.add(new OutboxRecord(r.tenant(), seq, r.type(), r.session(), r.at(), r.payload()));
        }
        s.executeBatch();
      }
      return List.copyOf(stored);
    });
  }

  // Moves the tenant's counter on by count; returns the first number reserved.
  private static long reserve(Connection c, String tenant, int count) throws SQLException {
    boolean moved;
    try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
      s.setLong(1, count);
      s.setString(2, tenant);
      moved = s.executeUpdate() > 0;
    }
    if (!moved) {
      // The tenant's first append. Two at once collide on the key; Database runs the loser again.
      try (PreparedStatement s = c.prepareStatement(START)) {
        s.setString(1, tenant);
        s.setLong(2, count);
        s.executeUpdate();
      }
    }
    return last(c, tenant) - count + 1;
  }

  private static long last(Connection c, String tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LAST)) {
      s.setString(1, tenant);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  @Override
  public List<OutboxRecord> after(String tenant, long afterSeq, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return List.copyOf(database.list("read the outbox of tenant " + tenant + " after " + afterSeq, AFTER,
        rows -> new OutboxRecord(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
            EpochNanos.toInstant(rows.getLong(5)), rows.getString(6)),
        tenant, afterSeq, limit));
  }

  /**
   * {@inheritDoc}
   *
   * <p>When no record is at or after {@code at}, returns the number the next append will get: a
   * replay from there starts with what comes next.
   */
  @Override
  public long firstAtOrAfter(String tenant, Instant at) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(at, "at must not be null");
    long from = EpochNanos.clamped(at);
    return database.snapshot("find the outbox record of tenant " + tenant + " at " + at, c -> {
      try (PreparedStatement s = c.prepareStatement(FIRST_AT)) {
        s.setString(1, tenant);
        s.setLong(2, from);
        try (ResultSet rows = s.executeQuery()) {
          rows.next();
          long first = rows.getLong(1);
          return rows.wasNull() ? last(c, tenant) + 1 : first;
        }
      }
    });
  }

  @Override
  public void saveCursor(String tenant, String consumer, long seq) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(consumer, "consumer must not be null");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, was: " + seq);
    }
    database.update("store the outbox cursor of " + tenant + "/" + consumer, saveCursor, tenant, consumer, seq);
  }

  @Override
  public long cursor(String tenant, String consumer) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(consumer, "consumer must not be null");
    return database.list("read the outbox cursor of " + tenant + "/" + consumer, CURSOR, rows -> rows.getLong(1),
        tenant, consumer).stream().findFirst().orElse(0L);
  }

  @Override
  public int purgeBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(cutoff, "cutoff must not be null");
    return database.update("purge the outbox of tenant " + tenant + " before " + cutoff, PURGE,
        tenant, EpochNanos.clamped(cutoff));
  }

  @Override
  public int eraseSessions(String tenant, Collection<String> sessions) {
    requireNonNull(tenant, "tenant must not be null");
    List<String> erased = List.copyOf(requireNonNull(sessions, "sessions must not be null"));
    return database.transaction("erase the outbox records of " + erased.size() + " sessions of tenant " + tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(ERASE)) {
        for (String session : erased) {
          s.setString(1, tenant);
          s.setString(2, session);
          s.addBatch();
        }
        int removed = 0;
        for (int n : s.executeBatch()) {
          removed += n;
        }
        return removed;
      }
    });
  }
}
