package dev.parley.transport.netty;

import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket peers by who they are: clients by session, operators by operator id, both by
 * tenant, so that an event reaches exactly the connections it concerns. A session's client and an
 * operator's consoles, read for every message, are small lists replaced whole when one binds or
 * leaves, so that reading them makes no iterator; a tenant's clients and operators, many and read
 * at changes of its queues, are concurrent sets.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
final class Peers {
  private final Map<TenantId, OfTenant> tenants = new ConcurrentHashMap<>();
  private final Set<Peer> all = ConcurrentHashMap.newKeySet();

  /** One tenant's peers; kept once made, as tenants are few. */
  private static final class OfTenant {
    final Map<SessionId, List<Peer>> client = new ConcurrentHashMap<>();
    final Map<OperatorId, List<Peer>> operator = new ConcurrentHashMap<>();
    final Set<Peer> clients = ConcurrentHashMap.newKeySet();
    final Set<Peer> operators = ConcurrentHashMap.newKeySet();
  }

  /** A connection, from its upgrade on. */
  void open(Peer peer) {
    all.add(peer);
  }

  /** A peer that entered or logged in as {@code principal}. */
  void bind(Peer peer, Principal principal) {
    unbind(peer);
    peer.bind(principal);
    OfTenant t = tenants.computeIfAbsent(principal.tenant(), k -> new OfTenant());
    if (principal.kind() == Principal.Kind.CLIENT) {
      t.client.merge(principal.session(), List.of(peer), Peers::plus);
      t.clients.add(peer);
    } else {
      t.operator.merge(principal.operator(), List.of(peer), Peers::plus);
      t.operators.add(peer);
    }
    if (!peer.channel.isActive()) {
      unbind(peer); // it closed while it was being bound (an engine's answer came late): no entry outlives it
    }
  }

  /** A connection that closed. */
  void close(Peer peer) {
    all.remove(peer);
    unbind(peer);
  }

  private void unbind(Peer peer) {
    Principal p = peer.principal();
    OfTenant t = p == null ? null : tenants.get(p.tenant());
    if (t == null) {
      return;
    }
    if (p.kind() == Principal.Kind.CLIENT) {
      t.client.computeIfPresent(p.session(), (session, peers) -> minus(peers, peer));
      t.clients.remove(peer);
    } else {
      t.operator.computeIfPresent(p.operator(), (operator, peers) -> minus(peers, peer));
      t.operators.remove(peer);
    }
  }

  List<Peer> client(TenantId tenant, SessionId session) {
    OfTenant t = tenants.get(tenant);
    return t == null ? List.of() : t.client.getOrDefault(session, List.of());
  }

  List<Peer> operator(TenantId tenant, OperatorId operator) {
    OfTenant t = tenants.get(tenant);
    return t == null ? List.of() : t.operator.getOrDefault(operator, List.of());
  }

  Collection<Peer> clientsOf(TenantId tenant) {
    OfTenant t = tenants.get(tenant);
    return t == null ? Set.of() : t.clients;
  }

  Collection<Peer> operatorsOf(TenantId tenant) {
    OfTenant t = tenants.get(tenant);
    return t == null ? Set.of() : t.operators;
  }

  /** Every open WebSocket. */
  Collection<Peer> all() {
    return all;
  }

  private static List<Peer> plus(List<Peer> peers, List<Peer> more) {
    List<Peer> both = new ArrayList<>(peers);
    both.addAll(more);
    return List.copyOf(both);
  }

  /** {@code peers} without {@code peer}, or null (no entry) when none is left. */
  private static @Nullable List<Peer> minus(List<Peer> peers, Peer peer) {
    List<Peer> rest = new ArrayList<>(peers);
    rest.remove(peer);
    return rest.isEmpty() ? null : List.copyOf(rest);
  }
}
