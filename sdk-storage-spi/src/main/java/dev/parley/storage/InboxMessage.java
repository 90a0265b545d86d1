package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A vendor's webhook message, accepted into the {@link InboxStore} once its signature was checked:
 * any node of a cluster accepts it and answers the vendor, the owner of the tenant's partition
 * applies it later.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant it is for
 * @param source who sent it, such as {@code whatsapp}: the scope of {@code messageId}
 * @param messageId the vendor's own id of the message, unique within its source: the same message
 *     sent again (a vendor retries until it is answered) is accepted once
 * @param payload the message as the vendor sent it (the verified body)
 * @param receivedAt when a node received it
 */
public record InboxMessage(String tenant, String source, String messageId, String payload, Instant receivedAt) {
  /** Checks the components. */
  public InboxMessage {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("source", source);
    FieldChecks.nonBlank("messageId", messageId);
    requireNonNull(payload, "payload must not be null");
    requireNonNull(receivedAt, "receivedAt must not be null");
  }
}
