package dev.parley.core;

import java.util.Objects;

/**
 * A client's identity on one channel: the network user id on messaging networks, the phone
 * number on callback and phone, the address on e-mail, the visitor id on web chat. The blacklist
 * is keyed by it.
 *
 * <p>Thread safety: immutable.
 *
 * @param channel the channel the identifier belongs to
 * @param identifier the identifier on that channel
 */
public record ClientRef(Channel channel, String identifier) {
  /** Checks the components. */
  public ClientRef {
    Objects.requireNonNull(channel, "channel");
    Ids.check("client identifier", identifier);
  }

  @Override
  public String toString() {
    return channel + ":" + identifier;
  }
}
