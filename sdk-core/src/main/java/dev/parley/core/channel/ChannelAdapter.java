package dev.parley.core.channel;

import dev.parley.core.Channel;

/**
 * Connects one account on one vendor's channel to the engine: turns the vendor's inbound requests
 * into {@link InboundItem items} and the engine's {@link Outgoing outgoing messages} into vendor API
 * calls. It is data in, data out: it never calls the engine.
 *
 * <pre>{@code
 * InboundResult result = adapter.receive(request);   // may throw a ChannelException
 * if (result instanceof InboundResult.Delivery d) {
 *   d.items().forEach(engineGlue::accept);
 * }
 * respond(result.reply());
 * }</pre>
 *
 * <p>Inbound rules every adapter keeps (its TCK checks them): a body over {@link
 * ChannelCapabilities#maxInboundBytes()} is refused before it is parsed; the vendor's proof of
 * origin is checked in constant time before the content is interpreted (over the raw bytes where
 * the vendor signs them; VK puts its secret inside the body); a batched delivery gives all
 * its items in order; unknown fields and unknown event types are ignored; an item whose vendor id
 * was already seen (within the adapter's de-duplication window) is dropped; an item from a blocked
 * client is dropped before anything about it is kept. A refused request throws a {@link
 * ChannelException} and changes nothing, not even the memory of seen ids.
 *
 * <p>Threading: {@link #receive} may be called from any thread, concurrently; it runs on the
 * caller's thread and blocks only as long as the host's blacklist lookup does. {@link #send} never
 * blocks (see {@link OutboundSender}).
 *
 * <p>Failure: {@code receive} throws only {@link ChannelException} subclasses for bad input (plus
 * {@code NullPointerException} for a null request); whatever the host's blacklist lookup throws
 * propagates unchanged, and then nothing was remembered either.
 */
public interface ChannelAdapter extends OutboundSender {
  /** The channel this adapter serves. */
  Channel channel();

  /** What the adapter can do. */
  ChannelCapabilities capabilities();

  /** Verifies and parses one inbound request; see the type's Javadoc for the rules. */
  InboundResult receive(InboundRequest request);

  /** When free-form messages may be sent; a shortcut to the capabilities' window. */
  default MessagingWindow messagingWindow() {
    return capabilities().messagingWindow();
  }
}
