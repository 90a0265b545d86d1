package dev.parley.storage;

/**
 * A partition's fencing token: the partition a writer serves and the epoch at which it was given
 * the partition. The epoch moves on by one at every change of owner, so a writer that still holds
 * an older one no longer owns the partition, and the storage refuses what it writes ({@link
 * FencedWriteException}).
 *
 * <p>A writer gets its fence from {@link PartitionFences#advance} (or from a cluster's claim of the
 * partition) and writes through {@link Storage#fenced(PartitionFence)}:
 *
 * <pre>{@code
 * PartitionFence fence = storage.fences().advance(7);   // this writer owns partition 7 now
 * Storage mine = storage.fenced(fence);
 * mine.sessions().saveAll(records);                     // refused once partition 7 moves on
 * }</pre>
 *
 * @param partition the partition, 0 or more
 * @param epoch the epoch of the partition's owner that the writes are made under, 1 or more (a
 *     partition nobody has owned is at epoch 0, which no writer holds)
 */
public record PartitionFence(int partition, long epoch) {
  /**
   * Checks the fence.
   *
   * @throws IllegalArgumentException if {@code partition} is negative or {@code epoch} is below 1
   */
  public PartitionFence {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be 0 or more, was: " + partition);
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more (a writer's epoch comes from a claim), was: " + epoch);
    }
  }

  @Override
  public String toString() {
    return "partition " + partition + " at epoch " + epoch;
  }
}
