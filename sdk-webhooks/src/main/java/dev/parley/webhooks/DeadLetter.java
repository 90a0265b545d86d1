package dev.parley.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An event a subscription gave up on: its receiver kept failing it for the whole {@linkplain
 * Webhooks.Builder#deadLetterAfter horizon}, so delivery moved on to the next event. {@link
 * Webhooks#replay} from {@link #at()} delivers it again (and the events after it).
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param subscription the subscription's id
 * @param seq the event's place in the tenant's outbox
 * @param eventId the event's idempotency key, as sent in {@code Parley-Event-Id}
 * @param type the event's type, such as {@code session.ended}
 * @param session the session it concerns, or null
 * @param at when the event happened
 * @param failingSince the first failed attempt
 * @param deadAt when it was given up
 * @param attempts how many attempts failed
 * @param lastError what the last attempt got: {@code HTTP 503} or the network error
 */
public record DeadLetter(
    String tenant,
    String subscription,
    long seq,
    String eventId,
    String type,
    @Nullable String session,
    Instant at,
    Instant failingSince,
    Instant deadAt,
    int attempts,
    String lastError) {
  /** Checks the components. */
  public DeadLetter {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
    requireNonNull(eventId, "eventId");
    requireNonNull(type, "type");
    requireNonNull(at, "at");
    requireNonNull(failingSince, "failingSince");
    requireNonNull(deadAt, "deadAt");
    requireNonNull(lastError, "lastError");
  }
}
