package dev.parley.storage.tck;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every store's kit shares: a fresh store per test, the instant the tests count from, and the
 * feature flags an implementation overrides to skip what it does not claim.
 *
 * <p>The kit creates one store per test, before the test's own {@code @BeforeEach} methods in
 * subclasses run; release resources in an {@code @AfterEach} of the subclass.
 *
 * @param <S> the store interface under test
 */
public abstract class StoreTck<S> {
  /** An arbitrary instant all the tests count from. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The store under test, made fresh for each test by {@link #createStore()}. */
  protected S store;

  /** Creates the kit; subclasses need a no-argument constructor, as JUnit requires. */
  protected StoreTck() {}

  /** Returns a fresh, empty store: called once before each test. */
  protected abstract S createStore();

  /**
   * Whether the store keeps every {@link Instant} (from year -1000000000 to 1000000000) exactly.
   * Override to return {@code false} for a store that keeps a narrower range, such as epoch
   * nanoseconds in a 64-bit integer (1677 to 2262); the far-instant tests are then skipped.
   */
  protected boolean supportsAllInstants() {
    return true;
  }

  @BeforeEach
  final void createStoreUnderTest() {
    store = createStore();
  }
}
