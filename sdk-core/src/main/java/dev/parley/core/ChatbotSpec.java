package dev.parley.core;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's chatbot: where the engine sends it the client's turns, the secret it signs them with,
 * and how long the bot has to answer each turn before its session falls back to the group.
 *
 * <pre>{@code
 * ChatbotSpec faq = ChatbotSpec.builder(ChatbotId.of("faq"), URI.create("https://bots.example.com/faq"))
 *     .secret(secret)
 *     .replyTimeout(Duration.ofSeconds(8))
 *     .build();
 * acme.defineChatbot(faq);
 * acme.defineGroup(GroupSpec.builder(sales).chatbot(faq.id()).build());
 * }</pre>
 *
 * <p>The engine's core only keeps the spec and times the bot's turns; the {@code parley-chatbots}
 * module makes the HTTP calls. {@link #toString()} leaves the secret out.
 *
 * <p>Thread safety: immutable.
 */
public final class ChatbotSpec {
  /** The shortest secret accepted: 16 characters, as for webhook subscriptions. */
  public static final int MIN_SECRET_LENGTH = 16;

  private final ChatbotId id;
  private final URI endpoint;
  private final String secret;
  private final Duration replyTimeout;

  private ChatbotSpec(Builder b) {
    id = b.id;
    endpoint = b.endpoint;
    secret = Objects.requireNonNull(b.secret);
    replyTimeout = b.replyTimeout;
  }

  /**
   * Starts a spec; a secret is required, the reply time-out defaults to 10 s.
   *
   * @param endpoint the absolute http or https URL the engine POSTs the bot's turns to
   */
  public static Builder builder(ChatbotId id, URI endpoint) {
    return new Builder(id, endpoint);
  }

  /** The chatbot's id. */
  public ChatbotId id() {
    return id;
  }

  /** Where the engine POSTs the session's opening and the client's messages. */
  public URI endpoint() {
    return endpoint;
  }

  /** The key of the HMAC-SHA256 signature on every request to the bot. */
  public String secret() {
    return secret;
  }

  /**
   * How long the bot has to answer a turn (the session's opening, or a client message it has not
   * answered yet) with a message, a hand-off or an end; past it the session falls back to the
   * group's queue.
   */
  public Duration replyTimeout() {
    return replyTimeout;
  }

  /** Returns a builder holding this spec's values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(id, endpoint).secret(secret).replyTimeout(replyTimeout);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof ChatbotSpec)) {
      return false;
    }
    ChatbotSpec o = (ChatbotSpec) other;
    return id.equals(o.id) && endpoint.equals(o.endpoint) && secret.equals(o.secret) && replyTimeout.equals(o.replyTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, endpoint, secret, replyTimeout);
  }

  @Override
  public String toString() {
    return "ChatbotSpec{" + id + ", " + endpoint + ", reply within " + replyTimeout + "}";
  }

  /** Builds a {@link ChatbotSpec}; each setter checks its argument at once. */
  public static final class Builder {
    private static final Duration MAX_REPLY_TIMEOUT = Duration.ofHours(1);

    private final ChatbotId id;
    private final URI endpoint;
    private @Nullable String secret;
    private Duration replyTimeout = Duration.ofSeconds(10);

    private Builder(ChatbotId id, URI endpoint) {
      this.id = Objects.requireNonNull(id, "id");
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!endpoint.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("chatbot endpoint must be an absolute http or https URL, not " + endpoint);
      }
      this.endpoint = endpoint;
    }

    /** The signing secret, at least {@value ChatbotSpec#MIN_SECRET_LENGTH} characters; required. */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException("chatbot secret must be at least " + MIN_SECRET_LENGTH
            + " characters long, not " + secret.length());
      }
      this.secret = secret;
      return this;
    }

    /** How long the bot has to answer a turn: more than 0 up to an hour; default 10 s. */
    public Builder replyTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "reply timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_REPLY_TIMEOUT) > 0) {
        throw new IllegalArgumentException("chatbot reply timeout must be more than 0 up to 1 hour, not " + timeout);
      }
      this.replyTimeout = timeout;
      return this;
    }

    /** Builds the spec. */
    public ChatbotSpec build() {
      if (secret == null) {
        throw new IllegalStateException("chatbot " + id + " needs a signing secret: call secret(...)");
      }
      return new ChatbotSpec(this);
    }
  }
}
