package dev.parley.core;

/**
 * The tenant's partition is not served by this node now: another node of the cluster owns it, or
 * it is moving. The command changed nothing here; send it to the partition's owner (the cluster's
 * directory names it) or retry after a moment.
 */
public final class NotOwnerException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final int partition;

  public NotOwnerException(int partition) {
    super("this node does not serve partition " + partition + " now: send the command to the partition's owner"
        + " (the cluster's directory names it) or retry after a moment");
    this.partition = partition;
  }

  /** The partition that is not served here. */
  public int partition() {
    return partition;
  }
}
