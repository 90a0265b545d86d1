/**
 * The storage TCK: abstract JUnit 5 contract tests that every implementation of the storage SPI
 * must pass.
 *
 * <p>It ships in the {@code parley-storage-spi} test jar ({@code <type>test-jar</type>}). To run
 * it against a whole {@link dev.parley.storage.Storage}, extend {@link
 * dev.parley.storage.tck.StorageTck} and implement its one factory method; it runs every store's
 * contract, and the ones between stores, as {@code @Nested} groups:
 *
 * <pre>{@code
 * class MyStorageTest extends StorageTck {
 *   @Override
 *   protected Storage createStorage() {
 *     return new MyStorage(freshEmptyDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>The single-store kits ({@link dev.parley.storage.tck.BlacklistStoreTck}, {@link
 * dev.parley.storage.tck.InvitationStoreTck}) test one store alone, the same way through {@code
 * createStore()}.
 *
 * <p>The kits use explicit instants only (no clocks, no sleeps), so they are deterministic.
 */
@NullMarked
package dev.parley.storage.tck;

import org.jspecify.annotations.NullMarked;
