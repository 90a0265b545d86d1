/**
 * Webhooks: a tenant's events, from the storage's durable outbox, POSTed to the URLs it
 * subscribed, signed with HMAC-SHA256, retried with back-off, in order, dead-lettered after a
 * horizon, and replayable from any instant. Start at {@link dev.parley.webhooks.Webhooks}.
 */
@NullMarked
package dev.parley.webhooks;

import org.jspecify.annotations.NullMarked;
