package dev.parley.cluster;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.InboxMessage;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the durable inbox's messages on the node that owns them: every {@linkplain
 * #start poll interval}, for each partition the node serves, it reads its tenants' pending
 * messages through the partition's fenced view, hands each to the {@link InboxHandler} oldest
 * received first, and marks those applied under the same fence. A node that lost the partition
 * reads and marks nothing: the storage refuses it ({@link FencedWriteException}).
 *
 * <p>Any node accepts a vendor's message (after checking its signature) with {@code
 * storage.inbox().accept(message)} and answers the vendor once that returned; the owner's relay
 * applies it, also when the partition moved meanwhile, so nothing answered {@code 200} is lost.
 *
 * <pre>{@code
 * InboxRelay relay = InboxRelay.start(node.cluster(), storage, gateway::apply, Duration.ofMillis(100));
 * ...
 * relay.close();
 * }</pre>
 *
 * <p>Delivery is at least once (see {@link InboxHandler}). Applied messages stay in the inbox, so
 * that a vendor's late repeat is still known as one.
 *
 * <p>Thread safety: safe for use by several threads at once; its work runs on a thread of its own.
 */
public final class InboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InboxRelay.class);
  /** How many messages of a tenant one round applies at most. */
  private static final int BATCH = 100;
  /** How long the handler may take over one message before it counts as failed. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ClusterNode node;
  private final Storage storage;
  private final InboxHandler handler;
  private final ScheduledExecutorService thread;

  private InboxRelay(ClusterNode node, Storage storage, InboxHandler handler) {
    this.node = node;
    this.storage = storage;
    this.handler = handler;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-inbox-" + node.nodeId());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts applying the inbox's messages of the partitions {@code node} serves.
   *
   * @param node the cluster's node, for the partitions it serves and the tenants' placement
   * @param storage the cluster's storage (not a fenced view: the relay makes those)
   * @param handler what applies a message
   * @param pollInterval how long between two rounds
   * @throws IllegalArgumentException if {@code pollInterval} is less than 1 ms
   */
  public static InboxRelay start(ClusterNode node, Storage storage, InboxHandler handler, Duration pollInterval) {
    requireNonNull(node, "node must not be null");
    requireNonNull(storage, "storage must not be null");
    requireNonNull(handler, "handler must not be null");
    requireNonNull(pollInterval, "pollInterval must not be null");
    if (pollInterval.toMillis() < 1) {
      throw new IllegalArgumentException("pollInterval must be at least 1 ms, was: " + pollInterval);
    }
    InboxRelay relay = new InboxRelay(node, storage, handler);
    relay.thread.scheduleWithFixedDelay(relay::round, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    return relay;
  }

  private void round() {
    Map<Integer, PartitionFence> served = node.owned();
    if (served.isEmpty()) {
      return;
    }
    List<String> tenants;
    try {
      tenants = storage.config().tenants();
    } catch (StorageException e) {
      log.debug("inbox relay of node {} could not list the tenants this round", node.nodeId(), e);
      return;
    }
    for (String tenant : tenants) {
      PartitionFence fence = served.get(node.partitionOf(tenant));
      if (fence != null) {
        relay(tenant, storage.fenced(fence));
      }
    }
  }

  // One tenant's pending messages, in order, until one fails or the batch is done.
  private void relay(String tenant, Storage fenced) {
    List<InboxMessage> applied = new ArrayList<>();
    try {
      for (InboxMessage m : fenced.inbox().pending(tenant, BATCH)) {
        if (!apply(m)) {
          break;
        }
        applied.add(m);
      }
    } catch (StorageException e) { // fenced (the partition moved on) or the database failing
      log.debug("inbox relay of node {} could not read {}'s inbox this round", node.nodeId(), tenant, e);
    } finally {
      if (!applied.isEmpty()) {
        mark(tenant, fenced, applied);
      }
    }
  }

  private boolean apply(InboxMessage m) {
    try {
      handler.apply(m).toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("inbox handler of node {} failed on {} message {} of {}: it stays pending", node.nodeId(), m.source(),
          m.messageId(), m.tenant(), e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void mark(String tenant, Storage fenced, List<InboxMessage> applied) {
    try {
      fenced.inbox().markApplied(tenant, applied);
    } catch (StorageException e) {
      // The next owner (or this node's next round) applies them again: delivery is at least once.
      log.debug("inbox relay of node {} could not mark {} messages of {} applied", node.nodeId(), applied.size(),
          tenant, e);
    }
  }

  /** Stops the relay, waiting for the message in hand. Closing again changes nothing. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
