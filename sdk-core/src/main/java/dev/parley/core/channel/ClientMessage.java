package dev.parley.core.channel;

import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message a client wrote: text and attachments, with the vendor's id, and the {@link Entry} the
 * engine uses when there is no live session for this client yet (his profile name, phone, e-mail,
 * language, subject).
 *
 * <pre>{@code
 * ClientMessage m = ClientMessage.builder("wamid.HBg…", client, at)
 *     .text("Does it come in another color?")
 *     .entry(Entry.builder(Channel.WHATSAPP).client("16505551234").name("Sheena").build())
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class ClientMessage implements InboundItem {
  private final String id;
  private final ClientRef client;
  private final Instant at;
  private final String text;
  private final List<Attachment> attachments;
  private final @Nullable String replyTo;
  private final @Nullable String thread;
  private final Entry entry;

  private ClientMessage(Builder b) {
    id = b.id;
    client = b.client;
    at = b.at;
    text = b.text;
    attachments = List.copyOf(b.attachments);
    replyTo = b.replyTo;
    thread = b.thread;
    entry = b.entry != null ? b.entry : Entry.builder(client.channel()).client(client.identifier()).build();
  }

  /** Starts a message with the vendor's id, the sender and the instant it was sent. */
  public static Builder builder(String id, ClientRef client, Instant at) {
    return new Builder(id, client, at);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ClientRef client() {
    return client;
  }

  @Override
  public Instant at() {
    return at;
  }

  /** The text, empty when the message is only attachments. */
  public String text() {
    return text;
  }

  /** The files, by reference. */
  public List<Attachment> attachments() {
    return attachments;
  }

  /** The vendor id of the message this one answers, when the client replied to one. */
  public Optional<String> replyTo() {
    return Optional.ofNullable(replyTo);
  }

  /** The vendor's conversation key, where it has one beyond the client (an e-mail thread's root). */
  public Optional<String> thread() {
    return Optional.ofNullable(thread);
  }

  /** How the client arrives if the engine has no live session for him. */
  public Entry entry() {
    return entry;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ClientMessage m
        && id.equals(m.id) && client.equals(m.client) && at.equals(m.at) && text.equals(m.text)
        && attachments.equals(m.attachments) && Objects.equals(replyTo, m.replyTo)
        && Objects.equals(thread, m.thread) && entry.equals(m.entry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, client, at, text);
  }

  @Override
  public String toString() {
    return "ClientMessage{" + id + " from " + client + ", " + text.length() + " chars, "
        + attachments.size() + " attachments}";
  }

  /** Builds a {@link ClientMessage}; each setter checks its argument at once. */
  public static final class Builder {
    private final String id;
    private final ClientRef client;
    private final Instant at;
    private String text = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private @Nullable String replyTo;
    private @Nullable String thread;
    private @Nullable Entry entry;

    private Builder(String id, ClientRef client, Instant at) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("a message's vendor id must not be blank");
      }
      this.id = id;
      this.client = Objects.requireNonNull(client, "client");
      this.at = Objects.requireNonNull(at, "at");
    }

    /** The text as the client wrote it. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Adds an attachment. */
    public Builder attachment(Attachment attachment) {
      attachments.add(Objects.requireNonNull(attachment, "attachment"));
      return this;
    }

    /** The vendor id of the message this one answers. */
    public Builder replyTo(String messageId) {
      this.replyTo = Objects.requireNonNull(messageId, "messageId");
      return this;
    }

    /** The vendor's conversation key. */
    public Builder thread(String thread) {
      this.thread = Objects.requireNonNull(thread, "thread");
      return this;
    }

    /** The client's entry, with his contact details; its client must be this message's sender. */
    public Builder entry(Entry entry) {
      Objects.requireNonNull(entry, "entry");
      if (!entry.client().equals(Optional.of(client))) {
        throw new IllegalArgumentException("the entry's client " + entry.client().orElse(null)
            + " is not the sender " + client);
      }
      this.entry = entry;
      return this;
    }

    /** Builds the message; it must have text or an attachment. */
    public ClientMessage build() {
      if (text.isEmpty() && attachments.isEmpty()) {
        throw new IllegalStateException("message " + id + " has neither text nor attachments");
      }
      return new ClientMessage(this);
    }
  }
}
