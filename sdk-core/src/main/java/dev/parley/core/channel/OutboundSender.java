package dev.parley.core.channel;

import java.util.concurrent.CompletionStage;

/**
 * Sends messages to clients of one channel account.
 *
 * <p>Threading: may be called from any thread, concurrently. It never blocks the caller: the
 * vendor call runs on the sender's own threads, and the stage completes there, so do not run
 * long work in its callbacks (hop to your executor with {@code thenApplyAsync}).
 *
 * <p>Failure: vendor and network errors are outcomes, not exceptions: the stage completes with a
 * {@link SendOutcome} once retries (exponential back-off with jitter, honouring {@code
 * Retry-After}) are exhausted. The stage completes exceptionally only for a bug in the sender.
 * Implementations check nothing about messaging windows: call {@link
 * MessagingWindow#check} before sending when that matters.
 *
 * <p>A functional interface, so a transport can hand a lambda to adapters whose outbound path it
 * owns (web chat over WebSocket).
 */
@FunctionalInterface
public interface OutboundSender {
  /** Sends one message; see the type's Javadoc for threading and failure. */
  CompletionStage<SendOutcome> send(Outgoing outgoing);
}
