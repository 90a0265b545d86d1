package dev.parley.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which live node serves each partition, as one node last read it from {@code parley_partition}:
 * refreshed on every change of owner it is notified of and at every heartbeat. A partition whose
 * owner is dead or that nobody owns has no owner here until it is taken over.
 *
 * <p>A snapshot: it may be behind the database by a heartbeat. The epoch fences writes; for
 * requests, an answer "not the owner" from the node named here is the cue to look again.
 *
 * <p>Thread safety: immutable.
 */
public final class PartitionDirectory {
  private final List<@Nullable PartitionOwner> owners;
  private final long[] epochs;

  PartitionDirectory(List<@Nullable PartitionOwner> owners, long[] epochs) {
    this.owners = Collections.unmodifiableList(new ArrayList<>(owners));
    this.epochs = epochs.clone();
  }

  /** A directory of {@code partitions} partitions nobody owns, before the first read. */
  static PartitionDirectory empty(int partitions) {
    return new PartitionDirectory(Collections.nCopies(partitions, null), new long[partitions]);
  }

  /** How many partitions the cluster has. */
  public int partitions() {
    return owners.size();
  }

  /**
   * The live node that serves {@code partition}, or empty if none does now.
   *
   * @throws IndexOutOfBoundsException if {@code partition} is not one of the cluster's
   */
  public Optional<PartitionOwner> owner(int partition) {
    return Optional.ofNullable(owners.get(partition));
  }

  /**
   * The partition's epoch: 0 if nobody has ever owned it.
   *
   * @throws IndexOutOfBoundsException if {@code partition} is not one of the cluster's
   */
  public long epoch(int partition) {
    return epochs[partition];
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("PartitionDirectory[");
    for (int p = 0; p < owners.size(); p++) {
      PartitionOwner o = owners.get(p);
      s.append(p == 0 ? "" : ", ").append(p).append('=').append(o == null ? "-" : o.node()).append('@').append(epochs[p]);
    }
    return s.append(']').toString();
  }
}
