package dev.parley.webhooks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where one subscription's delivery stands, and what it did since the webhooks started.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param subscription the subscription's id
 * @param cursor the outbox sequence number up to which every event is delivered, skipped (not of
 *     a subscribed type) or dead-lettered
 * @param buffered events read from the outbox and waiting to be sent: never more than the
 *     {@linkplain Webhooks.Builder#batchSize batch size}, however far behind the receiver is
 * @param inFlight whether a request is under way
 * @param failingSince when the event at the head started failing, or null when it is not
 * @param attempts how many attempts of the event at the head failed
 * @param lastError what the last failed attempt got, or null
 * @param delivered events delivered since start
 * @param failedAttempts attempts failed since start
 * @param deadLettered events dead-lettered since start
 */
public record DeliveryStatus(
    String tenant,
    String subscription,
    long cursor,
    int buffered,
    boolean inFlight,
    @Nullable Instant failingSince,
    int attempts,
    @Nullable String lastError,
    long delivered,
    long failedAttempts,
    long deadLettered) {
  /** Checks the components. */
  public DeliveryStatus {
    requireNonNull(tenant, "tenant");
    requireNonNull(subscription, "subscription");
  }
}
