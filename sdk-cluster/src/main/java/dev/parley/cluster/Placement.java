package dev.parley.cluster;

import dev.parley.core.PartitionPlacement;
import dev.parley.core.TenantId;
import java.util.Map;

/**
 * Where the cluster places each tenant: in the partition it was {@linkplain
 * ClusterNode.Builder#place placed} in, else where a stable hash of its id puts it. The same on
 * every node configured alike; the engine of a {@link ParleyNode} places by it too.
 */
record Placement(int partitions, Map<String, Integer> placed) implements PartitionPlacement {
  int partitionOf(String tenant) {
    Integer p = placed.get(tenant);
    return p != null ? p : Rendezvous.partitionOf(tenant, partitions);
  }

  @Override
  public int partitionOf(TenantId tenant) {
    return partitionOf(tenant.value());
  }
}
