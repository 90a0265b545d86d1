package dev.parley.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Who serves a partition, as the {@link PartitionDirectory} knows it.
 *
 * @param node the owner's node id
 * @param incarnation the owner's incarnation: new at every start of the node
 * @param epoch the partition's epoch, the owner's fencing token
 * @param address where the owner takes requests, as it announced itself
 */
public record PartitionOwner(String node, long incarnation, long epoch, String address) {
  /** Checks the owner. */
  public PartitionOwner {
    requireNonNull(node, "node must not be null");
    requireNonNull(address, "address must not be null");
  }
}
