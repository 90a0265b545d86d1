package dev.parley.storage.tck;

/**
 * A stored session held by a test as a concurrent writer would hold it: until {@link #close()}, a
 * write of that session waits. Made by {@link StorageTck#holdSession}.
 *
 * <p>Thread safety: {@link #waiting()} may be called from any thread; {@link #close()} from the
 * test's thread.
 */
public interface SessionHold extends AutoCloseable {
  /**
   * How many of the storage's writers wait for a lock now, on this session or on anything else
   * (such as a partition's fence): the tests wait for this to grow to see a write parked in flight.
   */
  int waiting();

  /** Lets the session go: the writes that waited for it go on. Closing again changes nothing. */
  @Override
  void close();
}
