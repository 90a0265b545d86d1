package dev.parley.webhooks;

import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * What every dispatcher of one {@link Webhooks} shares: where the outbox is, how to send, when to
 * retry and give up.
 *
 * <p>Thread safety: immutable; the parts are thread-safe.
 */
record Settings(
    Storage storage,
    OkHttpClient client,
    ScheduledExecutorService scheduler,
    Clock clock,
    Backoff backoff,
    Duration deadLetterAfter,
    Duration pollInterval,
    int batchSize,
    Duration closeTimeout,
    WebhookListener listener) {}
