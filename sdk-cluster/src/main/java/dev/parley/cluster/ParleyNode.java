package dev.parley.cluster;

import static java.util.Objects.requireNonNull;

import dev.parley.core.NotOwnerException;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.storage.PartitionFence;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Parley engine serving, as one node of a cluster, the partitions its {@link ClusterNode} owns:
 * a partition the node acquires is rebuilt from storage and served under its fence, one it hands
 * off is drained first, one it loses is dropped at once. The commands of the tenants of other
 * partitions fail on this node with a {@link NotOwnerException}; {@link #owner(TenantId)} names the
 * node to send them to.
 *
 * <pre>{@code
 * HikariDataSource pool = ...;                             // the cluster's PostgreSQL
 * JdbcStorage storage = JdbcStorage.using(pool).build();   // migrates parley_partition and parley_node
 * ParleyNode node = ParleyNode.start(
 *     ClusterNode.builder(pool).nodeId("node-a").address("http://10.0.0.5:8080").partitions(64),
 *     Parley.builder().storage(storage).listener(myListener));
 * node.parley().tenant(acme).arrive(sessionId, entry);    // if node-a owns acme's partition now
 * node.close();                                            // hands its partitions off, then stops the engine
 * }</pre>
 *
 * <p>The engine's builder is given the cluster's {@linkplain Parley.Builder#clustered placement}
 * here; its storage must be the cluster's PostgreSQL (a {@code JdbcStorage} on the same database),
 * whose {@code parley_partition} epochs fence every batch the engine persists.
 *
 * <p>Thread safety: safe for use by several threads at once, as its engine and node are.
 */
public final class ParleyNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ParleyNode.class);
  private final ClusterNode cluster;
  private final Parley parley;

  private ParleyNode(ClusterNode cluster, Parley parley) {
    this.cluster = cluster;
    this.parley = parley;
  }

  /**
   * Builds the engine clustered on the node's placement, builds the node with a listener that
   * serves, drains and drops the engine's partitions, and joins the cluster. Both builders are
   * used up: do not build from them again.
   *
   * @param cluster the node's settings (id, address, partitions, timings); without a listener
   * @param engine the engine's settings, with the cluster's storage
   * @return the node, registered; its partitions are served within a heartbeat or two
   * @throws IllegalStateException if the node's builder has a listener of its own, or either
   *     builder's {@code build()} or the node's {@link ClusterNode#start()} refuses
   * @throws ClusterException if the node cannot join the cluster (the engine is closed again)
   */
  public static ParleyNode start(ClusterNode.Builder cluster, Parley.Builder engine) {
    requireNonNull(cluster, "cluster must not be null");
    requireNonNull(engine, "engine must not be null");
    if (cluster.hasListener()) {
      throw new IllegalStateException("a ParleyNode serves the engine's partitions through a listener of its own:"
          + " do not give the ClusterNode.Builder one");
    }
    Parley parley = engine.clustered(cluster.placement()).build();
    try {
      ClusterNode node = cluster.listener(new Serving(parley)).build().start();
      return new ParleyNode(node, parley);
    } catch (RuntimeException e) {
      parley.close();
      throw e;
    }
  }

  /** The engine: its commands succeed for the tenants of the partitions this node serves now. */
  public Parley parley() {
    return parley;
  }

  /** The cluster's node: the partitions served, the directory. */
  public ClusterNode cluster() {
    return cluster;
  }

  /** The live node that serves {@code tenant}'s partition now, or empty while it is moving. */
  public Optional<PartitionOwner> owner(TenantId tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return cluster.directory().owner(cluster.partitionOf(tenant.value()));
  }

  /**
   * Leaves the cluster, handing every partition off (each drained first: its submitted commands
   * stored and acknowledged), then stops the engine. Closing again changes nothing.
   */
  @Override
  public void close() {
    cluster.close();
    parley.close();
  }

  @Override
  public String toString() {
    return "ParleyNode{" + cluster.nodeId() + ", serving " + cluster.owned().keySet() + "}";
  }

  /** The node's listener: what the node decides of a partition, the engine does. */
  private record Serving(Parley parley) implements PartitionListener {
    @Override
    public void acquired(PartitionFence fence) {
      // Served at once, rebuilt on the partition's own writer (commands wait behind the rebuild), so
      // that the partitions a node takes over are rebuilt side by side.
      parley.serve(fence).whenComplete((rebuilt, failure) -> {
        if (failure != null) {
          log.warn("{} could not be rebuilt from storage: its commands fail until it moves", fence, failure);
        }
      });
    }

    @Override
    public CompletionStage<Void> draining(PartitionFence fence) {
      return parley.drain(fence.partition());
    }

    @Override
    public void lost(PartitionFence fence) {
      parley.drop(fence.partition());
    }
  }
}
