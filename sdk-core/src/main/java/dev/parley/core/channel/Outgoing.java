package dev.parley.core.channel;

import dev.parley.core.ClientRef;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One message to send to one client, with what threads it into the conversation.
 *
 * <pre>{@code
 * Outgoing reply = Outgoing.builder(client, new OutboundMessage.Text("It does, in blue."))
 *     .replyTo("wamid.HBg…")
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class Outgoing {
  private final ClientRef to;
  private final OutboundMessage message;
  private final @Nullable String replyTo;
  private final @Nullable String subject;

  private Outgoing(Builder b) {
    to = b.to;
    message = b.message;
    replyTo = b.replyTo;
    subject = b.subject;
  }

  /** Starts a message to {@code to}. */
  public static Builder builder(ClientRef to, OutboundMessage message) {
    return new Builder(to, message);
  }

  /** Just {@code message} to {@code to}. */
  public static Outgoing of(ClientRef to, OutboundMessage message) {
    return builder(to, message).build();
  }

  /** The client. */
  public ClientRef to() {
    return to;
  }

  /** What to send. */
  public OutboundMessage message() {
    return message;
  }

  /**
   * The vendor id of the client's message this one answers: a quoted reply on WhatsApp and
   * Messenger, {@code In-Reply-To} on e-mail; WhatsApp's typing indicator needs it.
   */
  public Optional<String> replyTo() {
    return Optional.ofNullable(replyTo);
  }

  /** The subject, for channels that have one (e-mail). */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  @Override
  public String toString() {
    return "Outgoing{" + message.kind() + " to " + to + "}";
  }

  /** Builds an {@link Outgoing}. */
  public static final class Builder {
    private final ClientRef to;
    private final OutboundMessage message;
    private @Nullable String replyTo;
    private @Nullable String subject;

    private Builder(ClientRef to, OutboundMessage message) {
      this.to = Objects.requireNonNull(to, "to");
      this.message = Objects.requireNonNull(message, "message");
    }

    /** The vendor id of the message this one answers. */
    public Builder replyTo(String messageId) {
      Objects.requireNonNull(messageId, "messageId");
      if (messageId.isBlank()) {
        throw new IllegalArgumentException("replyTo must not be blank");
      }
      this.replyTo = messageId;
      return this;
    }

    /** The subject line. */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** Builds it. */
    public Outgoing build() {
      return new Outgoing(this);
    }
  }
}
