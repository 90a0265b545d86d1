package dev.parley.benchmarks;

/**
 * One routing step's work, as every implementation under test does it: route an arrival of a
 * group to the least-utilized operator with room and count the session against him; end a session
 * and free the slot.
 */
interface Router {
  /** Routes an arrival of {@code group}; returns a handle of the session (any int), or -1 when nobody has room. */
  int arrive(int group);

  /** Ends the session with the handle {@code arrive} gave. */
  void end(int session);
}
