package dev.parley.webhooks;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.event.EventType;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each tenant's events to the URLs it subscribed, from the storage's durable outbox.
 *
 * <pre>{@code
 * Parley parley = Parley.builder().storage(storage).outbox().build();
 * Webhooks webhooks = Webhooks.builder(parley).build().start();
 * webhooks.subscribe(TenantId.of("acme"), Subscription.builder("crm", URI.create("https://crm.example.com/hook"))
 *     .events(EventType.SESSION_QUEUED, EventType.SESSION_ENDED).secret(secret).build());
 * }</pre>
 *
 * <h2>What a receiver gets</h2>
 *
 * One POST per event, with a JSON body ({@code {"id":…,"type":…,"tenant":…,"session":…,"at":…,
 * "data":{…}}}, the {@code data} as {@link EventType} describes) and the headers {@code
 * Parley-Event-Id} (the event's idempotency key: the same on every delivery of the event), {@code
 * Parley-Event-Type}, {@code Parley-Timestamp} (Unix seconds) and {@code Parley-Signature: t=<ts>,
 * v1=<hex HMAC-SHA256(secret, ts + "." + body)>} (check it with {@link WebhookSignature#verify}).
 * A 2xx answer delivers the event; anything else, a redirect included, or no answer within the
 * client's time-outs, is a failure.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>At least once.</b> Each subscription's cursor is stored in the outbox after its
 *       receiver's answer; after a crash or restart delivery resumes there, so an event whose
 *       answer came just before the crash is sent again, with the same {@code Parley-Event-Id}.
 *       Receivers drop the ids they have seen.
 *   <li><b>In order.</b> A subscription sends one event at a time, in outbox order, so a session's
 *       events arrive in the order they happened. The price: an event that keeps failing holds
 *       the later ones back until it is delivered or dead-lettered.
 *   <li><b>Retries.</b> A failed event is retried after the receiver's {@code Retry-After}
 *       (seconds or an HTTP date), else after an exponential back-off with jitter.
 *   <li><b>Dead letters.</b> An event that has failed for the whole {@linkplain
 *       Builder#deadLetterAfter horizon} (counted from its first failure, across restarts) is
 *       kept as a {@link DeadLetter} and delivery moves on. {@link #replay} sends everything from
 *       an instant on again, dead letters included.
 *   <li><b>Routing never waits.</b> Delivery runs on the webhooks' own threads and OkHttp's; the
 *       engine only stores the outbox records and, when built {@linkplain #builder(Parley) with the
 *       engine}, wakes a subscription without waiting for it. A slow or dead receiver costs each
 *       subscription at most one request in flight and one {@linkplain Builder#batchSize batch} of
 *       records in memory; the backlog stays in storage.
 * </ul>
 *
 * <p>Subscriptions, failing events and dead letters are kept in the storage's {@link
 * dev.parley.storage.ConfigStore}, so they survive restarts.
 *
 * <p>Thread safety: safe for use by any number of threads. Calls that change subscriptions read and
 * write the storage and may block on it.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final Settings settings;
  private final @Nullable Parley parley;
  private final boolean ownsClient;
  /** Tenant → subscription id → its dispatcher, while started. */
  private final Map<TenantId, Map<String, Dispatcher>> dispatchers = new ConcurrentHashMap<>();
  private final EventListener wake = this::wake;
  private boolean started;
  private boolean closed;

  private Webhooks(Builder b, Settings settings) {
    this.settings = settings;
    this.parley = b.parley;
    this.ownsClient = b.client == null;
  }

  /**
   * Webhooks of an engine's tenants, from its storage's outbox; the engine wakes a subscription as
   * soon as one of its tenant's events is stored.
   *
   * @throws IllegalArgumentException if the engine was not built with {@link Parley.Builder#outbox()}
   */
  public static Builder builder(Parley parley) {
    requireNonNull(parley, "parley");
    if (!parley.keepsOutbox()) {
      throw new IllegalArgumentException(
          "this engine keeps no outbox, so its webhooks would never fire: build it with Parley.builder().outbox()");
    }
    return new Builder(parley.storage(), parley);
  }

  /**
   * Webhooks from a storage's outbox alone, say in a process apart from the engine's: new events
   * are found by polling every {@linkplain Builder#pollInterval poll interval}.
   */
  public static Builder builder(Storage storage) {
    return new Builder(requireNonNull(storage, "storage"), null);
  }

  /**
   * Starts delivering: loads every stored subscription of every tenant and resumes each where it
   * stopped. Returns this, for chaining after {@link Builder#build()}.
   *
   * @throws IllegalStateException if started or closed before
   */
  public synchronized Webhooks start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "these webhooks are closed: build new ones" : "already started");
    }
    started = true;
    int count = 0;
    for (String tenant : settings.storage().config().tenants()) {
      for (ConfigRecord r : settings.storage().config().list(tenant)) {
        if (r.kind().equals(WebhookCodec.SUBSCRIPTION)) {
          run(TenantId.of(tenant), WebhookCodec.subscription(r));
          count++;
        }
      }
    }
    if (parley != null) {
      parley.addListener(wake);
    }
    log.info("Parley webhooks started: {} subscription(s)", count);
    return this;
  }

  /**
   * Subscribes a URL to a tenant's events, or changes a subscription with the same id (which
   * goes on from where it got). A new subscription receives the events from now on; {@link
   * #replay} sends it older ones. Stored at once; delivered from once {@linkplain #start()
   * started}.
   */
  public synchronized void subscribe(TenantId tenant, Subscription subscription) {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
    checkOpen();
    Storage storage = settings.storage();
    if (find(tenant, subscription.id()) == null) {
      long next = storage.outbox().firstAtOrAfter(tenant.value(), settings.clock().instant());
      storage.outbox().saveCursor(tenant.value(), Dispatcher.consumer(subscription.id()), next - 1);
    }
    storage.config().put(WebhookCodec.encode(tenant, subscription));
    if (started) {
      run(tenant, subscription);
    }
  }

  /**
   * Ends a subscription: no more deliveries, and its failing event and dead letters are forgotten.
   *
   * @return whether there was such a subscription
   */
  public synchronized boolean unsubscribe(TenantId tenant, String subscription) {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
    checkOpen();
    Dispatcher d = dispatchers.getOrDefault(tenant, Map.of()).get(subscription);
    if (d != null) {
      d.stop();
      dispatchers.get(tenant).remove(subscription);
    }
    if (find(tenant, subscription) == null) {
      return false;
    }
    Dispatcher.rewind(settings.storage(), tenant, subscription, Instant.EPOCH); // drops its failing event and dead letters
    settings.storage().config().remove(tenant.value(), WebhookCodec.SUBSCRIPTION, subscription);
    return true;
  }

  /** A tenant's subscriptions, by id. */
  public List<Subscription> subscriptions(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    List<Subscription> all = new ArrayList<>();
    for (ConfigRecord r : settings.storage().config().list(tenant.value())) {
      if (r.kind().equals(WebhookCodec.SUBSCRIPTION)) {
        all.add(WebhookCodec.subscription(r));
      }
    }
    return all;
  }

  /**
   * Sends a subscription every event of its types from the first at or after {@code from} again,
   * in order, whatever was delivered or dead-lettered before (the receiver sees the same event
   * ids again). The subscription's dead letters from there on are dropped: they are tried again.
   *
   * @throws NoSuchSubscriptionException if the tenant has no such subscription
   */
  public synchronized void replay(TenantId tenant, String subscription, Instant from) {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
    requireNonNull(from, "from");
    checkOpen();
    Dispatcher d = dispatchers.getOrDefault(tenant, Map.of()).get(subscription);
    if (d != null) {
      d.replay(from);
    } else if (find(tenant, subscription) != null) {
      Dispatcher.rewind(settings.storage(), tenant, subscription, from);
    } else {
      throw new NoSuchSubscriptionException(tenant, subscription);
    }
    log.info("webhook {} of tenant {}: replaying from {}", subscription, tenant, from);
  }

  /** A tenant's dead letters, by subscription, then in outbox order. */
  public List<DeadLetter> deadLetters(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    List<DeadLetter> all = new ArrayList<>();
    for (ConfigRecord r : settings.storage().config().list(tenant.value())) {
      if (r.kind().equals(WebhookCodec.DEAD_LETTER)) {
        all.add(WebhookCodec.deadLetter(r));
      }
    }
    return all;
  }

  /**
   * Where a subscription's delivery stands: its cursor, what is buffered and in flight, the event
   * it is stuck on, and counts since start.
   *
   * @throws NoSuchSubscriptionException if no such subscription is being delivered
   * @throws IllegalStateException if not started
   */
  public DeliveryStatus status(TenantId tenant, String subscription) {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
    synchronized (this) {
      if (!started) {
        throw new IllegalStateException("the webhooks are not started: call start()");
      }
    }
    Dispatcher d = dispatchers.getOrDefault(tenant, Map.of()).get(subscription);
    if (d == null) {
      throw new NoSuchSubscriptionException(tenant, subscription);
    }
    return d.status();
  }

  /**
   * Stops delivering: sends nothing more, waits up to the {@linkplain Builder#closeTimeout close
   * time-out} for the answers to the requests in flight, drops those still unanswered (their
   * events are sent again on the next start) and stops the threads. The storage stays open: the
   * host closes it after.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (parley != null) {
      parley.removeListener(wake);
    }
    List<Dispatcher> all = new ArrayList<>();
    dispatchers.values().forEach(m -> all.addAll(m.values()));
    all.forEach(Dispatcher::drain);
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    try {
      for (Dispatcher d : all) {
        if (!d.awaitIdle(deadline)) {
          log.warn("webhook {}: no answer within the close time-out; its event will be sent again on the next start",
              d.subscription().id());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(Dispatcher::stop);
    dispatchers.clear();
    settings.scheduler().shutdownNow();
    try {
      settings.scheduler().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsClient) {
      settings.client().dispatcher().executorService().shutdown();
      settings.client().connectionPool().evictAll();
    }
    log.info("Parley webhooks stopped");
  }

  private void run(TenantId tenant, Subscription subscription) {
    Dispatcher d = new Dispatcher(tenant, subscription, settings);
    Dispatcher was = dispatchers.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(subscription.id(), d);
    if (was != null) {
      was.stop();
    }
    d.start();
  }

  private void wake(Event event) {
    if (EventType.of(event).isEmpty()) {
      return;
    }
    Map<String, Dispatcher> of = dispatchers.get(event.tenant());
    if (of != null) {
      of.values().forEach(Dispatcher::wake);
    }
  }

  private @Nullable ConfigRecord find(TenantId tenant, String subscription) {
    for (ConfigRecord r : settings.storage().config().list(tenant.value())) {
      if (r.kind().equals(WebhookCodec.SUBSCRIPTION) && r.key().equals(subscription)) {
        return r;
      }
    }
    return null;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("these webhooks are closed: build new ones");
    }
  }

  /** Configures {@link Webhooks}; each setter checks its argument at once. */
  public static final class Builder {
    private final Storage storage;
    private final @Nullable Parley parley;
    private Clock clock = Clock.systemUTC();
    private @Nullable OkHttpClient client;
    private int threads = 2;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(15);
    private Duration deadLetterAfter = Duration.ofHours(24);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 100;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private WebhookListener listener = WebhookListener.NONE;

    private Builder(Storage storage, @Nullable Parley parley) {
      this.storage = storage;
      this.parley = parley;
    }

    /** The clock of signatures' timestamps and of the dead-letter horizon; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The HTTP client to send with, for its time-outs, proxy or TLS set-up; default one with
     * connect, read and write time-outs of 10 s, a call time-out of 30 s and no redirects
     * followed, which the webhooks stop on close. A given client is left to its owner.
     */
    public Builder client(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** How many threads read the outbox and handle answers, for all subscriptions; default 2. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1..64, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The exponential back-off of retries: the wait after the n-th failed attempt is drawn from
     * [cap/2, cap), cap = min(max, initial × 2^(n-1)); default 1 s up to 15 min. A {@code
     * Retry-After} of the receiver's goes before it.
     *
     * @throws IllegalArgumentException unless 0 < initial <= max
     */
    public Builder backoff(Duration initial, Duration max) {
      requireNonNull(initial, "initial");
      requireNonNull(max, "max");
      new Backoff(initial, max); // checks
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How long an event may keep failing, from its first failed attempt, before it is
     * dead-lettered and delivery moves on; default 24 hours.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder deadLetterAfter(Duration horizon) {
      requireNonNull(horizon, "horizon");
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("the dead-letter horizon must be positive, not " + horizon);
      }
      this.deadLetterAfter = horizon;
      return this;
    }

    /**
     * How often an idle subscription looks for new events in the outbox; default 1 s. With the
     * engine given, it is woken at once besides.
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder pollInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive, not " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** How many outbox records a subscription reads at a time, and so holds at most; default 100. */
    public Builder batchSize(int size) {
      if (size < 1 || size > 10_000) {
        throw new IllegalArgumentException("the batch size must be 1..10000, not " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * How long {@link Webhooks#close()} waits for the answers to the requests in flight; default
     * 5 s. Zero drops them at once.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("the close time-out must not be negative, not " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /** Hears deliveries, failures and dead letters; default none. */
    public Builder listener(WebhookListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** The webhooks, not started yet: subscribe, then {@link Webhooks#start()}, or the other way round. */
    public Webhooks build() {
      AtomicInteger n = new AtomicInteger();
      ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(threads, r -> {
        Thread t = new Thread(r, "parley-webhooks-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      scheduler.setRemoveOnCancelPolicy(true); // idle polls are cancelled often: do not keep them
      OkHttpClient http = client != null ? client : new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(10))
          .readTimeout(Duration.ofSeconds(10))
          .writeTimeout(Duration.ofSeconds(10))
          .callTimeout(Duration.ofSeconds(30))
          .followRedirects(false)
          .build();
      Settings settings = new Settings(storage, http, scheduler, clock, new Backoff(initialBackoff, maxBackoff),
          deadLetterAfter, pollInterval, batchSize, closeTimeout, listener);
      return new Webhooks(this, settings);
    }
  }
}
