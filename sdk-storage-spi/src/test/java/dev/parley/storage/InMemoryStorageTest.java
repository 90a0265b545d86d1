package dev.parley.storage;

import dev.parley.storage.tck.SessionHold;
import dev.parley.storage.tck.StorageTck;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Runs the {@link StorageTck} against the reference implementation. */
class InMemoryStorageTest extends StorageTck {
  @Override
  protected Storage createStorage() {
    return new InMemoryStorage();
  }

  /** Holds the lock all the stores share, on a thread of its own, as a long write would. */
  @Override
  protected Optional<SessionHold> holdSession(String tenant, String id) {
    InMemoryStorage storage = (InMemoryStorage) storage();
    CompletableFuture<Void> held = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    Thread holder = new Thread(() -> storage.lock().write(() -> {
      held.complete(null);
      release.join();
    }), "holding " + tenant + "/" + id);
    holder.start();
    held.join();
    return Optional.of(new SessionHold() {
      @Override
      public int waiting() {
        return storage.lock().waiting() + storage.waitingOnFences();
      }

      @Override
      public void close() {
        release.complete(null);
        try {
          holder.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
  }
}
