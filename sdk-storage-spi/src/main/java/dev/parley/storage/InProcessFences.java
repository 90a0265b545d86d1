package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The partitions' epochs of a storage that lives in this process, and the fence they put around
 * its writes: what PostgreSQL does with a row lock, done with a read-write lock per partition.
 *
 * <p>A fenced batch runs under the read lock of its partition ({@code FOR SHARE}): it checks the
 * epoch, then writes, and a change of owner cannot come between the two. {@link #advance} takes the
 * write lock ({@code FOR UPDATE}), so it waits for the batches in flight and the next ones see the
 * new epoch. Batches of one partition do not wait for each other.
 *
 * <p>Thread safety: safe for use by several threads at once; each partition's epoch is guarded by
 * its lock.
 */
final class InProcessFences implements PartitionFences {
  private final ConcurrentMap<Integer, Partition> partitions = new ConcurrentHashMap<>();

  private static final class Partition {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}. */
    long epoch;
  }

  @Override
  public long epoch(int partition) {
    Partition p = partition(partition);
    p.lock.readLock().lock();
    try {
      return p.epoch;
    } finally {
      p.lock.readLock().unlock();
    }
  }

  @Override
  public PartitionFence advance(int partition) {
    Partition p = partition(partition);
    p.lock.writeLock().lock();
    try {
      p.epoch++;
      return new PartitionFence(partition, p.epoch);
    } finally {
      p.lock.writeLock().unlock();
    }
  }

  /**
   * Runs {@code batch} if the fence's partition is at its epoch, holding the change of owner back
   * until it returns.
   *
   * @throws FencedWriteException if the partition is at another epoch; {@code batch} did not run
   */
  <T> T guard(PartitionFence fence, Supplier<T> batch) {
    Partition p = partition(fence.partition());
    p.lock.readLock().lock();
    try {
      if (p.epoch != fence.epoch()) {
        throw new FencedWriteException(fence, p.epoch);
      }
      return batch.get();
    } finally {
      p.lock.readLock().unlock();
    }
  }

  /** How many threads wait for a partition's lock: a batch behind a change of owner, or the reverse. */
  int waiting() {
    return partitions.values().stream().mapToInt(p -> p.lock.getQueueLength()).sum();
  }

  private Partition partition(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be 0 or more, was: " + partition);
    }
    return partitions.computeIfAbsent(partition, k -> new Partition());
  }

  /** A view of {@code storage} whose stores' every call is guarded by {@code fence}. */
  Storage view(Storage storage, PartitionFence fence) {
    return InProcessFencedStorage.of(storage, this, requireNonNull(fence, "fence must not be null"));
  }
}
