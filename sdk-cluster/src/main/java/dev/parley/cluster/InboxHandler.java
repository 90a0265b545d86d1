package dev.parley.cluster;

import dev.parley.storage.InboxMessage;
import java.util.concurrent.CompletionStage;

/**
 * Applies a vendor's message from the durable inbox, on the node that owns the message's tenant:
 * typically hands it to the tenant's channel gateway, whose commands go to this node's engine.
 *
 * <p>Threading: an {@link InboxRelay} calls it on its own thread, one message at a time, in the
 * order they were received, and waits for the stage before it calls again; the call
 * itself should not block. A call that throws, or a stage that fails, leaves the message pending:
 * it is applied again at the next round, here or on the partition's next owner.
 *
 * <p>Delivery is at least once: a message applied on a node that then lost its partition before
 * it could mark it applied is applied again by the next owner, so a handler must drop a repeat
 * (channel adapters drop a vendor's duplicate ids).
 *
 * <p>Thread safety: called from one thread at a time.
 */
@FunctionalInterface
public interface InboxHandler {
  /**
   * Applies the message.
   *
   * @return a stage completed once what the message carried is stored (the engine acknowledged
   *     it); the message is then marked applied
   */
  CompletionStage<?> apply(InboxMessage message);
}
