package dev.parley.storage;

import dev.parley.storage.tck.InvitationStoreTck;

/** Runs the {@link InvitationStoreTck} against the reference implementation. */
class InMemoryInvitationStoreTest extends InvitationStoreTck {
  @Override
  protected InvitationStore createStore() {
    return new InMemoryInvitationStore();
  }
}
