package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps what was said in each session: the client's, operators', bots' and
 * system messages, with the files they carry and how far each got.
 *
 * <p>Writes are idempotent by message id, because channels deliver the same message more than
 * once. The transcript of an erased or purged session is removed by the {@link SessionStore} of
 * the same storage.
 *
 * <p>Threading: called by the engine's writer threads and the adapters' delivery callbacks, and
 * read by administrators' requests. A call may block on I/O.
 *
 * <p>Durability and failure: as for {@link SessionStore}.
 *
 * <p>Thread safety: implementations must be thread-safe.
 */
public interface TranscriptStore {
  /**
   * Adds a message to its session's transcript, unless one with the same tenant and id is
   * already stored, in this session or another (then nothing changes, whatever the new one
   * holds: the first is kept), or its session has been {@linkplain SessionStore#erase erased}
   * (an erased session's transcript stays empty: the client asked to be forgotten).
   *
   * @return whether it was added
   */
  boolean append(MessageRecord message);

  /**
   * Adds several messages, each as {@link #append} would, in turn (so of two with the same id, the
   * first is kept). A storage may add them in one transaction, which costs a durable storage one
   * commit instead of one per message. If it throws, some of them may have been added; since
   * appending is idempotent, the same list may simply be appended again.
   *
   * <p>The default appends them one by one.
   *
   * @return how many were added
   */
  default int appendAll(List<MessageRecord> messages) {
    requireNonNull(messages, "messages must not be null");
    int added = 0;
    for (MessageRecord message : List.copyOf(messages)) {
      if (append(message)) {
        added++;
      }
    }
    return added;
  }

  /**
   * Moves a message's delivery state forward ({@code SENT → DELIVERED → READ}, or to {@code
   * FAILED} from {@code SENT}, as {@link MessageRecord.Delivery#canMoveTo} says); a step back or
   * sideways changes nothing, since receipts arrive out of order.
   *
   * @return the message as stored afterwards, or empty if there is no such message
   */
  Optional<MessageRecord> markDelivery(String tenant, String messageId, MessageRecord.Delivery delivery);

  /** Returns a message, or empty if there is none. */
  Optional<MessageRecord> find(String tenant, String messageId);

  /**
   * Returns a session's messages in the order they were sent ({@code at}, then the order stored);
   * empty if it has none.
   */
  List<MessageRecord> transcript(String tenant, String session);
}
