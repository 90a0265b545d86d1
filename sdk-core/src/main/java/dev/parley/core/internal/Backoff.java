package dev.parley.core.internal;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.StorageException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pauses between attempts at a failing storage, taken as passing (a database restarting, a
 * network blip): 10 ms, doubling up to 2 s, for as long as the engine runs. One instance serves
 * one piece of work until it succeeds.
 *
 * <p>Concurrency: confined to the thread doing the work.
 */
final class Backoff {
  private static final Logger log = LoggerFactory.getLogger(Backoff.class);
  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long MAX_PAUSE_MILLIS = 2_000;

  private final BooleanSupplier stopping;
  private long pause = FIRST_PAUSE_MILLIS;

  /** @param stopping whether the engine is closing, when no more attempts are made */
  Backoff(BooleanSupplier stopping) {
    this.stopping = stopping;
  }

  /**
   * Waits before the next attempt after {@code failure}.
   *
   * @param lost what is lost if the engine gives up now, for the message
   * @throws StorageException if the engine is closing or the thread was interrupted, or {@code
   *     failure} itself if it is a {@link FencedWriteException}
   */
  void pause(StorageException failure, String lost) {
    if (failure instanceof FencedWriteException fenced) {
      throw fenced; // another node owns the partition now: no attempt can succeed, and none may
    }
    if (stopping.getAsBoolean()) {
      throw new StorageException("the engine closed while its storage was failing; " + lost, failure);
    }
    log.warn("storage failed; retrying in {} ms", pause, failure);
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to retry the storage", e);
    }
    pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
  }
}
