/**
 * The storage TCK: abstract JUnit 5 contract tests that every implementation of the storage SPI
 * must pass.
 *
 * <p>It ships in the {@code parley-storage-spi} test jar ({@code <type>test-jar</type>}). To run
 * it against a storage, extend a kit and implement its one factory method:
 *
 * <pre>{@code
 * class MyBlacklistStoreTest extends BlacklistStoreTck {
 *   @Override
 *   protected BlacklistStore createStore() {
 *     return new MyBlacklistStore(freshEmptyDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>The kits use explicit instants only (no clocks, no sleeps), so they are deterministic.
 */
@NullMarked
package dev.parley.storage.tck;

import org.jspecify.annotations.NullMarked;
