/**
 * Several Parley nodes sharing the partitions, with PostgreSQL as the arbiter: exactly one node
 * owns a partition at a time, and the storage refuses the writes of a node that no longer owns it.
 *
 * <p>Start at {@link dev.parley.cluster.ClusterNode}. Each node keeps a heartbeat in {@code
 * parley_node} (judged by PostgreSQL's clock, with a session advisory lock as the fast path for a
 * crash), claims and takes over partitions in {@code parley_partition} in one {@code SELECT ... FOR
 * UPDATE} transaction that moves the partition's epoch on and notifies the others, places them by
 * rendezvous hashing without a leader, hands them off after a join or before a shutdown, and stops
 * serving on its own when its heartbeat has not committed for a while. The epoch is the {@link
 * dev.parley.storage.PartitionFence} every batch of the partition's writer carries.
 */
@NullMarked
package dev.parley.cluster;

import org.jspecify.annotations.NullMarked;
