package dev.parley.core.channel;

import dev.parley.core.ParleyException;

/**
 * Input from a channel that the adapter refuses. Whatever raised it changed nothing: no duplicate
 * id was remembered, nothing reaches the engine. Subclasses name the condition; {@link
 * #httpStatus()} is the status a transport should answer the vendor with.
 */
public abstract class ChannelException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what was wrong and what to check. */
  protected ChannelException(String message) {
    super(message);
  }

  /** The HTTP status to answer the sender with: 4xx, so that a well-behaved vendor gives up. */
  public abstract int httpStatus();
}
