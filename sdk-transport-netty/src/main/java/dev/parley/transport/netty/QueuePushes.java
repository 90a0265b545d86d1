package dev.parley.transport.netty;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.core.stats.WaitEstimate;
import tools.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tenants' queues changing is pushed as: each watching operator's waiting list, and each
 * waiting web-chat client's place and expected wait (the engine's estimate), once a burst. The
 * engine tells each change of a queue once ({@link Event.QueueChanged}, with the operators who
 * watch it); the changes of a tenant that come before the push runs are gathered, and the push
 * reads one snapshot for all of them, without waiting ({@link Parley#snapshotAsync}).
 *
 * <p>Threading: {@link #changed} and {@link #client} are called on the engine's delivery
 * executor and on event loops; gathering is lock-free, the push is scheduled on one event loop
 * and sent from the snapshot's completion. Nothing here waits for the engine.
 */
final class QueuePushes {
  private static final Logger log = LoggerFactory.getLogger(QueuePushes.class);

  private final Parley parley;
  private final Peers peers;
  private final Executor loop;
  private final Map<TenantId, Due> due = new ConcurrentHashMap<>();

  /** One tenant's changes since its last push. */
  private static final class Due {
    final AtomicBoolean scheduled = new AtomicBoolean();
    final Set<OperatorId> operators = ConcurrentHashMap.newKeySet();
    /** Groups whose queue moved: their waiting clients have new places. */
    final Set<GroupId> groups = ConcurrentHashMap.newKeySet();
    /** Operators whose own queue moved: the clients waiting for them alone have new places. */
    final Set<OperatorId> directs = ConcurrentHashMap.newKeySet();
    /** Clients who connected: told their place whatever it was before. */
    final Set<Peer> clients = ConcurrentHashMap.newKeySet();
  }

  /** @param loop where pushes are gathered and started: an event loop of the server */
  QueuePushes(Parley parley, Peers peers, Executor loop) {
    this.parley = parley;
    this.peers = peers;
    this.loop = loop;
  }

  /** A queue changed: its watchers' lists and its clients' places are due. */
  void changed(Event.QueueChanged q) {
    Due d = due(q.tenant());
    d.operators.addAll(q.watchers());
    if (q.group() != null) {
      d.groups.add(q.group());
    } else {
      d.directs.add(q.operator());
    }
    schedule(q.tenant(), d);
  }

  /** An operator's waiting list is due (his groups changed). */
  void operator(TenantId tenant, OperatorId operator) {
    Due d = due(tenant);
    d.operators.add(operator);
    schedule(tenant, d);
  }

  /** A client who just entered or came back is due his place in the queue, if he waits. */
  void client(Peer peer) {
    Principal p = peer.principal();
    if (p != null) {
      Due d = due(p.tenant());
      d.clients.add(peer);
      schedule(p.tenant(), d);
    }
  }

  private Due due(TenantId tenant) {
    return due.computeIfAbsent(tenant, t -> new Due());
  }

  private void schedule(TenantId tenant, Due d) {
    if (d.scheduled.compareAndSet(false, true)) {
      loop.execute(() -> push(tenant, d));
    }
  }

  /** Takes what is due and pushes it from one snapshot; what changes meanwhile is due again. */
  private void push(TenantId tenant, Due d) {
    d.scheduled.set(false);
    Set<OperatorId> operators = drain(d.operators);
    Set<GroupId> groups = drain(d.groups);
    Set<OperatorId> directs = drain(d.directs);
    Set<Peer> clients = drain(d.clients);
    parley.snapshotAsync(tenant).whenComplete((snapshot, failure) -> {
      if (failure != null) {
        log.trace("no queue push for tenant {}: {}", tenant, failure.toString()); // the engine is closing
        return;
      }
      for (OperatorId op : operators) {
        List<Peer> consoles = peers.operator(tenant, op);
        if (!consoles.isEmpty()) {
          byte[] frame = Json.bytes(Frames.waiting(snapshot.waitingFor(op)));
          consoles.forEach(peer -> peer.send(Unpooled.wrappedBuffer(frame)));
        }
      }
      if (!groups.isEmpty() || !directs.isEmpty() || !clients.isEmpty()) {
        places(tenant, snapshot, groups, directs, clients);
      }
    });
  }

  /**
   * Tells each waiting client of the moved queues (and each client just connected) his place,
   * with the engine's estimate of his wait where its figures can tell, when his place changed.
   */
  private void places(TenantId tenant, TenantSnapshot snapshot, Set<GroupId> groups, Set<OperatorId> directs,
      Set<Peer> fresh) {
    Map<SessionId, WaitEstimate> estimates = new HashMap<>();
    if (parley.keepsStatistics()) {
      for (GroupId g : groups) {
        parley.estimates(tenant, g, snapshot).forEach(e -> estimates.put(e.session(), e));
      }
    }
    for (Peer peer : peers.clientsOf(tenant)) {
      Principal p = peer.principal();
      SessionView v = p == null ? null : snapshot.session(p.session()).orElse(null);
      boolean moved = v != null && v.state().waiting()
          && (v.waitsFor() != null ? directs.contains(v.waitsFor()) : v.group() != null && groups.contains(v.group()));
      if (moved || fresh.contains(peer)) {
        int position = v == null || !v.state().waiting() ? 0 : v.position();
        @Nullable WaitEstimate estimate = v == null ? null : estimates.get(v.id());
        peer.channel.eventLoop().execute(() -> tell(peer, position, estimate, fresh.contains(peer)));
      }
    }
  }

  /** On the client's event loop: his place, unless he was told it already. */
  private static void tell(Peer peer, int position, @Nullable WaitEstimate estimate, boolean fresh) {
    if (position == 0 || (!fresh && position == peer.lastPosition)) {
      peer.lastPosition = position;
      return;
    }
    peer.lastPosition = position;
    ObjectNode frame = Frames.of("queue").put("position", position);
    if (estimate != null) {
      frame.put("estimatedWaitSeconds", (estimate.expectedWait().toMillis() + 999) / 1000);
    }
    peer.send(frame);
  }

  private static <T> Set<T> drain(Set<T> set) {
    Set<T> taken = new HashSet<>(set);
    set.removeAll(taken);
    return taken;
  }
}
