package dev.parley.storage;

import java.util.Collection;
import java.util.List;

/**
 * The durable inbox of vendor webhooks: a node of a cluster that received a vendor's message
 * {@linkplain #accept accepts} it here (whichever node it is) and answers the vendor only once
 * that returned, so that no message answered {@code 200} is lost while its tenant's partition
 * moves; the partition's owner reads what is {@linkplain #pending pending} and {@linkplain
 * #markApplied marks} it applied through its {@linkplain Storage#fenced fenced} view, so that a
 * node that lost the partition marks nothing.
 *
 * <pre>{@code
 * if (storage.inbox().accept(message)) { ... }          // any node, then answer 200 either way
 * List<InboxMessage> todo = mine.inbox().pending("acme", 100); // the owner, mine = storage.fenced(fence)
 * todo.forEach(this::apply);
 * mine.inbox().markApplied("acme", todo);                // refused once the partition moved on
 * }</pre>
 *
 * <p>Delivery to the owner is at least once: an owner that fails between applying a message and
 * marking it applies it again after a takeover, so what applies a message must drop a repeat (as
 * channel adapters drop a vendor's duplicate ids).
 *
 * <p>Thread safety: implementations must be thread-safe.
 */
public interface InboxStore {
  /**
   * Accepts a message, durably before returning, unless one of the same tenant, source and id was
   * accepted before (whether applied yet or not).
   *
   * @return true if it was new, false for a repeat (which changes nothing)
   */
  boolean accept(InboxMessage message);

  /**
   * The tenant's messages accepted and not yet applied, oldest {@linkplain InboxMessage#receivedAt
   * received} first (ties by source, then id), at most {@code limit}. By when they were received,
   * not by a counter: nodes accepting at once never wait for each other, and messages received by
   * two nodes within their clocks' difference of each other come in either order, as a vendor's
   * own retries may.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<InboxMessage> pending(String tenant, int limit);

  /**
   * Marks the tenant's messages applied: they are no longer pending, and are still repeats if sent
   * again. Messages of other tenants, or not accepted, are left alone.
   *
   * @return how many of them were pending
   */
  int markApplied(String tenant, Collection<InboxMessage> messages);
}
