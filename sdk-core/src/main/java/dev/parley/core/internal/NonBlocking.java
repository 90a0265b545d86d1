package dev.parley.core.internal;

/**
 * The threads that must never wait for a partition's writer: those a host marked (its I/O event
 * loops) and, while they deliver, the engine's delivery threads. A blocking read on one of them
 * would stall every connection of its loop, or wait for the writer while the writer waits for
 * delivery (back-pressure): it is refused instead.
 *
 * <p>Thread safety: each thread's mark is its own.
 */
public final class NonBlocking {
  /** How many reasons the thread has not to wait: a host's mark counts one, each delivery under way one. */
  private static final ThreadLocal<int[]> MARKS = ThreadLocal.withInitial(() -> new int[1]);

  private NonBlocking() {}

  /** Marks the calling thread, for good unless {@link #unmarkCurrentThread} takes it back. */
  public static void markCurrentThread() {
    MARKS.get()[0]++;
  }

  /** Whether the calling thread must not wait for a writer. */
  static boolean current() {
    return MARKS.get()[0] > 0;
  }

  /** Takes back one {@link #markCurrentThread} of the calling thread: a delivery's, once it is done. */
  static void unmarkCurrentThread() {
    MARKS.get()[0]--;
  }

  /**
   * Refuses a blocking read on a thread that must not wait.
   *
   * @throws IllegalStateException naming the read and the asynchronous one to use
   */
  public static void check(String read, String instead) {
    if (current()) {
      throw new IllegalStateException(read + " would wait for the engine's writer on " + Thread.currentThread().getName()
          + ", a thread that must never wait (an I/O event loop, or a listener's delivery): use " + instead);
    }
  }
}
