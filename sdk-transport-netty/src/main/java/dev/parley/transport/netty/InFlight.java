package dev.parley.transport.netty;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP requests being served, so that a shutdown can wait for them: once {@link
 * #drain()} is called, new requests are refused and the returned future completes when the last
 * request in flight is answered.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
final class InFlight {
  private final AtomicInteger count = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean draining;

  /** Counts a request in; false once draining, when it must be refused. */
  boolean enter() {
    count.incrementAndGet();
    if (draining) {
      exit();
      return false;
    }
    return true;
  }

  /** Counts a request out, once it is answered (or failed). */
  void exit() {
    if (count.decrementAndGet() == 0 && draining) {
      drained.complete(null);
    }
  }

  boolean draining() {
    return draining;
  }

  /** Refuses new requests; completes when none is left in flight. */
  CompletableFuture<Void> drain() {
    draining = true;
    if (count.get() == 0) {
      drained.complete(null);
    }
    return drained;
  }
}
