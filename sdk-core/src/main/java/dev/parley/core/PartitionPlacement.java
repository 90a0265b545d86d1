package dev.parley.core;

/**
 * How a cluster places tenants in partitions, for an engine {@linkplain Parley.Builder#clustered
 * built clustered}: the engine then serves only the partitions it is {@linkplain
 * Parley#serve(dev.parley.storage.PartitionFence) given}, and refuses the commands of the others
 * with a {@link NotOwnerException}. Every node of a cluster must place alike.
 *
 * <p>Threading: called on any thread, often (once per command); it must not block. Thread safety:
 * implementations must be thread-safe and their answers fixed.
 */
public interface PartitionPlacement {
  /** How many partitions the cluster has, 1 or more. */
  int partitions();

  /** The partition of {@code tenant}: from 0 to {@link #partitions()} - 1, the same on every call. */
  int partitionOf(TenantId tenant);
}
