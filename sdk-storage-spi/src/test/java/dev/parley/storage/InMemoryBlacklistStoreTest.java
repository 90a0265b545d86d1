package dev.parley.storage;

import dev.parley.storage.tck.BlacklistStoreTck;

/** Runs the {@link BlacklistStoreTck} against the reference implementation. */
class InMemoryBlacklistStoreTest extends BlacklistStoreTck {
  @Override
  protected BlacklistStore createStore() {
    return new InMemoryBlacklistStore();
  }
}
