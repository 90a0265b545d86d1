package dev.parley.channels.telephony;

import dev.parley.channels.AdapterBuilder;
import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.Parsing;
import dev.parley.core.Channel;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MessagingWindow;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Phone calls through a PBX: its call events become {@link
 * dev.parley.core.channel.InboundItem.CallEvent}s for the engine (ringing: a client arrives;
 * ended: he leaves or the session ends). The {@link CallDialect} reads one PBX's requests; the
 * adapter adds the size limit, de-duplication by call and state, and the blacklist (a blocked
 * caller's events are dropped, and the dialect's answer rejects the call).
 *
 * <p>Voice carries no messages: {@link #send} answers every kind as unsupported. Media (the call
 * itself) stays with the PBX.
 *
 * <p>Thread safety: safe for concurrent use if the dialect is.
 */
public final class TelephonyAdapter implements ChannelAdapter {
  private final CallDialect dialect;
  private final Inbound inbound;
  private final ChannelCapabilities capabilities;

  private TelephonyAdapter(CallDialect dialect, Inbound inbound, MessagingWindow window) {
    this.dialect = dialect;
    this.inbound = inbound;
    this.capabilities = ChannelCapabilities.builder()
        .maxInboundBytes(inbound.maxInboundBytes())
        .verifiesSignature(dialect.verifiesSignature())
        .messagingWindow(window)
        .build();
  }

  /** Starts an adapter for the PBX that {@code dialect} reads. */
  public static Builder builder(CallDialect dialect) {
    return new Builder(dialect);
  }

  @Override
  public Channel channel() {
    return Channel.PHONE;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    inbound.checkSize(request);
    dialect.verify(request);
    var events = Parsing.guard(() -> dialect.parse(request, inbound.clock().instant()));
    var delivery = inbound.gate().admit(Batch.of(events), HttpReply.OK);
    HttpReply reply = dialect.reply(events, !delivery.blocked().isEmpty());
    return new InboundResult.Delivery(delivery.items(), delivery.duplicates(), delivery.blocked(), delivery.skipped(), reply);
  }

  /** Always {@link SendOutcome.Unsupported}: a call is not a conversation of messages. */
  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    return CompletableFuture.completedFuture(new SendOutcome.Unsupported(outgoing.message().kind()));
  }

  /** Builds a {@link TelephonyAdapter}. */
  public static final class Builder extends AdapterBuilder<Builder> {
    private final CallDialect dialect;

    private Builder(CallDialect dialect) {
      super(Duration.ofHours(24), 64 * 1024);
      this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public TelephonyAdapter build() {
      return new TelephonyAdapter(dialect, inbound("phone"), messagingWindowOr(MessagingWindow.NONE));
    }
  }
}
