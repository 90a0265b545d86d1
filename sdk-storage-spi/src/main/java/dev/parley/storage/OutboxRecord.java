package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An event waiting in the outbox to be delivered to the tenant's own systems (webhooks).
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param seq its place in the outbox, assigned by the store: increasing in the order appended
 * @param type the event's type, such as {@code session.ended}
 * @param session the session it concerns (deliveries are ordered per session), or null
 * @param at when the event happened
 * @param payload the event's body as delivered, such as JSON
 */
public record OutboxRecord(String tenant, long seq, String type, @Nullable String session, Instant at, String payload) {
  /** Checks the components. */
  public OutboxRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("type", type);
    if (session != null) {
      FieldChecks.nonBlank("session", session);
    }
    requireNonNull(at, "at must not be null");
    requireNonNull(payload, "payload must not be null");
  }

  /** The idempotency key receivers see: the same for every delivery of this record. */
  public String idempotencyKey() {
    return tenant + ":" + seq;
  }
}
