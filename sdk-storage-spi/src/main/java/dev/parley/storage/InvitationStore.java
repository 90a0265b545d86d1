package dev.parley.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps each tenant's invitations: live ones so that a code still works after a
 * restart, ended ones until they are purged.
 *
 * <p>The engine writes an invitation through this store when it is made and again when it ends
 * (used, invalidated or expired), reads the valid ones back at start-up to rebuild its routing
 * state, and purges old ones from time to time. Invitations are keyed by {@code tenant + code};
 * tenants never see each other's invitations.
 *
 * <p>Threading: called by the engine's writer thread for the tenant in question (one writer per
 * partition of tenants), and during start-up by the thread that rebuilds the routing state. A
 * call may block on I/O: the writer makes it off the routing hot path, never from inside a routing
 * decision.
 *
 * <p>Durability: when the store is durable, a {@link #put} or {@link #purgeEndedBefore} has been
 * made durable by the time it returns; the engine acknowledges the command that needed it only
 * after that.
 *
 * <p>Failure: if a method throws (an unchecked exception: a backend that talks to the world, such
 * as a JDBC one, wraps its {@code SQLException} in a {@link StorageException}), the engine fails
 * the command that needed the write with that exception, and its in-memory routing state stays as
 * it was: an invitation that could not be stored is not handed out, one whose end could not be
 * stored stays valid. Callers rely on this, so an implementation throws only when the write has not
 * taken effect. Where it cannot tell (a connection lost during commit), retrying is safe: a
 * repeated {@code put} or {@code purgeEndedBefore} leaves the same contents.
 *
 * <p>Thread safety: implementations must be thread-safe, because the writers of several
 * partitions call the same store at once.
 */
public interface InvitationStore {
  /**
   * Stores {@code invitation}, replacing any invitation with the same tenant and code (which is how
   * an invitation's end is recorded).
   *
   * @throws NullPointerException if {@code invitation} is null
   */
  void put(InvitationRecord invitation);

  /**
   * Returns a tenant's invitation with {@code code}, ended or not, or empty if there is none.
   *
   * @throws NullPointerException if an argument is null
   */
  Optional<InvitationRecord> find(String tenant, String code);

  /**
   * Returns a tenant's invitations that are {@linkplain InvitationRecord#validAt valid at} {@code
   * now}, ordered by {@code createdAt}, then {@code code}; empty if there are none. The list is an
   * unmodifiable snapshot.
   *
   * @throws NullPointerException if an argument is null
   */
  List<InvitationRecord> valid(String tenant, Instant now);

  /**
   * Removes a tenant's invitations that stopped being valid before {@code cutoff}: those whose
   * {@code endedAt} is before it, and those whose {@code expiresAt} is before it, ended or not.
   * One that ended or expires exactly at {@code cutoff} is kept. The engine passes a cutoff no later
   * than the current instant, typically the current instant minus a retention period.
   *
   * @return how many invitations were removed
   * @throws NullPointerException if an argument is null
   */
  int purgeEndedBefore(String tenant, Instant cutoff);
}
