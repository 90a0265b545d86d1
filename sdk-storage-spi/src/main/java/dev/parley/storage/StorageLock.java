package dev.parley.storage;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The one lock all stores of an {@link InMemoryStorage} share, and whether the storage is closed.
 *
 * <p>One lock for every store keeps the couplings between them (a session and its transcript, a
 * contact and its sessions) atomic without ordering locks. A store's method runs its body under
 * {@link #read} or {@link #write}, and calls into another store only through that store's
 * package-private methods, which expect the write lock to be held already.
 */
final class StorageLock {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /** Runs {@code body} under the read lock. */
  <T> T read(Supplier<T> body) {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    try {
      checkOpen();
      return body.get();
    } finally {
      read.unlock();
    }
  }

  /** Runs {@code body} under the write lock. */
  <T> T write(Supplier<T> body) {
    ReentrantReadWriteLock.WriteLock write = lock.writeLock();
    write.lock();
    try {
      checkOpen();
      return body.get();
    } finally {
      write.unlock();
    }
  }

  /** Runs {@code body} under the write lock. */
  void write(Runnable body) {
    write(() -> {
      body.run();
      return null;
    });
  }

  /** How many threads wait for the lock. */
  int waiting() {
    return lock.getQueueLength();
  }

  /** Makes every later call fail; calling it again changes nothing. */
  void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the storage is closed: create a new one");
    }
  }
}
