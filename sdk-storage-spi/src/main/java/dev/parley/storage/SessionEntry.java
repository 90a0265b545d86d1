package dev.parley.storage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored session in the in-memory indexes: its sort key (arrival, then id), which never
 * changes while it is stored, and its current record, which each save replaces. Every index of a
 * tenant holds the same entry, so a save that changes no indexed value touches no index.
 *
 * <p>Thread safety: none; the storage's lock guards it.
 */
final class SessionEntry implements Comparable<SessionEntry> {
  final Instant arrivedAt;
  final String id;
  // null only in a probe, which no index holds
  @Nullable SessionRecord record;
  // set as a bulk removal takes it out of every index
  boolean removed;

  private SessionEntry(Instant arrivedAt, String id, @Nullable SessionRecord record) {
    this.arrivedAt = arrivedAt;
    this.id = id;
    this.record = record;
  }

  static SessionEntry of(SessionRecord record) {
    return new SessionEntry(record.arrivedAt(), record.id(), record);
  }

  /** A key to seek to in an index: {@code id ""} sorts before every session arriving at {@code at}. */
  static SessionEntry probe(Instant at, String id) {
    return new SessionEntry(at, id, null);
  }

  SessionRecord record() {
    SessionRecord r = record;
    if (r == null) {
      throw new IllegalStateException("a probe has no record");
    }
    return r;
  }

  @Override
  public int compareTo(SessionEntry o) {
    int c = arrivedAt.compareTo(o.arrivedAt);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return arrivedAt + "/" + id;
  }
}
