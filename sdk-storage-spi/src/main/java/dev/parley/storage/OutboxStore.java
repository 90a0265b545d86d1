package dev.parley.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The durable outbox: events are appended in the same write as the state they describe, and
 * delivered from here at least once, each consumer (a webhook subscription) moving its own
 * cursor forward.
 *
 * <p>Threading, durability and failure: as for {@link SessionStore}. Thread safety:
 * implementations must be thread-safe.
 */
public interface OutboxStore {
  /**
   * Appends events, atomically; the store assigns each its {@code seq} (ignoring the one given):
   * 1 for a tenant's first record, then one more for each next one, in the order given, never
   * reused, not even after the records are purged.
   *
   * @return the records as stored, with their sequence numbers, in the same order
   */
  List<OutboxRecord> append(List<OutboxRecord> records);

  /**
   * A tenant's records after {@code afterSeq}, in sequence order.
   *
   * @param limit how many at most, 1 or more
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  List<OutboxRecord> after(String tenant, long afterSeq, int limit);

  /**
   * The lowest sequence number of the tenant's records whose {@code at} is at or after {@code
   * at}, to replay from; when there is none, the number the tenant's next record will get (1 for a
   * tenant without records), so that {@code after(result - 1, n)} replays exactly those records.
   */
  long firstAtOrAfter(String tenant, Instant at);

  /**
   * Stores how far a consumer got: the last sequence number it has delivered (replacing what was
   * stored, so a consumer may move back to replay).
   *
   * @throws IllegalArgumentException if {@code seq} is negative
   */
  void saveCursor(String tenant, String consumer, long seq);

  /** How far a consumer got; 0 when it has not started. */
  long cursor(String tenant, String consumer);

  /** Removes a tenant's records whose {@code at} is before {@code cutoff}; returns how many. */
  int purgeBefore(String tenant, Instant cutoff);

  /**
   * Removes a tenant's records that concern any of {@code sessions}, as {@link
   * Storage#eraseClient} erases a client: their payloads carry what the client said and who he
   * is. The sequence numbers they had are never reused; consumers pass over them.
   *
   * @return how many records were removed
   */
  int eraseSessions(String tenant, Collection<String> sessions);
}
