package dev.parley.storage;

import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps each tenant's blacklist: the clients it refuses, per channel.
 *
 * <p>The engine writes an entry through this store when a client is blocked or unblocked, and
 * reads every tenant's entries back at start-up to rebuild its routing state. Entries are keyed by
 * {@code tenant + channel + identifier}; tenants never see each other's entries.
 *
 * <p>Threading: called by the engine's writer thread for the tenant in question (one writer per
 * partition of tenants), and during start-up by the thread that rebuilds the routing state. A
 * call may block on I/O: the writer makes it off the routing hot path, never from inside a routing
 * decision.
 *
 * <p>Durability: when the store is durable, a {@link #put} or {@link #remove} has been made
 * durable by the time it returns; the engine acknowledges the block or unblock only after that.
 *
 * <p>Failure: if a method throws (an unchecked exception: a backend that talks to the world, such
 * as a JDBC one, wraps its {@code SQLException} in a {@link StorageException}), the engine fails
 * the command that needed the write with that exception, and its in-memory routing state stays as
 * it was: a block that could not be stored is not in force, an unblock that could not be stored
 * leaves the client blocked. Callers rely on this, so an implementation throws only when the write
 * has not taken effect. Where it cannot tell (a connection lost during commit), retrying is safe: a
 * repeated {@code put} or {@code remove} leaves the same contents.
 *
 * <p>Thread safety: implementations must be thread-safe, because the writers of several
 * partitions call the same store at once.
 */
public interface BlacklistStore {
  /**
   * Stores {@code entry}, replacing any entry with the same tenant, channel and identifier.
   *
   * @throws NullPointerException if {@code entry} is null
   */
  void put(BlacklistEntry entry);

  /**
   * Removes the entry for a tenant, channel and identifier.
   *
   * @return whether there was such an entry
   * @throws NullPointerException if an argument is null
   */
  boolean remove(String tenant, String channel, String identifier);

  /**
   * Returns the entry for a tenant, channel and identifier, or empty if that client is not blocked.
   *
   * @throws NullPointerException if an argument is null
   */
  Optional<BlacklistEntry> find(String tenant, String channel, String identifier);

  /**
   * Returns all of a tenant's entries ordered by {@code blockedAt}, then {@code channel}, then
   * {@code identifier}; empty if there are none. The list is an unmodifiable snapshot.
   *
   * @throws NullPointerException if {@code tenant} is null
   */
  List<BlacklistEntry> list(String tenant);
}
