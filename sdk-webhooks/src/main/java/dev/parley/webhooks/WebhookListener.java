package dev.parley.webhooks;

import dev.parley.core.TenantId;
import dev.parley.storage.OutboxRecord;
import java.time.Duration;

/**
 * Hears how deliveries go: for metrics, alerts and tests. Every method does nothing by default, so
 * methods added later break no implementation.
 *
 * <p>Threading: called on the webhooks' delivery threads, never on the engine's; calls for one
 * subscription are sequential and in the order things happened. A listener should return quickly:
 * while it runs, that subscription's deliveries wait.
 *
 * <p>Failure: an exception thrown by a listener is logged at {@code warn} and otherwise ignored.
 */
public interface WebhookListener {
  /** A listener that does nothing. */
  WebhookListener NONE = new WebhookListener() {};

  /** The receiver answered an event with a 2xx status. */
  default void delivered(TenantId tenant, String subscription, OutboxRecord event, int status) {}

  /**
   * An attempt failed with a non-2xx status or a network error; the next comes after {@code
   * retryIn}, unless the event is dead-lettered instead.
   */
  default void failed(TenantId tenant, String subscription, OutboxRecord event, String error, Duration retryIn) {}

  /** The subscription gave up on an event after its horizon and moved on. */
  default void deadLettered(DeadLetter letter) {}
}
