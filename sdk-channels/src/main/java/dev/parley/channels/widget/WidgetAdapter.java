package dev.parley.channels.widget;

import dev.parley.channels.AdapterBuilder;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.Parsing;
import dev.parley.core.Channel;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.MessagingWindow;
import dev.parley.core.channel.OutboundMessage.Kind;
import dev.parley.core.channel.OutboundSender;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Web chat, video call and callback requests from the tenant's own widget. The transport
 * authenticates the visitor (its WebSocket or session) and hands each widget event over as an
 * {@link InboundRequest} whose body is one JSON event, or {@code {"events": [...]}}:
 *
 * <pre>{@code
 * {"type": "start", "id": "e-1", "visitor": "visitor-8f2c", "name": "Jana", "language": "cs",
 *  "widget": "support", "pageUrl": "https://shop.example/cart", "invitationCode": "042137",
 *  "group": "sales", "parameters": {"plan": "gold"}}
 * {"type": "message", "id": "m-1", "visitor": "visitor-8f2c", "text": "Hello",
 *  "attachments": [{"kind": "image", "url": "https://…/a.png", "mediaType": "image/png"}]}
 * {"type": "typing", "id": "t-1", "visitor": "visitor-8f2c"}
 * {"type": "leave", "id": "l-1", "visitor": "visitor-8f2c"}
 * }</pre>
 *
 * <p>On the callback channel the client is known by {@code "phone"} instead of {@code
 * "visitor"}, and only {@code start} and {@code leave} exist. An invitation code is an attribute of
 * a web chat or video call start. Instants are the adapter's clock, not the browser's.
 *
 * <p>A blocked visitor is refused with {@link dev.parley.core.channel.BlockedClientException}, so
 * the widget can tell him. Outbound messages go back through the {@code transport} the host gives.
 *
 * <pre>{@code
 * WidgetAdapter webChat = WidgetAdapter.webChat().transport(sockets::send).blocked(blacklist::contains).build();
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class WidgetAdapter implements ChannelAdapter {
  private final Channel channel;
  private final ChannelCapabilities capabilities;
  private final WidgetEvents events;
  private final Inbound inbound;
  private final @Nullable OutboundSender transport;

  private WidgetAdapter(Builder b, Inbound inbound, MessagingWindow window) {
    channel = b.channel;
    events = new WidgetEvents(channel);
    this.inbound = inbound;
    transport = b.transport;
    ChannelCapabilities.Builder caps =
        ChannelCapabilities.builder().maxInboundBytes(inbound.maxInboundBytes()).maxTextLength(10_000).messagingWindow(window);
    if (channel != Channel.CALLBACK) {
      caps.inboundMedia(MediaKind.values()).outbound(Kind.TEXT, Kind.FILE, Kind.TYPING, Kind.TRANSCRIPT);
    }
    if (channel == Channel.WEB_CHAT) {
      caps.outbound(Kind.CARD);
    }
    capabilities = caps.build();
  }

  /** A web chat adapter, invitation codes included. */
  public static Builder webChat() {
    return new Builder(Channel.WEB_CHAT);
  }

  /** A video call adapter: the call's signalling stays with the transport; this carries its chat. */
  public static Builder videoCall() {
    return new Builder(Channel.VIDEO_CALL);
  }

  /** A callback request adapter: the client leaves his phone number; operators call him. */
  public static Builder callback() {
    return new Builder(Channel.CALLBACK);
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    inbound.checkSize(request);
    var items = Parsing.guard(() -> events.parse(request.body(), inbound.clock().instant()));
    return inbound.gate().admit(items, HttpReply.OK, true);
  }

  /** Hands the message to the transport; kinds the channel does not show are {@link SendOutcome.Unsupported}. */
  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    Objects.requireNonNull(outgoing, "outgoing");
    if (transport == null || !capabilities.outbound().contains(outgoing.message().kind())) {
      return CompletableFuture.completedFuture(new SendOutcome.Unsupported(outgoing.message().kind()));
    }
    return transport.send(outgoing);
  }

  /** Builds a {@link WidgetAdapter}. */
  public static final class Builder extends AdapterBuilder<Builder> {
    private final Channel channel;
    private @Nullable OutboundSender transport;

    private Builder(Channel channel) {
      super(Duration.ofHours(1), 256 * 1024);
      this.channel = channel;
    }

    /** Carries outbound messages to the visitor (the transport's WebSocket); required but for callback. */
    public Builder transport(OutboundSender transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public WidgetAdapter build() {
      if (transport == null && channel != Channel.CALLBACK) {
        throw new IllegalStateException(channel + " sends through the transport: call transport(...)");
      }
      return new WidgetAdapter(this, inbound(channel.name()), messagingWindowOr(MessagingWindow.NONE));
    }
  }
}
