package dev.parley.channels.email;

import dev.parley.channels.AdapterBuilder;
import dev.parley.channels.RetryPolicy;
import dev.parley.channels.internal.Defaults;
import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.OutboundPrecheck;
import dev.parley.channels.internal.Parsing;
import dev.parley.core.Channel;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.MessagingWindow;
import dev.parley.core.channel.OutboundMessage.Kind;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * E-mail for one mailbox.
 *
 * <p>Inbound: the body of an {@link InboundRequest} is one raw RFC 5322 message, as an inbound
 * mail webhook relays it or as an IMAP fetch returns it. The sender becomes the client (address in
 * lower case, display name decoded from RFC 2047), {@code Message-ID} the id duplicates are known
 * by, {@code In-Reply-To} the message answered and the first of {@code References} the thread;
 * the text is the {@code text/plain} part (or the HTML without tags), attachments are referenced by
 * {@code cid:}. Raw mail carries no signature the adapter could check: SPF, DKIM and DMARC belong to
 * the receiving mail server, and a webhook relay should be authenticated by the transport.
 *
 * <p>Outbound: plain UTF-8 text over SMTP, threaded under the client's message with {@link
 * Outgoing#replyTo()}; transcripts (the usual end of an e-mail session), files as links and cards as
 * text. No typing, no templates. 5xx SMTP replies are refused, 4xx and lost connections retried.
 *
 * <pre>{@code
 * EmailAdapter mail = EmailAdapter.builder("support@shop.example")
 *     .smtp("smtp.shop.example", 587).startTls().credentials("support", password)
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class EmailAdapter implements ChannelAdapter {
  private final Inbound inbound;
  private final Session session;
  private final MailComposer composer;
  private final SmtpSender smtp;
  private final ChannelCapabilities capabilities;

  private EmailAdapter(Builder b, Inbound inbound, MessagingWindow window) {
    this.inbound = inbound;
    this.session = Session.getInstance(b.smtpProperties());
    this.composer = new MailComposer(b.from, b.defaultSubject);
    this.smtp = new SmtpSender(b.executor, b.scheduler, b.retryPolicy, b.user, b.password);
    this.capabilities = ChannelCapabilities.builder()
        .asynchronous(true)
        .inboundMedia(MediaKind.values())
        .outbound(Kind.TEXT, Kind.FILE, Kind.CARD, Kind.TRANSCRIPT)
        .maxTextLength(1_000_000).maxInboundBytes(inbound.maxInboundBytes())
        .messagingWindow(window)
        .build();
  }

  /** Starts an adapter for the mailbox {@code address}, which is also the sender of replies. */
  public static Builder builder(String address) {
    return new Builder(address);
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    inbound.checkSize(request);
    var message = Parsing.guard(() -> MailParser.parse(request.body(), inbound.clock().instant()));
    return inbound.gate().admit(Batch.of(List.of(message)), HttpReply.OK);
  }

  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    Objects.requireNonNull(outgoing, "outgoing");
    Optional<SendOutcome> early = OutboundPrecheck.of(outgoing, capabilities);
    if (early.isPresent()) {
      return CompletableFuture.completedFuture(early.get());
    }
    try {
      Optional<MimeMessage> message = composer.compose(session, outgoing);
      if (message.isEmpty()) {
        return CompletableFuture.completedFuture(new SendOutcome.Unsupported(outgoing.message().kind()));
      }
      return smtp.send(message.get(), message.get().getMessageID());
    } catch (MessagingException e) {
      return CompletableFuture.completedFuture(new SendOutcome.Rejected(0, "cannot compose the e-mail: " + e.getMessage()));
    }
  }

  /** Builds an {@link EmailAdapter}. */
  public static final class Builder extends AdapterBuilder<Builder> {
    private final InternetAddress from;
    private String host = "localhost";
    private int port = 25;
    private boolean startTls;
    private @Nullable String user;
    private @Nullable String password;
    private Duration timeout = Duration.ofSeconds(30);
    private String defaultSubject = "Re: your message";
    private Executor executor = Defaults.blockingExecutor();
    private ScheduledExecutorService scheduler = Defaults.scheduler();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

    private Builder(String address) {
      super(Duration.ofDays(7), 25 * 1024 * 1024);
      try {
        this.from = new InternetAddress(nonBlank("address", address), true);
      } catch (AddressException e) {
        throw new IllegalArgumentException("not an e-mail address: " + address, e);
      }
    }

    /** The name shown beside the address in replies, e.g. "Shop support". */
    public Builder fromName(String name) {
      try {
        from.setPersonal(nonBlank("name", name), "UTF-8");
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException("UTF-8 is missing from this JVM", e);
      }
      return this;
    }

    /** The SMTP server; default {@code localhost:25}. */
    public Builder smtp(String host, int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.host = nonBlank("host", host);
      this.port = port;
      return this;
    }

    /** Requires STARTTLS before anything is sent. */
    public Builder startTls() {
      this.startTls = true;
      return this;
    }

    /** Authenticates to the SMTP server. */
    public Builder credentials(String user, String password) {
      this.user = nonBlank("user", user);
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Connect, read and write time-out of SMTP; default 30 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the time-out must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The subject of replies that name none; default "Re: your message". */
    public Builder defaultSubject(String subject) {
      this.defaultSubject = nonBlank("subject", subject);
      return this;
    }

    /** Where SMTP's blocking calls run; default a small shared pool of daemon threads. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Times retries; default one shared daemon thread. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** How failed deliveries are retried. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    private Properties smtpProperties() {
      Properties p = new Properties();
      p.setProperty("mail.smtp.host", host);
      p.setProperty("mail.smtp.port", Integer.toString(port));
      p.setProperty("mail.smtp.auth", Boolean.toString(user != null));
      p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
      p.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
      String millis = Long.toString(timeout.toMillis());
      p.setProperty("mail.smtp.connectiontimeout", millis);
      p.setProperty("mail.smtp.timeout", millis);
      p.setProperty("mail.smtp.writetimeout", millis);
      return p;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public EmailAdapter build() {
      return new EmailAdapter(this, inbound("email:" + from.getAddress()), messagingWindowOr(MessagingWindow.NONE));
    }
  }
}
