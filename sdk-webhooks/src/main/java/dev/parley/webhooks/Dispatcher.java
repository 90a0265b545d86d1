package dev.parley.webhooks;

import dev.parley.core.TenantId;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.Storage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscription's events: reads the tenant's outbox after the subscription's cursor,
 * a batch at a time, skips the types it did not subscribe, and POSTs the others one at a time in
 * sequence order (so a session's events arrive in the order they happened), moving the stored
 * cursor past each event its receiver answers with a 2xx.
 *
 * <p>A failed attempt (a non-2xx answer, a network error, a time-out) is tried again after the
 * receiver's {@code Retry-After} or an exponential back-off with jitter; the events after it wait.
 * Once the event has failed for the whole horizon, it is stored as a {@link DeadLetter} and
 * delivery moves on. The cursor is stored after the answer: if the host dies in between, the event
 * is sent again, with the same {@code Parley-Event-Id} (at least once).
 *
 * <p>Concurrency: every state change runs under this object's lock, on the webhooks' scheduler
 * threads: timers, the hops back from OkHttp's callbacks ({@link #later}), and the public calls
 * ({@link #replay}, {@link #status}). No thread ever waits for a receiver: requests are enqueued on
 * OkHttp's dispatcher, and at most one is in flight. {@link #wake} takes no lock, so the engine's
 * event thread never waits for a delivery. A generation number tells stale answers (from before a
 * replay or a stop) from current ones.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final TenantId tenant;
  private final Subscription subscription;
  private final Settings settings;
  private final String consumer;
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  // Guarded by this.
  private long cursor;
  private final ArrayDeque<OutboxRecord> pending = new ArrayDeque<>();
  private @Nullable Failing failing;
  private @Nullable Call call;
  private @Nullable ScheduledFuture<?> timer;
  private boolean retrying;
  private long generation;
  private boolean stopped;
  /** Closing: no new request, no timer; the answer to the request in flight is still taken. */
  private boolean draining;
  private long delivered;
  private long failedAttempts;
  private long deadLettered;

  Dispatcher(TenantId tenant, Subscription subscription, Settings settings) {
    this.tenant = tenant;
    this.subscription = subscription;
    this.settings = settings;
    this.consumer = consumer(subscription.id());
  }

  /** The outbox consumer a subscription's cursor is stored under. */
  static String consumer(String subscription) {
    return "webhook:" + subscription;
  }

  Subscription subscription() {
    return subscription;
  }

  /** Takes up where the last run left off: the stored cursor and the stored failing event. */
  synchronized void start() {
    cursor = settings.storage().outbox().cursor(tenant.value(), consumer);
    for (ConfigRecord r : settings.storage().config().list(tenant.value())) {
      if (r.kind().equals(WebhookCodec.FAILING) && r.key().equals(subscription.id())) {
        Failing f = WebhookCodec.failing(r);
        failing = f.seq() > cursor ? f : null;
      }
    }
    schedule(Duration.ZERO, false);
  }

  /** Sends nothing more, but takes the answer to the request in flight (see {@link #awaitIdle}). */
  synchronized void drain() {
    draining = true;
    cancelTimer();
  }

  /**
   * Waits until no request is in flight, or until {@code deadline} ({@link System#nanoTime()}).
   *
   * @return whether none is
   */
  synchronized boolean awaitIdle(long deadline) throws InterruptedException {
    while (call != null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Stops for good: drops the request in flight and the timer. Answers that still come are ignored. */
  synchronized void stop() {
    stopped = true;
    generation++;
    cancelCall();
    cancelTimer();
  }

  /** New events may be in the outbox: look now, unless busy or backing off. Never blocks. */
  void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      later(() -> {
        wakeQueued.set(false);
        poke();
      });
    }
  }

  private synchronized void poke() {
    if (call == null && !retrying) {
      step();
    }
  }

  /**
   * Delivers again from the first event at or after {@code from}: moves the stored cursor back,
   * forgets the failing event, and drops the dead letters from there on (they are tried again).
   */
  synchronized void replay(Instant from) {
    generation++;
    cancelCall();
    pending.clear();
    failing = null;
    cursor = rewind(settings.storage(), tenant, subscription.id(), from);
    if (!stopped) {
      schedule(Duration.ZERO, false);
    }
  }

  /**
   * Moves a subscription's stored cursor back to just before the first event at or after {@code
   * from}, and forgets its failing event and its dead letters from there on.
   *
   * @return the new cursor
   */
  static long rewind(Storage storage, TenantId tenant, String subscription, Instant from) {
    long first = storage.outbox().firstAtOrAfter(tenant.value(), from);
    storage.outbox().saveCursor(tenant.value(), consumer(subscription), first - 1);
    storage.config().remove(tenant.value(), WebhookCodec.FAILING, subscription);
    for (ConfigRecord r : storage.config().list(tenant.value())) {
      if (!r.kind().equals(WebhookCodec.DEAD_LETTER)) {
        continue;
      }
      DeadLetter letter = WebhookCodec.deadLetter(r);
      if (letter.subscription().equals(subscription) && letter.seq() >= first) {
        storage.config().remove(tenant.value(), r.kind(), r.key());
      }
    }
    return first - 1;
  }

  synchronized DeliveryStatus status() {
    return new DeliveryStatus(tenant.value(), subscription.id(), cursor, pending.size(), call != null,
        failing == null ? null : failing.since(), failing == null ? 0 : failing.attempts(),
        failing == null ? null : failing.lastError(), delivered, failedAttempts, deadLettered);
  }

  /** Sends the next event, reading the outbox when none is buffered; else waits for more. */
  private synchronized void step() {
    cancelTimer();
    if (stopped || draining || call != null) {
      return;
    }
    try {
      if (pending.isEmpty() && !fill()) {
        schedule(settings.pollInterval(), false);
        return;
      }
    } catch (RuntimeException e) {
      log.warn("webhook {} of tenant {}: could not read the outbox; trying again in {}", subscription.id(), tenant,
          settings.pollInterval(), e);
      schedule(settings.pollInterval(), false);
      return;
    }
    send(pending.element());
  }

  /** Buffers the next events of subscribed types; moves the cursor past the others. */
  private boolean fill() {
    while (true) {
      List<OutboxRecord> read = settings.storage().outbox().after(tenant.value(), cursor, settings.batchSize());
      if (read.isEmpty()) {
        return false;
      }
      for (OutboxRecord r : read) {
        if (subscription.wants(r.type())) {
          pending.add(r);
        }
      }
      if (!pending.isEmpty()) {
        return true;
      }
      cursor = read.get(read.size() - 1).seq();
      settings.storage().outbox().saveCursor(tenant.value(), consumer, cursor);
    }
  }

  private void send(OutboxRecord event) {
    byte[] body = Envelope.body(event);
    long timestamp = settings.clock().instant().getEpochSecond();
    Request request = new Request.Builder()
        .url(subscription.url().toString())
        .header("User-Agent", "Parley-Webhooks")
        .header("Parley-Event-Id", event.idempotencyKey())
        .header("Parley-Event-Type", event.type())
        .header("Parley-Timestamp", Long.toString(timestamp))
        .header("Parley-Signature", WebhookSignature.header(subscription.secret(), timestamp, body))
        .post(RequestBody.create(body, JSON))
        .build();
    long sent = generation;
    Call c = settings.client().newCall(request);
    call = c;
    log.trace("webhook {} of tenant {}: sending {}", subscription.id(), tenant, event.idempotencyKey());
    c.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        later(() -> failed(sent, event, null, e.toString()));
      }

      @Override
      public void onResponse(Call answered, Response response) {
        int code;
        String retryAfter;
        try (response) {
          code = response.code();
          retryAfter = response.header("Retry-After");
        }
        later(() -> {
          if (code >= 200 && code < 300) {
            succeeded(sent, event, code);
          } else {
            failed(sent, event, retryAfter, "HTTP " + code);
          }
        });
      }
    });
  }

  private synchronized void succeeded(long sent, OutboxRecord event, int code) {
    if (sent != generation) {
      return;
    }
    call = null;
    notifyAll();
    delivered++;
    pending.remove();
    cursor = event.seq();
    try {
      settings.storage().outbox().saveCursor(tenant.value(), consumer, cursor);
      if (failing != null) {
        settings.storage().config().remove(tenant.value(), WebhookCodec.FAILING, subscription.id());
      }
    } catch (RuntimeException e) {
      log.warn("webhook {} of tenant {}: could not store the cursor; {} may be sent again after a restart",
          subscription.id(), tenant, event.idempotencyKey(), e);
    }
    failing = null;
    notify(l -> l.delivered(tenant, subscription.id(), event, code));
    step();
  }

  private synchronized void failed(long sent, OutboxRecord event, @Nullable String retryAfter, String error) {
    if (sent != generation) {
      return;
    }
    call = null;
    notifyAll();
    failedAttempts++;
    Instant now = settings.clock().instant();
    Failing was = failing != null && failing.seq() == event.seq() ? failing : new Failing(event.seq(), now, 0, error);
    Failing f = was.again(error);
    failing = f;
    if (!now.isBefore(f.since().plus(settings.deadLetterAfter()))) {
      deadLetter(event, f, now);
      return;
    }
    try {
      settings.storage().config().put(WebhookCodec.encode(tenant, subscription.id(), f));
    } catch (RuntimeException e) {
      log.warn("webhook {} of tenant {}: could not store the failing state of {}", subscription.id(), tenant,
          event.idempotencyKey(), e);
    }
    Duration asked = Backoff.retryAfter(retryAfter, now);
    Duration wait = asked != null ? asked : settings.backoff().delay(f.attempts(), ThreadLocalRandom.current().nextDouble());
    if (wait.compareTo(settings.deadLetterAfter()) > 0) {
      wait = settings.deadLetterAfter();
    }
    Duration retryIn = wait;
    notify(l -> l.failed(tenant, subscription.id(), event, error, retryIn));
    schedule(wait, true);
  }

  private void deadLetter(OutboxRecord event, Failing f, Instant now) {
    DeadLetter letter = new DeadLetter(tenant.value(), subscription.id(), event.seq(), event.idempotencyKey(),
        event.type(), event.session(), event.at(), f.since(), now, f.attempts(), f.lastError());
    try {
      settings.storage().config().put(WebhookCodec.encode(letter));
      settings.storage().config().remove(tenant.value(), WebhookCodec.FAILING, subscription.id());
      settings.storage().outbox().saveCursor(tenant.value(), consumer, event.seq());
    } catch (RuntimeException e) {
      log.warn("webhook {} of tenant {}: could not store the dead letter of {}; trying again in {}",
          subscription.id(), tenant, event.idempotencyKey(), settings.pollInterval(), e);
      schedule(settings.pollInterval(), true);
      return;
    }
    log.warn("webhook {} of tenant {}: gave up on {} ({}) after {} attempts since {}; last: {}", subscription.id(),
        tenant, event.idempotencyKey(), event.type(), f.attempts(), f.since(), f.lastError());
    deadLettered++;
    pending.remove();
    cursor = event.seq();
    failing = null;
    notify(l -> l.deadLettered(letter));
    step();
  }

  private void notify(Consumer<WebhookListener> callback) {
    try {
      callback.accept(settings.listener());
    } catch (RuntimeException e) {
      log.warn("webhook listener {} failed; carrying on", settings.listener(), e);
    }
  }

  /** Runs {@code task} on the scheduler; drops it when the webhooks are closing. */
  private void later(Runnable task) {
    try {
      settings.scheduler().execute(task);
    } catch (RejectedExecutionException e) {
      // closed: the task's answer is as good as lost, and the stored cursor says so
    }
  }

  private void schedule(Duration delay, boolean retry) {
    cancelTimer();
    if (stopped || draining) {
      return;
    }
    retrying = retry;
    try {
      timer = settings.scheduler().schedule(this::step, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      timer = null; // closing
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    retrying = false;
  }

  private void cancelCall() {
    if (call != null) {
      call.cancel();
      call = null;
      notifyAll();
    }
  }
}
