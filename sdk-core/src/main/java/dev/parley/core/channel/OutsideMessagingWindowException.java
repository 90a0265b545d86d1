package dev.parley.core.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * The vendor would refuse a free-form message to this client now: his last message is older than
 * the channel's messaging window (24 hours on WhatsApp and Messenger). Send a template instead
 * where the vendor has them, or wait for the client to write.
 */
public final class OutsideMessagingWindowException extends ChannelException {
  private static final long serialVersionUID = 1L;
  private final Instant lastClientMessage;
  private final Duration window;

  /** The client last wrote at {@code lastClientMessage}; the window is {@code window} long. */
  public OutsideMessagingWindowException(Instant lastClientMessage, Duration window) {
    super("the client last wrote at " + lastClientMessage + ", more than " + window
        + " ago; send a template message or wait until he writes again");
    this.lastClientMessage = lastClientMessage;
    this.window = window;
  }

  /** When the client last wrote. */
  public Instant lastClientMessage() {
    return lastClientMessage;
  }

  /** How long after a client's message free-form replies are allowed. */
  public Duration window() {
    return window;
  }

  /** 409 Conflict. */
  @Override
  public int httpStatus() {
    return 409;
  }
}
