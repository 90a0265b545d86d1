/**
 * The channel SPI: how a vendor's webhook becomes the engine's input, and the engine's outbound
 * messages become the vendor's API calls.
 *
 * <p>A {@link dev.parley.core.channel.ChannelAdapter} is self-contained data in, data out: it takes
 * an {@link dev.parley.core.channel.InboundRequest} exactly as the transport received it and gives
 * back an {@link dev.parley.core.channel.InboundResult} (a handshake reply, or a delivery of {@link
 * dev.parley.core.channel.InboundItem items}); it takes an {@link
 * dev.parley.core.channel.Outgoing} and gives back a {@link dev.parley.core.channel.SendOutcome}.
 * It never calls the engine: whoever holds the adapter (a transport, the host) feeds the items to
 * the engine and answers the vendor with the reply.
 *
 * <p>Forged, malformed, oversized input fails with a subclass of {@link
 * dev.parley.core.channel.ChannelException} and leaves no trace; duplicated deliveries and blocked
 * clients are dropped and reported in the {@link dev.parley.core.channel.InboundResult.Delivery}.
 */
@NullMarked
package dev.parley.core.channel;

import org.jspecify.annotations.NullMarked;
