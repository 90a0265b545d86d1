package dev.parley.cluster;

import dev.parley.storage.PartitionFence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The listener the tests give every node: it writes down every change of every node, in the order
 * they came, with the time each came at.
 */
final class Changes {
  enum Kind { ACQUIRED, DRAINING, LOST }

  record Change(String node, Kind kind, PartitionFence fence, long nanos) {}

  private final List<Change> changes = new ArrayList<>();

  /** The listener of node {@code node}. */
  PartitionListener of(String node) {
    return new PartitionListener() {
      @Override
      public void acquired(PartitionFence fence) {
        add(node, Kind.ACQUIRED, fence);
      }

      @Override
      public CompletionStage<Void> draining(PartitionFence fence) {
        add(node, Kind.DRAINING, fence);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void lost(PartitionFence fence) {
        add(node, Kind.LOST, fence);
      }
    };
  }

  private synchronized void add(String node, Kind kind, PartitionFence fence) {
    changes.add(new Change(node, kind, fence, System.nanoTime()));
  }

  synchronized List<Change> all() {
    return List.copyOf(changes);
  }

  /** Which node serves each partition by the listener's calls, and at which fence. */
  synchronized Map<Integer, String> serving() {
    Map<Integer, String> serving = new TreeMap<>();
    for (Change c : changes) {
      if (c.kind() == Kind.ACQUIRED) {
        serving.put(c.fence().partition(), c.node());
      } else if (c.node().equals(serving.get(c.fence().partition()))) {
        serving.remove(c.fence().partition());
      }
    }
    return serving;
  }
}
