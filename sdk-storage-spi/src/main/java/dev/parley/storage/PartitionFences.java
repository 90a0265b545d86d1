package dev.parley.storage;

/**
 * The partitions' epochs, as a {@link Storage} keeps them to refuse the writes of a writer that no
 * longer owns its partition (see {@link PartitionFence}).
 *
 * <p>A writer holds a fence; every batch it persists through {@link Storage#fenced} first checks,
 * atomically with the batch, that the partition is still at the fence's epoch. {@link #advance}
 * moves the epoch on after every batch under the old epoch has finished, so a batch either
 * committed before the change of owner or is refused: none lands after it.
 *
 * <p>Threading: called by whatever hands partitions to writers (a cluster's claims, a test); a call
 * may block on I/O, and {@link #advance} waits for the batches in flight under the old epoch.
 *
 * <p>Thread safety: implementations must be thread-safe.
 */
public interface PartitionFences {
  /**
   * The partition's epoch now: 0 when nobody has owned it.
   *
   * @throws IllegalArgumentException if {@code partition} is negative
   */
  long epoch(int partition);

  /**
   * Moves the partition's epoch on by one, for a new owner, once every fenced batch in flight under
   * the old epoch has finished, and returns the new owner's fence.
   *
   * @throws IllegalArgumentException if {@code partition} is negative
   */
  PartitionFence advance(int partition);
}
