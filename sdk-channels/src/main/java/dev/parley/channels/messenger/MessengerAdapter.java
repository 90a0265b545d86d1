package dev.parley.channels.messenger;

import dev.parley.channels.HttpAdapterBuilder;
import dev.parley.channels.RateLimit;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.MetaWebhook;
import dev.parley.channels.internal.Outbound;
import dev.parley.core.Channel;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.MessagingWindow;
import dev.parley.core.channel.OutboundMessage.Kind;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Facebook Messenger, for one page.
 *
 * <p>Inbound: answers the {@code hub.challenge} handshake, checks {@code X-Hub-Signature-256} with
 * the app secret, reads every {@code entry[].messaging[]} event of a batch: messages (text,
 * attachments by URL, replies), postbacks (as the button's title), deliveries and reads (as
 * receipts with Messenger's watermark). Echoes of the page's own messages are skipped.
 *
 * <p>Outbound: the Send API ({@code POST /me/messages}): text, files by URL, cards as a generic
 * template, typing on and off. No templates in WhatsApp's sense, no transcripts. The standard
 * messaging window is 24 hours; {@link Builder#humanAgentTag()} tags messages {@code HUMAN_AGENT},
 * which Messenger allows for 7 days.
 *
 * <pre>{@code
 * MessengerAdapter messenger = MessengerAdapter.builder(pageAccessToken, appSecret, verifyToken)
 *     .humanAgentTag()
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class MessengerAdapter implements ChannelAdapter {
  private final String accessToken;
  private final boolean humanAgentTag;
  private final MetaWebhook webhook;
  private final Inbound inbound;
  private final Outbound outbound;
  private final ChannelCapabilities capabilities;

  private MessengerAdapter(Builder b, Inbound inbound, Outbound outbound, MessagingWindow window) {
    this.accessToken = b.accessToken;
    this.humanAgentTag = b.humanAgentTag;
    this.webhook = new MetaWebhook(b.appSecret, b.verifyToken);
    this.inbound = inbound;
    this.outbound = outbound;
    this.capabilities = ChannelCapabilities.builder()
        .asynchronous(true).reopenable(true)
        .inboundMedia(MediaKind.values())
        .outbound(Kind.TEXT, Kind.FILE, Kind.CARD, Kind.TYPING)
        .maxTextLength(2_000).maxInboundBytes(inbound.maxInboundBytes())
        .verifiesSignature(true).answersHandshake(true)
        .messagingWindow(window)
        .build();
  }

  /**
   * Starts an adapter sending with the page's {@code accessToken}, checking signatures with the
   * app's {@code appSecret} and answering handshakes that carry {@code verifyToken}.
   */
  public static Builder builder(String accessToken, String appSecret, String verifyToken) {
    return new Builder(accessToken, appSecret, verifyToken);
  }

  @Override
  public Channel channel() {
    return Channel.MESSENGER;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    return webhook.receive(request, inbound, MessengerPayload::parse);
  }

  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    return outbound.postJson(outgoing, capabilities, o -> MessengerRequests.body(o, humanAgentTag), r -> r
        .url(outbound.baseUrl().newBuilder().addPathSegment("me").addPathSegment("messages").build())
        .header("Authorization", "Bearer " + accessToken));
  }

  /** Builds a {@link MessengerAdapter}. */
  public static final class Builder extends HttpAdapterBuilder<Builder> {
    private final String accessToken;
    private final String appSecret;
    private final String verifyToken;
    private boolean humanAgentTag;

    private Builder(String accessToken, String appSecret, String verifyToken) {
      super(Duration.ofHours(48), 1024 * 1024, "https://graph.facebook.com/v23.0/", new RateLimit(40, 40));
      this.accessToken = nonBlank("accessToken", accessToken);
      this.appSecret = nonBlank("appSecret", appSecret);
      this.verifyToken = nonBlank("verifyToken", verifyToken);
    }

    /** Tags every message {@code HUMAN_AGENT}: the window becomes 7 days (the page needs the permission). */
    public Builder humanAgentTag() {
      this.humanAgentTag = true;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public MessengerAdapter build() {
      return new MessengerAdapter(this, inbound("messenger"), outbound(MetaWebhook.reader(clock(), "message_id")),
          messagingWindowOr(MessagingWindow.of(humanAgentTag ? Duration.ofDays(7) : Duration.ofHours(24))));
    }
  }
}
