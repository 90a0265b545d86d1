/**
 * The storage SPI: what the engine remembers across restarts, and the interfaces a storage backend
 * implements to remember it.
 *
 * <p>The engine's routing state lives in memory; these stores are where it is written through to,
 * and where it is rebuilt from at start-up. A {@link dev.parley.storage.Storage} gathers every
 * store over one backend ({@link dev.parley.storage.InMemoryStorage} is the default for tests and
 * quick starts). Each store persists plain records (such as {@link
 * dev.parley.storage.SessionRecord}, {@link dev.parley.storage.MessageRecord}, {@link
 * dev.parley.storage.BlacklistEntry}) keyed by tenant; tenants never see each other's data.
 *
 * <p>Orders that the stores promise over text (ids, names, titles, tags) are those of {@link
 * java.lang.String#compareTo}, whatever a database's collation says, so that every storage lists
 * the same things in the same order. A storage proves it meets the contract by passing the TCK
 * ({@code dev.parley.storage.tck.StorageTck} in the test jar).
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li>it is thread-safe: the engine calls it from the writer threads of several partitions at
 *       once, and may read from other threads while it rebuilds its state;
 *   <li>it may block on I/O, because the engine calls it from its writer threads off the routing
 *       hot path, never from inside a routing decision;
 *   <li>a durable store has made a write durable when the call returns: the engine acknowledges
 *       the command that needed the write only after that.
 * </ul>
 */
@NullMarked
package dev.parley.storage;

import org.jspecify.annotations.NullMarked;
