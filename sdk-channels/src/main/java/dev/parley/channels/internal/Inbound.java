package dev.parley.channels.internal;

import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.PayloadTooLargeException;
import java.time.Clock;

/**
 * An adapter's inbound settings, as its builder left them.
 *
 * @param gate drops duplicates and blocked clients
 * @param clock the adapter's clock
 * @param maxInboundBytes the largest body accepted
 */
public record Inbound(InboundGate gate, Clock clock, int maxInboundBytes) {
  /** Throws {@link PayloadTooLargeException} if the body is over the limit. */
  public void checkSize(InboundRequest request) {
    if (request.bodyLength() > maxInboundBytes) {
      throw new PayloadTooLargeException(request.bodyLength(), maxInboundBytes);
    }
  }
}
