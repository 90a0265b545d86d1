package dev.parley.storage;

import dev.parley.storage.tck.StorageTck;

/** Runs the {@link StorageTck} against the reference implementation. */
class InMemoryStorageTest extends StorageTck {
  @Override
  protected Storage createStorage() {
    return new InMemoryStorage();
  }
}
