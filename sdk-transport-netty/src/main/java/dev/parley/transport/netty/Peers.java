package dev.parley.transport.netty;

import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket peers by who they are: clients by session, operators by operator id, both by
 * tenant, so that an event reaches exactly the connections it concerns.
 *
 * <p>Thread safety: safe for use by any number of threads (concurrent maps of concurrent sets).
 */
final class Peers {
  private final Map<Object, Set<Peer>> byKey = new ConcurrentHashMap<>();
  private final Set<Peer> all = ConcurrentHashMap.newKeySet();

  private record ClientKey(TenantId tenant, SessionId session) {}

  private record OperatorKey(TenantId tenant, OperatorId operator) {}

  private record ClientsOf(TenantId tenant) {}

  private record OperatorsOf(TenantId tenant) {}

  /** A connection, from its upgrade on. */
  void open(Peer peer) {
    all.add(peer);
  }

  /** A peer that entered or logged in as {@code principal}. */
  void bind(Peer peer, Principal principal) {
    unbind(peer);
    peer.bind(principal);
    for (Object key : keys(principal)) {
      byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(peer);
    }
  }

  /** A connection that closed. */
  void close(Peer peer) {
    all.remove(peer);
    unbind(peer);
  }

  private void unbind(Peer peer) {
    Principal p = peer.principal();
    if (p == null) {
      return;
    }
    for (Object key : keys(p)) {
      byKey.computeIfPresent(key, (k, set) -> {
        set.remove(peer);
        return set.isEmpty() ? null : set;
      });
    }
  }

  Collection<Peer> client(TenantId tenant, SessionId session) {
    return byKey.getOrDefault(new ClientKey(tenant, session), Set.of());
  }

  Collection<Peer> operator(TenantId tenant, OperatorId operator) {
    return byKey.getOrDefault(new OperatorKey(tenant, operator), Set.of());
  }

  Collection<Peer> clientsOf(TenantId tenant) {
    return byKey.getOrDefault(new ClientsOf(tenant), Set.of());
  }

  Collection<Peer> operatorsOf(TenantId tenant) {
    return byKey.getOrDefault(new OperatorsOf(tenant), Set.of());
  }

  /** Every open WebSocket. */
  Collection<Peer> all() {
    return all;
  }

  private static List<Object> keys(Principal p) {
    return p.kind() == Principal.Kind.CLIENT
        ? List.of(new ClientKey(p.tenant(), p.session()), new ClientsOf(p.tenant()))
        : List.of(new OperatorKey(p.tenant(), p.operator()), new OperatorsOf(p.tenant()));
  }
}
