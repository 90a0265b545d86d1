package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a session's transcript.
 *
 * <p>{@code id} is the message's idempotency key within the tenant: the vendor's message id for
 * inbound messages, the engine's for outbound ones. Storing the same id twice keeps the first.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param session the session's id
 * @param id the message's id, unique within the tenant
 * @param at when it was sent
 * @param sender who sent it
 * @param author the operator's id or the bot's name; null for the client and the system
 * @param text the text; may be empty when the message carries only files
 * @param files the files it carries, by reference
 * @param delivery how far it got to its recipient
 */
public record MessageRecord(
    String tenant,
    String session,
    String id,
    Instant at,
    Sender sender,
    @Nullable String author,
    String text,
    List<FileRef> files,
    Delivery delivery) {

  /** Who sent a message. */
  public enum Sender {
    CLIENT,
    OPERATOR,
    BOT,
    SYSTEM
  }

  /**
   * How far a message got; each step only moves forward: {@code SENT → DELIVERED → READ}, or
   * {@code SENT → FAILED}.
   */
  public enum Delivery {
    SENT,
    DELIVERED,
    READ,
    FAILED;

    /**
     * Whether a message at this step may move to {@code next}: {@code SENT} to any other step,
     * {@code DELIVERED} to {@code READ}, and nothing else (not to itself either).
     */
    public boolean canMoveTo(Delivery next) {
      requireNonNull(next, "next must not be null");
      return switch (this) {
        case SENT -> next != SENT;
        case DELIVERED -> next == READ;
        case READ, FAILED -> false;
      };
    }
  }

  /**
   * Checks the components and copies the list.
   *
   * @throws IllegalArgumentException if an operator's or bot's message has no author, a client's
   *     or the system's has one, or the message has neither text nor files
   */
  public MessageRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("session", session);
    FieldChecks.nonBlank("id", id);
    requireNonNull(at, "at must not be null");
    requireNonNull(sender, "sender must not be null");
    requireNonNull(text, "text must not be null");
    files = List.copyOf(requireNonNull(files, "files must not be null"));
    requireNonNull(delivery, "delivery must not be null");
    boolean authored = sender == Sender.OPERATOR || sender == Sender.BOT;
    if (authored != (author != null)) {
      throw new IllegalArgumentException(sender + " message " + id
          + (authored ? " needs an author" : " must not have an author, had: " + author));
    }
    if (author != null) {
      FieldChecks.nonBlank("author", author);
    }
    if (text.isEmpty() && files.isEmpty()) {
      throw new IllegalArgumentException("message " + id + " has neither text nor files");
    }
  }

  /** A file a message carries: the storage keeps the reference, never the bytes. */
  public record FileRef(String name, String contentType, long size, String uri) {
    /** Checks the components. */
    public FileRef {
      FieldChecks.nonBlank("name", name);
      FieldChecks.nonBlank("contentType", contentType);
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative, was: " + size);
      }
      FieldChecks.nonBlank("uri", uri);
    }
  }
}
