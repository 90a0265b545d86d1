package dev.parley.channels.email;

import static java.util.Objects.requireNonNull;

import dev.parley.channels.RetryPolicy;
import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.event.EventType;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.OutboxStore;
import dev.parley.storage.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends the e-mails a tenant's sessions ask for, through an {@link EmailAdapter}'s SMTP: each
 * {@linkplain Event.OfflineFormSubmitted offline form} to the tenant's address, and each
 * {@linkplain Event.TranscriptRequested requested transcript} to the address asked for.
 *
 * <p>It reads them from the engine's outbox (so the engine must be built with {@link
 * Parley.Builder#outbox()}), as a consumer of its own, {@value #CONSUMER}: a request is stored in
 * the same write as the change that made it, and the mailer's cursor moves past it only once the
 * SMTP server took the mail or refused it for good. A mail the server could not take (no
 * connection, 4xx replies, after the adapter's own retries) is tried again, with the retry
 * policy's back-off between rounds, until it is sent; the mails after it wait their turn. After a
 * restart the mailer goes on from its stored cursor, so nothing asked for is lost (a mail sent just
 * before a crash may be sent twice). Each mail's {@link MailStatus} is kept in the tenant's
 * configuration store and read with {@link #statuses}.
 *
 * <pre>{@code
 * Parley parley = Parley.builder().storage(storage).outbox().build();
 * EmailAdapter mail = EmailAdapter.builder("support@shop.example").smtp("smtp.shop.example", 587).build();
 * OutboxMailer mailer = OutboxMailer.builder(parley, TenantId.of("shop"), mail)
 *     .offlineFormsTo("team@shop.example")
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: safe for use by any number of threads; mails are sent one at a time on the
 * mailer's own thread, which {@link #close()} stops.
 */
public final class OutboxMailer implements EventListener, AutoCloseable {
  /** The outbox consumer the mailer's cursor is stored under. */
  public static final String CONSUMER = "email.mailer";

  private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);
  private static final String FORM = EventType.SESSION_OFFLINE_FORM.wireName();
  private static final String TRANSCRIPT = EventType.SESSION_TRANSCRIPT_REQUESTED.wireName();

  private final Parley parley;
  private final TenantId tenant;
  private final EmailAdapter mail;
  private final @Nullable String formsTo;
  private final RetryPolicy retry;
  private final Duration pollInterval;
  private final Duration sendTimeout;
  private final Clock clock;
  private final ScheduledExecutorService thread;
  /** Confined to the mailer's thread: how far the mailer got, as stored. */
  private long cursor;
  /** Confined to the mailer's thread: no round before this instant (a failing mail's back-off). */
  private Instant notBefore = Instant.MIN;

  private OutboxMailer(Builder b) {
    this.parley = b.parley;
    this.tenant = b.tenant;
    this.mail = b.mail;
    this.formsTo = b.formsTo;
    this.retry = b.retry;
    this.pollInterval = b.pollInterval;
    this.sendTimeout = b.sendTimeout;
    this.clock = b.clock;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-mailer-" + b.tenant.value());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts a mailer for one tenant of {@code parley}, sending through {@code mail}. */
  public static Builder builder(Parley parley, TenantId tenant, EmailAdapter mail) {
    return new Builder(parley, tenant, mail);
  }

  /** The stored status of each mail {@code session} asked for: its offline form, its transcript. */
  public List<MailStatus> statuses(SessionId session) {
    return MailStatus.stored(parley.storage(), tenant, session);
  }

  /** Wakes the mailer when a session asks for a mail. Called on the engine's event executor; never blocks. */
  @Override
  public void onEvent(Event event) {
    if (event.tenant().equals(tenant)
        && (event instanceof Event.OfflineFormSubmitted || event instanceof Event.TranscriptRequested)) {
      wake(Duration.ZERO);
    }
  }

  /** Stops the mailer's thread, after the mail being sent; what is left is sent after the next start. */
  @Override
  public void close() {
    parley.removeListener(this);
    thread.shutdown();
    try {
      thread.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void wake(Duration after) {
    try {
      thread.schedule(this::round, after.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed: the next start goes on from the stored cursor
    }
  }

  /** Sends what the outbox holds after the cursor, in order, until a mail cannot be sent or none is left. */
  private void round() {
    Instant now = clock.instant();
    if (now.isBefore(notBefore)) {
      wake(Duration.between(now, notBefore)); // a failing mail waits out its back-off
      return;
    }
    OutboxStore outbox = parley.storage().outbox();
    try {
      List<OutboxRecord> batch;
      while (!(batch = outbox.after(tenant.value(), cursor, 100)).isEmpty()) {
        for (OutboxRecord r : batch) {
          Optional<MailStatus> due = due(r);
          if (due.isPresent()) {
            boolean past = send(r, due.get());
            cursor = past ? r.seq() : cursor;
            outbox.saveCursor(tenant.value(), CONSUMER, cursor); // each mail's fate kept: a restart sends none twice
            if (!past) {
              return;
            }
          }
          cursor = r.seq();
        }
        outbox.saveCursor(tenant.value(), CONSUMER, cursor);
      }
    } catch (RuntimeException e) {
      log.warn("the mailer of tenant {} could not read its outbox; trying again in {}", tenant, pollInterval, e);
      wake(pollInterval);
    }
  }

  /** The status of the mail an outbox record asks for, as stored so far; empty when it asks for none. */
  private Optional<MailStatus> due(OutboxRecord r) {
    MailStatus.Purpose purpose;
    String to;
    if (r.type().equals(FORM) && formsTo != null) {
      purpose = MailStatus.Purpose.OFFLINE_FORM;
      to = formsTo;
    } else if (r.type().equals(TRANSCRIPT)) {
      purpose = MailStatus.Purpose.TRANSCRIPT;
      to = payload(r).path("to").asString();
    } else {
      return Optional.empty();
    }
    SessionId session = SessionId.of(requireNonNull(r.session(), "a session's request names its session"));
    return Optional.of(stored(session, purpose)
        .filter(s -> s.state() == MailStatus.State.PENDING && s.to().equals(to))
        .orElseGet(() -> new MailStatus(session, purpose, to, MailStatus.State.PENDING, 0, null, r.at())));
  }

  /** Sends one mail; returns whether the mailer may go on past it (sent, or refused for good). */
  private boolean send(OutboxRecord r, MailStatus status) {
    SendOutcome outcome;
    try {
      outcome = mail.send(outgoing(r, status)).toCompletableFuture().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      outcome = new SendOutcome.Failed(String.valueOf(e instanceof ExecutionException ? e.getCause() : e), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (NothingToSend e) {
      outcome = new SendOutcome.Rejected(0, e.getMessage());
    }
    Instant now = clock.instant();
    if (outcome instanceof SendOutcome.Sent) {
      put(status.after(MailStatus.State.SENT, null, now));
      return true;
    }
    if (outcome instanceof SendOutcome.Failed f) {
      MailStatus failing = status.after(MailStatus.State.PENDING, f.reason(), now);
      put(failing);
      Duration wait = retry.backoff(Math.min(failing.attempts(), 30), 0.5 + ThreadLocalRandom.current().nextDouble() / 2);
      log.warn("mail {} of session {} to {} was not sent ({}); trying again in {}", status.purpose(), status.session(),
          status.to(), f.reason(), wait);
      notBefore = now.plus(wait);
      wake(wait);
      return false;
    }
    String why = outcome instanceof SendOutcome.Rejected x ? x.reason() : "the e-mail channel cannot send " + outcome;
    log.warn("mail {} of session {} to {} was refused: {}", status.purpose(), status.session(), status.to(), why);
    put(status.after(MailStatus.State.FAILED, why, now));
    return true;
  }

  private Outgoing outgoing(OutboxRecord r, MailStatus status) throws NothingToSend {
    ClientRef to = new ClientRef(Channel.EMAIL, status.to());
    if (status.purpose() == MailStatus.Purpose.OFFLINE_FORM) {
      JsonNode form = payload(r);
      String from = form.path("name").isString() ? form.path("name").asString()
          : form.path("email").isString() ? form.path("email").asString() : "a client";
      return Outgoing.builder(to, new OutboundMessage.Text(form.path("text").asString()))
          .subject("Offline form from " + from).build();
    }
    List<MessageRecord> messages = parley.storage().transcripts().transcript(tenant.value(), status.session().value());
    if (messages.isEmpty()) {
      throw new NothingToSend("session " + status.session() + " has no messages to send");
    }
    String client = parley.storage().sessions().find(tenant.value(), status.session().value())
        .flatMap(SessionRecord::clientName).orElse("You");
    List<OutboundMessage.Transcript.Line> lines = new ArrayList<>(messages.size());
    for (MessageRecord m : messages) {
      String author = switch (m.sender()) {
        case CLIENT -> client;
        case SYSTEM -> "system";
        default -> m.author() == null ? m.sender().name().toLowerCase(java.util.Locale.ROOT) : m.author();
      };
      lines.add(new OutboundMessage.Transcript.Line(m.at(), author, m.text()));
    }
    return Outgoing.of(to, new OutboundMessage.Transcript(lines));
  }

  private Optional<MailStatus> stored(SessionId session, MailStatus.Purpose purpose) {
    return statuses(session).stream().filter(s -> s.purpose() == purpose).findFirst();
  }

  private void put(MailStatus status) {
    parley.storage().config().put(status.record(tenant.value()));
  }

  private static JsonNode payload(OutboxRecord r) {
    return Json.parseObject(r.payload().getBytes(StandardCharsets.UTF_8));
  }

  /** A request with nothing to send (a transcript of a session without messages): it fails for good. */
  private static final class NothingToSend extends Exception {
    private static final long serialVersionUID = 1L;

    NothingToSend(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Configures an {@link OutboxMailer}.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    private final Parley parley;
    private final TenantId tenant;
    private final EmailAdapter mail;
    private @Nullable String formsTo;
    private RetryPolicy retry = new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofMinutes(10), 2.0, Duration.ZERO);
    private Duration pollInterval = Duration.ofSeconds(30);
    private Duration sendTimeout = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder(Parley parley, TenantId tenant, EmailAdapter mail) {
      this.parley = requireNonNull(parley, "parley");
      this.tenant = requireNonNull(tenant, "tenant");
      this.mail = requireNonNull(mail, "mail");
    }

    /**
     * The tenant's address offline forms are mailed to; without one, forms are kept as refused
     * sessions only (and told to webhooks), not mailed.
     *
     * @throws IllegalArgumentException if it is not an e-mail address
     */
    public Builder offlineFormsTo(String address) {
      requireNonNull(address, "address");
      try {
        new jakarta.mail.internet.InternetAddress(address, true);
      } catch (jakarta.mail.internet.AddressException e) {
        throw new IllegalArgumentException("not an e-mail address to mail offline forms to: " + address, e);
      }
      this.formsTo = address;
      return this;
    }

    /**
     * The back-off between rounds of a mail the server could not take (its attempt count is not
     * used: rounds go on until the mail is sent); default 5 s doubling up to 10 minutes.
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = requireNonNull(policy, "policy");
      return this;
    }

    /** How long one round of sending may take before it counts as failed; default 5 minutes. */
    public Builder sendTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the send time-out must be positive, not " + timeout);
      }
      this.sendTimeout = timeout;
      return this;
    }

    /** The clock statuses are stamped with; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the mailer, subscribes it to the engine's events and starts it from its stored cursor.
     *
     * @throws IllegalStateException if the engine keeps no outbox
     */
    public OutboxMailer build() {
      if (!parley.keepsOutbox()) {
        throw new IllegalStateException("the mailer reads the engine's outbox: build the engine with Parley.builder().outbox()");
      }
      OutboxMailer mailer = new OutboxMailer(this);
      mailer.thread.execute(() -> mailer.cursor = parley.storage().outbox().cursor(tenant.value(), CONSUMER));
      parley.addListener(mailer);
      mailer.wake(Duration.ZERO);
      return mailer;
    }
  }
}
