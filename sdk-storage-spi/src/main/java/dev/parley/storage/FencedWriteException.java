package dev.parley.storage;

/**
 * A write was made under a {@link PartitionFence} whose epoch is no longer the partition's: the
 * partition has had another owner since, so this writer must stop serving it. Nothing of the write
 * took effect.
 *
 * <p>It is a {@link StaleWriteException} whose key names the partition, whose expected version is
 * the writer's epoch and whose actual version the partition's. Unlike a stale record, reading again
 * and redoing the change does not help: the writer lost the partition, and the new owner rebuilds
 * its state from storage. Code that retries stale writes must let this one through.
 *
 * <p>Thread safety: immutable once thrown, like any exception.
 */
public final class FencedWriteException extends StaleWriteException {
  private static final long serialVersionUID = 1L;

  private final int partition;

  /**
   * Creates the exception.
   *
   * @param fence the fence the write was made under
   * @param currentEpoch the partition's epoch now (0 when nobody has owned the partition)
   */
  public FencedWriteException(PartitionFence fence, long currentEpoch) {
    super("partition " + fence.partition(), fence.epoch(), currentEpoch,
        "a write under " + fence + " was refused: the partition is at epoch " + currentEpoch
            + ", so another node owns it now; stop serving the partition and let its owner rebuild it");
    this.partition = fence.partition();
  }

  /** The partition written to. */
  public int partition() {
    return partition;
  }

  /** The epoch the write was made under. */
  public long heldEpoch() {
    return expectedVersion();
  }

  /** The partition's epoch when the write was refused (0 when nobody has owned the partition). */
  public long currentEpoch() {
    return actualVersion();
  }
}
