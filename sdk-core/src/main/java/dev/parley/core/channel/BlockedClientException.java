package dev.parley.core.channel;

import dev.parley.core.ClientRef;
import java.util.Objects;

/**
 * A blocked client tried to start or continue a conversation on an interactive channel (web chat,
 * video call, callback). Webhook channels do not throw it: they drop the blocked client's items and
 * list him in {@link InboundResult.Delivery#blocked()}, because a vendor answered with an error
 * would only deliver the same items again.
 */
public final class BlockedClientException extends ChannelException {
  private static final long serialVersionUID = 1L;
  private final ClientRef client;

  /** The client who is blocked. */
  public BlockedClientException(ClientRef client) {
    super(Objects.requireNonNull(client, "client") + " is blocked; unblock him first if this is a mistake");
    this.client = client;
  }

  /** The blocked client. */
  public ClientRef client() {
    return client;
  }

  /** 403 Forbidden. */
  @Override
  public int httpStatus() {
    return 403;
  }
}
