package dev.parley.transport.netty;

import dev.parley.channels.ChannelGateway;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What every handler of one server shares: the engine, the host's authenticator and gateways,
 * the limits, the routes, the worker pool and the live connections.
 *
 * <p>Thread safety: the fields are set before the server starts; what changes (connections,
 * requests in flight) is thread-safe itself.
 */
final class ServerContext {
  final Parley parley;
  final Authenticator authenticator;
  final Limits limits;
  final Map<TenantId, ChannelGateway> gateways;
  final Set<TenantId> webTenants;
  final Set<String> allowedOrigins;
  final boolean anyOrigin;
  /** Whether it serves the host's pages, whose WebSockets come from its own origin. */
  final boolean servesPages;
  final SignedTokens clientTokens;
  final Duration clientTokenTtl;
  final @Nullable URI publicBase;
  final boolean tls;
  final Clock clock;
  final ExecutorService workers;
  /** The host's webhook delivery, whose subscriptions the admin API serves; null without. */
  final dev.parley.webhooks.@Nullable Webhooks webhooks;
  /** Forwards to the owner what this node's engine does not serve; null when the server does not. */
  final @Nullable Forwarder forwarder;
  final InFlight inFlight = new InFlight();
  final Peers peers = new Peers();
  final EventFanout fanout;
  final Router router;
  final ConsoleTemplates templates;
  final ConsoleContacts contacts;
  /** The conventions of the admin API's configuration, with its per-tenant turn-taking of writes. */
  final ConfigResource config = new ConfigResource();
  private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();

  /** @param pushes an event loop of the server, where queue pushes are gathered */
  ServerContext(ParleyServer.Builder b, ExecutorService workers, Executor pushes) {
    this.parley = b.parley;
    this.authenticator = b.authenticator;
    this.limits = b.limits();
    this.gateways = Map.copyOf(b.gateways);
    this.webTenants = Set.copyOf(b.webTenants);
    this.allowedOrigins = Set.copyOf(b.allowedOrigins);
    this.anyOrigin = b.anyOrigin;
    this.servesPages = b.pages != null;
    this.clientTokens = b.clientTokens;
    this.clientTokenTtl = b.clientTokenTtl;
    this.publicBase = b.publicBase;
    this.tls = b.tls != null;
    this.clock = b.clock;
    this.workers = workers;
    this.webhooks = b.webhooks;
    this.forwarder = b.forwarder;
    this.fanout = new EventFanout(parley, peers, pushes);
    this.router = Router.standard(b.pages);
    this.templates = new ConsoleTemplates(parley.storage().templates());
    this.contacts = new ConsoleContacts(parley.storage(), clock);
  }

  /** The outbox of the connections of {@code loop}. */
  Outbox outbox(EventLoop loop) {
    return outboxes.computeIfAbsent(loop, Outbox::new);
  }

  /** {@code https} when the server terminates TLS. */
  String scheme() {
    return tls ? "https" : "http";
  }

  Limits limits() {
    return limits;
  }

  /** The host's authenticator's answer; its failures propagate to the caller's error handling. */
  Optional<Principal> authenticate(String credential) {
    return authenticator.authenticate(credential);
  }
}
