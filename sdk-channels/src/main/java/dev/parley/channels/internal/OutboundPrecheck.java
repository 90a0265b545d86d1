package dev.parley.channels.internal;

import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.util.Optional;

/** What every sender checks before calling the vendor: the kind is carried, the text fits. */
public final class OutboundPrecheck {
  private OutboundPrecheck() {}

  /** The outcome to give at once, without a call, or empty if the message may go. */
  public static Optional<SendOutcome> of(Outgoing outgoing, ChannelCapabilities capabilities) {
    OutboundMessage message = outgoing.message();
    if (!capabilities.outbound().contains(message.kind())) {
      return Optional.of(new SendOutcome.Unsupported(message.kind()));
    }
    if (message instanceof OutboundMessage.Text t && t.text().length() > capabilities.maxTextLength()) {
      return Optional.of(new SendOutcome.Rejected(0, "the text is " + t.text().length()
          + " characters; this channel takes at most " + capabilities.maxTextLength() + ": split it"));
    }
    return Optional.empty();
  }
}
