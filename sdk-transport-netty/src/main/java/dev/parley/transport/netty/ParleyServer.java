package dev.parley.transport.netty;

import static java.util.Objects.requireNonNull;

import dev.parley.channels.ChannelGateway;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference transport: one Netty server that puts a {@link Parley} engine on the wire.
 *
 * <pre>{@code
 * SignedTokens tokens = SignedTokens.withKey(secret);
 * try (ParleyServer server = ParleyServer.builder(parley)
 *     .bind("0.0.0.0").port(8080)
 *     .authenticator(tokens)                       // operators' and administrators' tokens
 *     .tenant(acme)                                // web chat for acme's widget
 *     .gateway(acme, gateway)                      // acme's WhatsApp, Messenger, VK… webhooks
 *     .allowOrigin("https://shop.example")         // pages that may open WebSockets
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>What it serves:
 *
 * <ul>
 *   <li>{@code /webhooks/{tenant}/{channel}}: vendors' webhooks, handed to the tenant's {@link
 *       ChannelGateway} with the raw body bytes;
 *   <li>{@code /ws/client}: the web-chat widget's WebSocket;
 *   <li>{@code /ws/operator}: the operator console's WebSocket;
 *   <li>{@code /api/v1/…}: the admin REST API, described at {@code /api/v1/openapi.json}.
 * </ul>
 *
 * The WebSocket message protocol is documented in the module's {@code PROTOCOL.md}.
 *
 * <p>Limits: request bodies and WebSocket frames have a maximum size, each connection a message
 * rate, an idle time-out and a bounded outbound buffer (a client that does not read is
 * disconnected, never buffered for). Bad input gets a typed error and changes nothing.
 *
 * <p>Threading: Netty's I/O threads parse and write; everything that may wait (the storage, the
 * host's {@link Authenticator}, the engine's answers to HTTP calls) runs on a bounded pool of
 * worker threads. Engine events reach connections through one listener that never blocks the
 * engine. Thread safety: safe for use by any number of threads.
 */
public final class ParleyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

  private final Builder config;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private @Nullable ServerContext context;
  private @Nullable EventLoopGroup boss;
  private @Nullable EventLoopGroup io;
  private @Nullable Channel listening;

  private ParleyServer(Builder config) {
    this.config = config;
  }

  /** Starts configuring a server for {@code parley}. */
  public static Builder builder(Parley parley) {
    return new Builder(parley);
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws IllegalStateException if it was started before
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public ParleyServer start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the server was started already; build another one");
    }
    ExecutorService workers = new ThreadPoolExecutor(config.workerThreads, config.workerThreads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.workerQueue), new DefaultThreadFactory("parley-worker", true));
    boss = new MultiThreadIoEventLoopGroup(1, new EventLoopThreads("parley-accept"), NioIoHandler.newFactory());
    io = new MultiThreadIoEventLoopGroup(config.ioThreads, new EventLoopThreads("parley-io"), NioIoHandler.newFactory());
    ServerContext server = new ServerContext(config, workers, io.next());
    context = server;
    config.parley.addListener(server.fanout);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(server.limits.lowWaterMark(), server.limits.highWaterMark()))
        .childHandler(new HttpInitializer(server, config.tls));
    try {
      listening = bootstrap.bind(config.host, config.port).sync().channel();
    } catch (Exception e) {
      closeQuietly();
      throw new java.io.UncheckedIOException("cannot listen on " + config.host + ":" + config.port,
          e instanceof java.io.IOException ? (java.io.IOException) e : new java.io.IOException(e));
    }
    log.info("Parley server listening on {}", listening.localAddress());
    return this;
  }

  /**
   * The port it listens on: the one bound when {@code port(0)} asked for any.
   *
   * @throws IllegalStateException if it is not started
   */
  public int port() {
    Channel channel = listening;
    if (channel == null) {
      throw new IllegalStateException("the server is not started");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** How many WebSockets (clients and consoles) are open now; 0 before start. For monitoring. */
  public int openWebSockets() {
    ServerContext server = context;
    return server == null ? 0 : server.peers.all().size();
  }

  /** Where it listens, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create((config.tls != null ? "https" : "http") + "://" + hostForUri() + ":" + port());
  }

  private String hostForUri() {
    return config.host.contains(":") ? "[" + config.host + "]" : config.host;
  }

  /**
   * Shuts down gracefully: stops accepting connections, refuses new requests, tells WebSocket
   * peers it is going away, waits up to the shutdown grace for requests in flight, then closes
   * every connection and stops its threads. Does nothing the second time. It never closes the
   * engine, which belongs to the host.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || context == null) {
      return;
    }
    ServerContext server = context;
    Channel channel = listening;
    if (channel != null) {
      channel.close().awaitUninterruptibly();
    }
    Duration grace = server.limits.shutdownGrace();
    CompletableFuture<Void> drained = server.inFlight.drain();
    for (Peer peer : server.peers.all()) {
      peer.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down"))
          .addListener(ChannelFutureListener.CLOSE);
    }
    try {
      drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("requests still in flight after {}; closing their connections", grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("draining cannot fail", e);
    }
    config.parley.removeListener(server.fanout);
    closeQuietly();
    log.info("Parley server stopped");
  }

  private void closeQuietly() {
    if (io != null) {
      io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    if (context != null) {
      context.workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    Channel channel = listening;
    return "ParleyServer[" + (channel == null ? "not started" : channel.localAddress()) + "]";
  }

  /**
   * Configures a {@link ParleyServer}; each setter checks its argument at once.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    final Parley parley;
    Authenticator authenticator = Authenticator.DENY_ALL;
    final Map<TenantId, ChannelGateway> gateways = new LinkedHashMap<>();
    final Set<TenantId> webTenants = new LinkedHashSet<>();
    final Set<String> allowedOrigins = new LinkedHashSet<>();
    boolean anyOrigin;
    SignedTokens clientTokens = SignedTokens.withRandomKey();
    Duration clientTokenTtl = Duration.ofHours(24);
    @Nullable URI publicBase;
    Clock clock = Clock.systemUTC();
    dev.parley.webhooks.@Nullable Webhooks webhooks;
    @Nullable Pages pages;
    @Nullable SslContext tls;
    @Nullable Forwarder forwarder;
    String host = "127.0.0.1";
    int port = 8080;
    int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    int workerQueue = 10_000;
    private int maxRequestBytes = 1024 * 1024;
    private int maxFrameBytes = 64 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int messagesPerSecond = 20;
    private int burst = 40;
    private int lowWaterMark = 32 * 1024;
    private int highWaterMark = 64 * 1024;
    private Duration slowConsumerTimeout = Duration.ofSeconds(10);
    private Duration commandTimeout = Duration.ofSeconds(30);
    private Duration shutdownGrace = Duration.ofSeconds(10);

    private Builder(Parley parley) {
      this.parley = requireNonNull(parley, "parley");
    }

    /** The address to listen on; default {@code 127.0.0.1} (loopback only): say {@code 0.0.0.0} to serve the network. */
    public Builder bind(String host) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /** The port; default 8080; 0 for any free port (see {@link ParleyServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /** Who operators and administrators are; default {@link Authenticator#DENY_ALL}. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Lets web-chat clients enter {@code tenant} through {@code /ws/client}. */
    public Builder tenant(TenantId tenant) {
      webTenants.add(requireNonNull(tenant, "tenant"));
      return this;
    }

    /**
     * Serves {@code tenant}'s channel webhooks at {@code /webhooks/{tenant}/{channel}} (and at
     * {@code /webhooks/{channel}} while it is the only tenant with a gateway).
     *
     * @throws IllegalArgumentException if the tenant has a gateway already
     */
    public Builder gateway(TenantId tenant, ChannelGateway gateway) {
      requireNonNull(tenant, "tenant");
      requireNonNull(gateway, "gateway");
      if (gateways.putIfAbsent(tenant, gateway) != null) {
        throw new IllegalArgumentException("tenant " + tenant + " has a gateway already: one per tenant");
      }
      return this;
    }

    /**
     * Lets pages of {@code origin} ({@code https://shop.example}, scheme, host and port as the
     * browser sends them) open WebSockets. A browser's upgrade from any other origin is refused
     * with {@code 403}; requests without an {@code Origin} (not from a browser) are let in.
     */
    public Builder allowOrigin(String origin) {
      requireNonNull(origin, "origin");
      URI uri;
      try {
        uri = URI.create(origin);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("origin is scheme://host[:port], not " + origin, e);
      }
      if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        throw new IllegalArgumentException("origin is scheme://host[:port] without a path, not " + origin);
      }
      allowedOrigins.add(origin.toLowerCase(Locale.ROOT));
      return this;
    }

    /** Lets pages of every origin open WebSockets: for development only. */
    public Builder allowAnyOrigin() {
      this.anyOrigin = true;
      return this;
    }

    /**
     * Signs web-chat clients' session tokens. Required in production: the default is a random key
     * made at start, so tokens die with the process and after a restart (a deploy, a crash) every
     * client's {@code resume} is refused and his chat can never be reached again. Give a key kept
     * in your secret store, {@link SignedTokens#withKey}, the same on every start (and every node).
     */
    public Builder clientTokens(SignedTokens tokens) {
      this.clientTokens = requireNonNull(tokens, "tokens");
      return this;
    }

    /** How long a web-chat client's session token is valid; default 24 hours. */
    public Builder clientTokenTtl(Duration ttl) {
      this.clientTokenTtl = positive("client token TTL", ttl);
      return this;
    }

    /**
     * The public URL vendors call the server by ({@code https://cc.example}), when a proxy stands
     * in front of it: adapters that verify a signature over the URL (Twilio) need it.
     */
    public Builder publicBaseUri(URI base) {
      requireNonNull(base, "base");
      if (base.getScheme() == null || base.getHost() == null) {
        throw new IllegalArgumentException("the public base is an absolute http(s) URI, not " + base);
      }
      this.publicBase = base;
      return this;
    }

    /**
     * Serves the tenants' webhook subscriptions on the admin API ({@code …/webhooks}: subscribe,
     * change, unsubscribe, status, dead letters, replay), through {@code webhooks}, which the host
     * starts and closes. Without it those routes answer {@code 404}.
     */
    public Builder webhooks(dev.parley.webhooks.Webhooks webhooks) {
      this.webhooks = requireNonNull(webhooks, "webhooks");
      return this;
    }

    /**
     * Serves the static files of {@code folder} on {@code loader}'s classpath (HTML, CSS,
     * JavaScript, JSON, SVG, PNG, icons, text) at {@code GET /name}, and its {@code index.html}
     * at {@code /}: a console or widget the same server feeds. The admin API, webhooks and
     * WebSockets keep their paths; a page's WebSockets are let in as same-origin. Only plain
     * names are looked up (no dot-files, no {@code ..}); each file is read once and kept.
     *
     * @param folder a classpath folder such as {@code com/example/web}
     */
    public Builder pages(ClassLoader loader, String folder) {
      requireNonNull(loader, "loader");
      requireNonNull(folder, "folder");
      String trimmed = folder.replaceAll("^/+|/+$", "");
      if (trimmed.isEmpty() || trimmed.contains("..")) {
        throw new IllegalArgumentException("folder is a classpath folder such as com/example/web, not '" + folder + "'");
      }
      this.pages = new Pages(loader, trimmed);
      return this;
    }

    /** The clock estimates and token expiry use; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Serves HTTPS and WSS with {@code context} (a server {@link SslContext}); default plain text. */
    public Builder tls(SslContext context) {
      requireNonNull(context, "context");
      if (context.isClient()) {
        throw new IllegalArgumentException("a server needs a server SslContext, not a client one");
      }
      this.tls = context;
      return this;
    }

    /** Netty I/O threads; default one per processor. */
    public Builder ioThreads(int threads) {
      this.ioThreads = atLeast("I/O threads", threads, 1);
      return this;
    }

    /** Worker threads for what may block (storage, authentication, exports); default two per processor, at least 4. */
    public Builder workerThreads(int threads) {
      this.workerThreads = atLeast("worker threads", threads, 1);
      return this;
    }

    /** The largest HTTP request body; default 1 MiB. Larger ones get {@code 413}. */
    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = atLeast("max request bytes", bytes, 1024);
      return this;
    }

    /** The largest WebSocket message; default 64 KiB. Larger ones get a {@code TooLarge} error frame. */
    public Builder maxFrameBytes(int bytes) {
      this.maxFrameBytes = atLeast("max frame bytes", bytes, 256);
      return this;
    }

    /** How long a connection may stay silent before it is closed; default 60 seconds. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idle timeout", timeout);
      return this;
    }

    /**
     * The WebSocket messages one connection may send: {@code perSecond} sustained, {@code burst}
     * at once; default 20 and 40. Messages beyond get a {@code RateLimited} error frame.
     */
    public Builder rateLimit(int perSecond, int burst) {
      this.messagesPerSecond = atLeast("messages per second", perSecond, 1);
      if (burst < perSecond) {
        throw new IllegalArgumentException("burst must be at least the rate " + perSecond + ", not " + burst);
      }
      this.burst = burst;
      return this;
    }

    /**
     * The outbound buffer of a connection: above {@code highBytes} it is not writable, below {@code
     * lowBytes} writable again; default 32 and 64 KiB. A connection past four times {@code
     * highBytes}, or unwritable for the slow-consumer time-out, is closed.
     */
    public Builder outboundBuffer(int lowBytes, int highBytes) {
      atLeast("low water mark", lowBytes, 1024);
      if (highBytes < lowBytes) {
        throw new IllegalArgumentException("the high water mark " + highBytes + " is below the low one " + lowBytes);
      }
      this.lowWaterMark = lowBytes;
      this.highWaterMark = highBytes;
      return this;
    }

    /** How long a connection may stay unwritable before it is closed; default 10 seconds. */
    public Builder slowConsumerTimeout(Duration timeout) {
      this.slowConsumerTimeout = positive("slow consumer timeout", timeout);
      return this;
    }

    /** How long an HTTP request waits for the engine; default 30 seconds, then {@code 503}. */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("command timeout", timeout);
      return this;
    }

    /**
     * For an engine that is one node of a cluster: an HTTP request whose tenant's partition this
     * node does not serve is forwarded to the partition's owner, whom {@code owners} names, and
     * answered with the owner's answer; while no owner answers (the partition is moving) it is
     * tried again, with a pause that doubles from 20 ms, until {@code deadline}, then answered
     * {@code 503} with {@code Retry-After}. A request is tried again only where the owner cannot have
     * applied it (no owner, the connection refused, the owner's own {@code 503 NotOwner}). The
     * forwarded request keeps the client's credentials and carries {@code secret}, the cluster's,
     * by which the owner knows not to forward it again: give every node the same one, and the same
     * token keys ({@link #clientTokens}, the authenticator's), since the owner authenticates the
     * client. Without forwarding, such a request is answered {@code 503 NotOwner} at once.
     * WebSockets are not relayed yet: a console or widget must connect to the owner.
     *
     * @throws IllegalArgumentException if {@code secret} is shorter than 16 characters or {@code
     *     deadline} is not positive
     */
    public Builder forwarding(Owners owners, String secret, Duration deadline) {
      requireNonNull(owners, "owners");
      requireNonNull(secret, "secret");
      if (secret.length() < 16) {
        throw new IllegalArgumentException("the cluster's secret must be 16 characters or more, not " + secret.length());
      }
      this.forwarder = new Forwarder(owners, secret, positive("forwarding deadline", deadline));
      return this;
    }

    /** How long {@link ParleyServer#close()} waits for requests in flight; default 10 seconds. */
    public Builder shutdownGrace(Duration grace) {
      requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdown grace must not be negative, not " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Builds the server; {@link ParleyServer#start()} binds it. */
    public ParleyServer build() {
      return new ParleyServer(this);
    }

    Limits limits() {
      return new Limits(maxRequestBytes, maxFrameBytes, idleTimeout, messagesPerSecond, burst, lowWaterMark,
          highWaterMark, slowConsumerTimeout, commandTimeout, shutdownGrace);
    }

    private static int atLeast(String what, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ", not " + value);
      }
      return value;
    }

    private static Duration positive(String what, Duration value) {
      requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + value);
      }
      return value;
    }
  }
}
