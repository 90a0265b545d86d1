package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the engine keeps sessions: each one's state and history while it is live, and for as long
 * as the tenant's retention allows after it closes. The history the administrators search is
 * {@link #query}.
 *
 * <p>The engine saves a session each time it moves or gains something (a tag, a note, a result),
 * reads the live ones back at start-up to rebuild its routing state, and erases or purges on
 * request. Sessions are keyed by {@code tenant + id}.
 *
 * <p>Optimistic concurrency: {@link #save} takes a record at the version it was read at and
 * rejects it with a {@link StaleWriteException} when the stored version has moved on, so a stale
 * writer never overwrites a newer state.
 *
 * <p>An id names one session for as long as the store keeps it, live or closed: a new session
 * (version 0) under an id that is stored is rejected, never laid over the stored one. An id is
 * free again only once its session is {@linkplain #purgeClosedBefore purged}. The engine asks
 * {@link #existing} before it lets a command start a session under an id it does not know.
 *
 * <p>Threading: called by the engine's writer threads and by the threads of the administrators'
 * requests (queries, exports, erasure). A call may block on I/O.
 *
 * <p>Durability: when the store is durable, a write has been made durable by the time it returns.
 *
 * <p>Failure: a method throws only when its write has not taken effect (see {@link
 * StorageException}); a {@code save} that failed may be retried with the same record.
 *
 * <p>Thread safety: implementations must be thread-safe.
 */
public interface SessionStore {
  /**
   * Stores {@code session} and returns it at its new version: version 0 inserts a new session,
   * any other version replaces the stored one if that is still at this version. Transitions are
   * append-only: the stored ones must begin the new list. The version is checked first.
   *
   * @return the record as stored: equal to {@code session} but at {@code version + 1}
   * @throws StaleWriteException if version 0 names a session that exists, live or closed (its
   *     {@linkplain StaleWriteException#expectedVersion() expected version} is then 0 and its
   *     {@linkplain StaleWriteException#actualVersion() actual version} the stored one), or a
   *     version is not the stored one (0 when there is none); nothing is written
   * @throws IllegalArgumentException if the record drops or changes stored transitions; nothing
   *     is written
   */
  SessionRecord save(SessionRecord session);

  /**
   * Stores several sessions at once, each as {@link #save} would, in turn (the same session may
   * come twice, at successive versions), and atomically: either all are stored or none.
   *
   * @return the records as stored, in the same order
   * @throws StaleWriteException if any of them is stale (nothing is written)
   * @throws IllegalArgumentException if any of them drops or changes stored transitions (nothing
   *     is written)
   */
  List<SessionRecord> saveAll(List<SessionRecord> sessions);

  /** Returns a tenant's session, or empty if there is none. */
  Optional<SessionRecord> find(String tenant, String id);

  /**
   * Returns those of {@code ids} under which {@code tenant} has a session stored, live or closed:
   * the ids a new session cannot take. The engine asks once per pass of a writer, for all the ids
   * its commands would start sessions under, so a store that talks to a database should answer in
   * one round trip; the default asks {@link #find} for each id.
   *
   * @return the stored ones among {@code ids}, in no particular order; empty if none is stored
   */
  default Set<String> existing(String tenant, Collection<String> ids) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(ids, "ids must not be null");
    Set<String> stored = new HashSet<>();
    for (String id : ids) {
      if (find(tenant, id).isPresent()) {
        stored.add(id);
      }
    }
    return stored;
  }

  /**
   * Returns a tenant's {@linkplain SessionStatus#live() live} sessions, in the order they arrived
   * ({@code arrivalSeq}, then id): what the engine rebuilds its routing state from.
   */
  List<SessionRecord> live(String tenant);

  /**
   * Returns one page of the sessions that match {@code query}, in its order (see {@link
   * SessionQuery} for what each filter matches and how cursors work). The page's cursor is null
   * when no matching session follows it.
   *
   * @throws IllegalArgumentException if the query's cursor did not come from this store and a
   *     query with the same tenant, filters and order
   * @throws UnsupportedOperationException if the query has {@linkplain SessionQuery#words() words}
   *     and the storage cannot search transcripts
   */
  Page<SessionRecord> query(SessionQuery query);

  /**
   * Erases a session's personal data: the record becomes {@link SessionRecord#erased(Instant)}
   * (at the next version) and its transcript is removed from the {@link TranscriptStore} of the
   * same storage, atomically. Erasing an erased session changes nothing (not even the version).
   *
   * @return the erased record as stored, or empty if there is no such session
   */
  Optional<SessionRecord> erase(String tenant, String id, Instant at);

  /**
   * Removes a tenant's sessions whose {@code closedAt} is before {@code cutoff} (one closed at
   * the cutoff stays), with their transcripts. Live sessions are never purged.
   *
   * @return how many sessions were removed
   */
  int purgeClosedBefore(String tenant, Instant cutoff);
}
