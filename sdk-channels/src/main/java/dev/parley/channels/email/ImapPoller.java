package dev.parley.channels.email;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import dev.parley.core.channel.ChannelException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one mailbox's new mail from an IMAP server and hands each message, raw, to a sink: usually
 * the gateway, through the {@link EmailAdapter}.
 *
 * <pre>{@code
 * ImapPoller poller = ImapPoller.builder("imap.shop.example", 993, "support", password).ssl()
 *     .build(raw -> gateway.receive(Channel.EMAIL,
 *         InboundRequest.builder("POST", URI.create("imap://imap.shop.example/INBOX")).body(raw).build()));
 * poller.start();
 * // ... on shutdown:
 * poller.close();
 * }</pre>
 *
 * <p>Exactly once: a message is handed over in UID order, and its UID is written to the {@link
 * Checkpoint} (under the folder's UIDVALIDITY) only once the sink's stage completed normally. A
 * sink that fails (the engine could not store it) stops the round; the message is offered again
 * after a back-off. A message the sink refuses with a {@link ChannelException} (it is not a
 * readable mail) is logged and passed, as it would be refused forever. Should the process stop
 * between the sink's answer and the checkpoint, or the server change the folder's UIDVALIDITY,
 * the messages come again, and the adapter drops them by {@code Message-ID}.
 *
 * <p>Waiting: with IDLE (RFC 2177) where the server offers it (unless {@link Builder#withoutIdle()}), re-issued when the read time-out
 * (29 minutes by default, below the RFC's 30) ends it; otherwise polling every {@code
 * pollInterval}. A lost connection or login is retried forever, after waits that grow as the
 * {@link RetryPolicy} says, and is logged at {@code warn}.
 *
 * <p>Concurrency: one daemon thread per poller, started by {@link #start()}, does all the IMAP
 * work and calls the sink, waiting for its stage. {@link #close()} may be called from any thread;
 * it closes the connection to end an IDLE and waits for the thread.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class ImapPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

  private final Builder settings;
  private final Function<byte[], ? extends CompletionStage<?>> sink;
  private final Session session;
  private final Thread thread;
  private final Object lock = new Object();
  /** Guarded by {@code lock}. */
  private boolean closed;
  private volatile @Nullable Store store;

  private ImapPoller(Builder b, Function<byte[], ? extends CompletionStage<?>> sink) {
    this.settings = b;
    this.sink = sink;
    this.session = Session.getInstance(b.properties());
    this.thread = new Thread(this::run, "parley-imap-" + b.user + "@" + b.host);
    thread.setDaemon(true);
  }

  /** Starts a poller for {@code user} on the IMAP server {@code host:port}. */
  public static Builder builder(String host, int port, String user, String password) {
    return new Builder(host, port, user, password);
  }

  /**
   * Where a poller remembers the last UID it delivered, per UIDVALIDITY of its folder.
   *
   * <p>Threading: called on the poller's thread only; may block (a database). What it throws
   * ends the round like a lost connection: the round is tried again after a back-off.
   */
  public interface Checkpoint {
    /** The highest UID delivered under {@code uidValidity}, if any. */
    OptionalLong lastUid(long uidValidity);

    /** Records that every message up to {@code uid} under {@code uidValidity} was delivered. */
    void delivered(long uidValidity, long uid);

    /**
     * A checkpoint in the tenant's configuration store ({@code parley.storage().config()}, a
     * record of kind {@code imap.checkpoint} keyed by {@code mailbox}): a poller started again
     * after a restart or a crash goes on after the last mail it delivered. Give each mailbox its
     * own name, and one poller per checkpoint.
     *
     * @param mailbox the mailbox's name within the tenant, such as its address
     */
    static Checkpoint stored(Parley parley, TenantId tenant, String mailbox) {
      Objects.requireNonNull(parley, "parley");
      Objects.requireNonNull(tenant, "tenant");
      if (mailbox == null || mailbox.isBlank()) {
        throw new IllegalArgumentException("mailbox must not be blank");
      }
      return new StoredCheckpoint(parley.storage().config(), tenant.value(), mailbox);
    }

    /**
     * A checkpoint in memory: after a restart every mail in the folder comes again, and only the
     * adapter's {@code Message-ID} check, itself in memory, stands between it and the engine. For
     * tests; a center uses {@link #stored}.
     */
    static Checkpoint inMemory() {
      ConcurrentHashMap<Long, Long> last = new ConcurrentHashMap<>();
      return new Checkpoint() {
        @Override
        public OptionalLong lastUid(long uidValidity) {
          Long uid = last.get(uidValidity);
          return uid == null ? OptionalLong.empty() : OptionalLong.of(uid);
        }

        @Override
        public void delivered(long uidValidity, long uid) {
          last.merge(uidValidity, uid, Math::max);
        }
      };
    }
  }

  /**
   * Starts the poller's thread.
   *
   * @throws IllegalStateException if it was started or closed before
   */
  public void start() {
    synchronized (lock) {
      if (closed || thread.getState() != Thread.State.NEW) {
        throw new IllegalStateException("an IMAP poller starts once; this one was started or closed");
      }
      thread.start();
    }
  }

  /** Stops the poller: ends its connection and waits (up to 10 s) for its thread. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    closeQuietly(store);
    try {
      if (thread.getState() != Thread.State.NEW) {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean closed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void run() {
    log.info("IMAP poller for {}@{}:{}/{} started", settings.user, settings.host, settings.port, settings.folder);
    int failures = 0;
    while (!closed()) {
      try {
        Store connected = session.getStore(settings.ssl ? "imaps" : "imap");
        store = connected;
        if (closed()) {
          break;
        }
        connected.connect(settings.host, settings.port, settings.user, settings.password);
        IMAPFolder folder = (IMAPFolder) connected.getFolder(settings.folder);
        folder.open(Folder.READ_ONLY);
        boolean idle = settings.idle && ((IMAPStore) connected).hasCapability("IDLE");
        while (!closed()) {
          fetchNew(folder);
          failures = 0;
          if (idle) {
            folder.idle(true);
          } else {
            pause(settings.pollInterval);
          }
        }
      } catch (MessagingException | IOException | DeliveryFailed | RuntimeException e) {
        if (closed()) {
          break;
        }
        closeQuietly(store);
        failures++;
        log.warn("IMAP poller for {}@{}: {}; trying again (failure {})", settings.user, settings.host, e, failures);
        pause(settings.reconnect.backoff(failures, ThreadLocalRandom.current().nextDouble()));
      } finally {
        closeQuietly(store);
      }
    }
    log.info("IMAP poller for {}@{} stopped", settings.user, settings.host);
  }

  /** Hands over every message above the checkpoint, in UID order, checkpointing each. */
  private void fetchNew(IMAPFolder folder) throws MessagingException, IOException, DeliveryFailed {
    long validity = folder.getUIDValidity();
    long last = settings.checkpoint.lastUid(validity).orElse(0);
    for (Message m : folder.getMessagesByUID(last + 1, UIDFolder.MAXUID)) {
      long uid = folder.getUID(m);
      if (uid <= last || closed()) {
        continue; // "n:*" names the last message even when it is below n
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      m.writeTo(raw);
      deliver(uid, raw.toByteArray());
      settings.checkpoint.delivered(validity, uid);
    }
  }

  private void deliver(long uid, byte[] raw) throws DeliveryFailed {
    try {
      sink.apply(raw).toCompletableFuture().get(settings.deliveryTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ChannelException refused) {
      passOver(uid, refused);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof ChannelException refused)) {
        throw new DeliveryFailed(uid, e.getCause());
      }
      passOver(uid, refused);
    } catch (TimeoutException e) {
      throw new DeliveryFailed(uid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed(uid, e);
    }
  }

  /** A mail the adapter will never read (no sender, not MIME): taken as done, so it does not block the rest. */
  private void passOver(long uid, ChannelException refused) {
    log.warn("IMAP poller for {}@{}: message UID {} refused, passed over: {}", settings.user, settings.host, uid,
        refused.getMessage());
  }

  private void pause(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      for (long left = wait.toNanos(); !closed && left > 0; left = deadline - System.nanoTime()) {
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void closeQuietly(@Nullable Store s) {
    if (s != null) {
      try {
        s.close();
      } catch (MessagingException | RuntimeException e) {
        log.trace("closing the IMAP store", e);
      }
    }
  }

  /** The sink could not take a message: the round ends, and the message comes again. */
  private static final class DeliveryFailed extends Exception {
    DeliveryFailed(long uid, @Nullable Throwable cause) {
      super("the sink did not take message UID " + uid + ": " + cause, cause);
    }
  }

  /** Builds an {@link ImapPoller}. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private String folder = "INBOX";
    private boolean ssl;
    private boolean idle = true;
    private Duration pollInterval = Duration.ofMinutes(1);
    private Duration timeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofMinutes(29);
    private Duration deliveryTimeout = Duration.ofMinutes(1);
    private RetryPolicy reconnect = new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, Duration.ZERO);
    private Checkpoint checkpoint = Checkpoint.inMemory();

    private Builder(String host, int port, String user, String password) {
      this.host = nonBlank("host", host);
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      this.user = nonBlank("user", user);
      this.password = Objects.requireNonNull(password, "password");
    }

    /** The folder to take mail from; default {@code INBOX}. */
    public Builder folder(String folder) {
      this.folder = nonBlank("folder", folder);
      return this;
    }

    /** Connects over TLS ({@code imaps}, usually port 993). */
    public Builder ssl() {
      this.ssl = true;
      return this;
    }

    /**
     * Polls every {@code pollInterval} even where the server offers IDLE: for servers (or
     * proxies on the way) whose IDLE drops notifications.
     */
    public Builder withoutIdle() {
      this.idle = false;
      return this;
    }

    /** How often a server without IDLE is asked for new mail; default 1 minute. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive("pollInterval", interval);
      return this;
    }

    /** Connect time-out; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** Read time-out, which also ends (and so renews) an IDLE; default 29 minutes. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /** How long the sink may take for one message before the round is ended; default 1 minute. */
    public Builder deliveryTimeout(Duration timeout) {
      this.deliveryTimeout = positive("deliveryTimeout", timeout);
      return this;
    }

    /** The waits between tries after a failure (its {@code maxAttempts} is ignored: the poller never gives up). */
    public Builder reconnect(RetryPolicy policy) {
      this.reconnect = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where delivered UIDs are remembered; default {@link Checkpoint#inMemory()}, which forgets
     * them on restart: give a center's pollers {@link Checkpoint#stored}.
     */
    public Builder checkpoint(Checkpoint checkpoint) {
      this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
      return this;
    }

    /**
     * Builds the poller, which hands each raw message to {@code sink} and waits for the stage it
     * returns (normal completion: taken; a {@link ChannelException}: refused for good; anything
     * else: not taken, offered again later). Call {@link ImapPoller#start()}.
     */
    public ImapPoller build(Function<byte[], ? extends CompletionStage<?>> sink) {
      return new ImapPoller(this, Objects.requireNonNull(sink, "sink"));
    }

    private Properties properties() {
      Properties p = new Properties();
      String protocol = ssl ? "imaps" : "imap";
      p.setProperty("mail." + protocol + ".connectiontimeout", Long.toString(timeout.toMillis()));
      p.setProperty("mail." + protocol + ".timeout", Long.toString(readTimeout.toMillis()));
      p.setProperty("mail." + protocol + ".writetimeout", Long.toString(timeout.toMillis()));
      return p;
    }

    private static String nonBlank(String what, String value) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    private static Duration positive(String what, Duration value) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + value);
      }
      return value;
    }
  }
}
