package dev.parley.transport.netty;

import java.time.Duration;

/**
 * The server's limits, as its builder set them.
 *
 * @param maxRequestBytes the largest HTTP request body; larger ones get {@code 413}
 * @param maxFrameBytes the largest WebSocket message; larger ones get a {@code TooLarge} error
 *     frame, and frames over four times this close the connection
 * @param idleTimeout how long a connection may stay silent before it is closed
 * @param messagesPerSecond the sustained rate of WebSocket messages one connection may send
 * @param burst how many messages above the rate one connection may send at once
 * @param lowWaterMark outbound bytes below which a connection is writable again
 * @param highWaterMark outbound bytes above which a connection is not writable
 * @param slowConsumerTimeout how long a connection may stay unwritable before it is closed
 * @param commandTimeout how long an HTTP request waits for the engine
 * @param shutdownGrace how long a shutdown waits for requests in flight
 */
record Limits(
    int maxRequestBytes,
    int maxFrameBytes,
    Duration idleTimeout,
    int messagesPerSecond,
    int burst,
    int lowWaterMark,
    int highWaterMark,
    Duration slowConsumerTimeout,
    Duration commandTimeout,
    Duration shutdownGrace) {

  /** Past this many pending outbound bytes a connection is closed at once, writable or not. */
  long hardOutboundLimit() {
    return 4L * highWaterMark;
  }

  /** Frames above this are refused by the decoder itself, which closes the connection. */
  int hardFrameLimit() {
    return Math.max(maxFrameBytes, (int) Math.min(Integer.MAX_VALUE, 4L * maxFrameBytes));
  }
}
