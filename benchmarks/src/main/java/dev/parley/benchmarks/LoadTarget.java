package dev.parley.benchmarks;

import dev.parley.core.Command;

/**
 * What {@link LatencyHarness} sends its commands to. It tells the {@link LatencyProbe} it was made
 * with when each command's answer arrives; closing it delivers every answer still on its way.
 *
 * <p>Thread safety: {@link #send} is called by one sender thread.
 */
interface LoadTarget extends AutoCloseable {
  /** Sends command {@code k}; returns without waiting for its answer. */
  void send(int k, Command command) throws InterruptedException;

  /** Delivers every answer still on its way, then stops. */
  @Override
  void close();
}
