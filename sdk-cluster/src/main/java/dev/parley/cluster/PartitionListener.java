package dev.parley.cluster;

import dev.parley.storage.PartitionFence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a node does when it gains or gives up a partition: typically start the partition's writer
 * with the fence (rebuilding its state from storage), and stop it.
 *
 * <p>Threading: the node calls its listener on its {@linkplain ClusterNode.Builder#listenerExecutor
 * listener executor}, one call at a time, in the order the changes happened, never on its control
 * thread; a call may block (a rebuild takes its time in {@link #acquired}), which delays the
 * listener's later calls but not the node's heartbeats. A call that throws is logged at {@code
 * warn} and the node carries on: the partition stays as the node decided (a failed {@link
 * #draining} counts as drained).
 *
 * <p>Writes under a fence the node has given up are refused by the storage whatever the listener
 * does; the listener keeps reads and pushes honest.
 *
 * <p>Thread safety: implementations are called from one thread at a time.
 */
public interface PartitionListener {
  /** A listener that does nothing: the node just keeps the directory. */
  PartitionListener NONE = new PartitionListener() {};

  /**
   * The node owns the partition now, at the fence's epoch: rebuild it from storage and serve it,
   * persisting through {@code storage.fenced(fence)}.
   */
  default void acquired(PartitionFence fence) {}

  /**
   * The node is handing the partition off (another node is preferred after a join, or this node
   * shuts down): stop taking its commands, store what is pending, and complete the stage once
   * nothing more will be written under the fence. The node then releases the partition (its epoch
   * moves on) for the next owner.
   *
   * @return a stage completed when the partition is drained; completed already by default
   */
  default CompletionStage<Void> draining(PartitionFence fence) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The node has lost the partition without a hand-off: another node took it over, or this node
   * stopped serving because its own heartbeat could not commit (self-fencing). Stop at once and
   * drop the partition's state; the storage refuses what is still written under the fence.
   */
  default void lost(PartitionFence fence) {}
}
