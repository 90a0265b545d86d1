package dev.parley.core.channel;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Channel;
import dev.parley.core.ParleyException;

/**
 * The session's channel cannot carry this kind of message (a hero card to an e-mail client, a
 * WhatsApp template to a web chat): nothing was posted. Send text instead, or pick a kind from the
 * channel's {@link ChannelCapabilities#outbound()}.
 */
public final class UnsupportedMessageException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final Channel channel;
  private final OutboundMessage.Kind kind;

  /** For a {@code kind} that {@code channel} does not carry. */
  public UnsupportedMessageException(Channel channel, OutboundMessage.Kind kind) {
    super(requireNonNull(channel, "channel") + " does not carry " + requireNonNull(kind, "kind")
        + " messages: send text, or a kind the channel's capabilities list");
    this.channel = channel;
    this.kind = kind;
  }

  /** The session's channel. */
  public Channel channel() {
    return channel;
  }

  /** The kind it does not carry. */
  public OutboundMessage.Kind kind() {
    return kind;
  }
}
