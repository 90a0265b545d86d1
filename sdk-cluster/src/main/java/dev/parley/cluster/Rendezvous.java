package dev.parley.cluster;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Placement without a leader: the preferred owner of a partition is the live node with the highest
 * weight h(partition, node) (rendezvous, or highest-random-weight, hashing). Every node computes
 * the same answer from the same live set, and a join or a departure moves only the partitions the
 * node gains or had: about P/N of them.
 *
 * <p>The weights depend only on the partition and the node id ({@link String#hashCode} is fixed by
 * the language), so they agree across JVMs and versions.
 */
final class Rendezvous {
  private Rendezvous() {}

  /** The weight of {@code node} for {@code partition}. */
  static long weight(int partition, String node) {
    return mix(node.hashCode() * 0x9E3779B97F4A7C15L + partition);
  }

  /** The node of {@code nodes} that {@code partition} prefers, or null when there is none. */
  static @Nullable String preferred(int partition, Collection<String> nodes) {
    String best = null;
    long bestWeight = 0;
    for (String node : nodes) {
      long w = weight(partition, node);
      // Ties (of different ids) go to the smaller id, so that every node picks the same one.
      if (best == null || w > bestWeight || (w == bestWeight && node.compareTo(best) < 0)) {
        best = node;
        bestWeight = w;
      }
    }
    return best;
  }

  /** The partition of {@code tenant} among {@code partitions}: a stable hash. */
  static int partitionOf(String tenant, int partitions) {
    return (int) Long.remainderUnsigned(mix(tenant.hashCode()), partitions);
  }

  // SplitMix64's finalizer: every input bit moves every output bit.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
