package dev.parley.channels.whatsapp;

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
 * WhatsApp through Meta's Cloud API, for one business phone number.
 *
 * <p>Inbound: answers the {@code hub.challenge} handshake, checks {@code X-Hub-Signature-256} with
 * the app secret, reads every {@code entry[].changes[]} of a batch: client messages (text, media by
 * WhatsApp media id, button and interactive replies, locations, shared contacts, reactions,
 * orders; unsupported and unknown types as a placeholder text) with the profile name, and {@code
 * statuses} (sent, delivered, read, failed) as receipts. A message or status that cannot be read
 * is skipped ({@link InboundResult.Delivery#skipped()}); the rest of the batch goes on.
 *
 * <p>Identity: a client is known by his phone number, or by his business-scoped user id when he
 * shares no number (a WhatsApp username). Both, when they appear together, and the new number of a
 * "user changed number" notice, are linked to one identity in {@link WhatsAppContacts}; replies go
 * to his latest number, or to his user id ({@code recipient}) when he has none.
 *
 * <p>Outbound: Graph API {@code POST /{phone-number-id}/messages}: text (quoted reply with {@code
 * replyTo}), files by link, templates, cards as reply buttons or a URL button, and the typing
 * indicator (which needs {@code replyTo}, and marks that message read). No transcripts. The
 * messaging window is 24 hours after the client's last message; templates may go at any time.
 *
 * <pre>{@code
 * WhatsAppAdapter whatsApp = WhatsAppAdapter.builder("106540352242922", accessToken, appSecret, verifyToken)
 *     .blocked(blacklist::contains)
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class WhatsAppAdapter implements ChannelAdapter {
  private final String phoneNumberId;
  private final String accessToken;
  private final MetaWebhook webhook;
  private final WhatsAppPayload payload;
  private final Inbound inbound;
  private final Outbound outbound;
  private final ChannelCapabilities capabilities;

  private WhatsAppAdapter(Builder b, Inbound inbound, Outbound outbound, MessagingWindow window) {
    this.phoneNumberId = b.phoneNumberId;
    this.accessToken = b.accessToken;
    this.webhook = new MetaWebhook(b.appSecret, b.verifyToken);
    this.payload = new WhatsAppPayload(b.contacts);
    this.inbound = inbound;
    this.outbound = outbound;
    this.capabilities = ChannelCapabilities.builder()
        .asynchronous(true).reopenable(true)
        .inboundMedia(MediaKind.values())
        .outbound(Kind.TEXT, Kind.FILE, Kind.CARD, Kind.TEMPLATE, Kind.TYPING)
        .maxTextLength(4_096).maxInboundBytes(inbound.maxInboundBytes())
        .verifiesSignature(true).answersHandshake(true)
        .messagingWindow(window)
        .build();
  }

  /**
   * Starts an adapter for the business number {@code phoneNumberId}, sending with {@code
   * accessToken}, checking signatures with the app's {@code appSecret} and answering handshakes
   * that carry {@code verifyToken}.
   */
  public static Builder builder(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
    return new Builder(phoneNumberId, accessToken, appSecret, verifyToken);
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    return webhook.receive(request, inbound, payload::parse);
  }

  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    return outbound.postJson(outgoing, capabilities,
        o -> WhatsAppRequests.body(o, payload.addressOf(o.to().identifier())), r -> r
        .url(outbound.baseUrl().newBuilder().addPathSegment(phoneNumberId).addPathSegment("messages").build())
        .header("Authorization", "Bearer " + accessToken));
  }

  /** Builds a {@link WhatsAppAdapter}. */
  public static final class Builder extends HttpAdapterBuilder<Builder> {
    private final String phoneNumberId;
    private final String accessToken;
    private final String appSecret;
    private final String verifyToken;
    private WhatsAppContacts contacts = WhatsAppContacts.inMemory(100_000);

    private Builder(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
      // Meta retries for up to 36 hours and allows 3 MB payloads; 80 messages/s per number.
      super(Duration.ofHours(48), 3 * 1024 * 1024, "https://graph.facebook.com/v23.0/", new RateLimit(80, 80));
      this.phoneNumberId = nonBlank("phoneNumberId", phoneNumberId);
      this.accessToken = nonBlank("accessToken", accessToken);
      this.appSecret = nonBlank("appSecret", appSecret);
      this.verifyToken = nonBlank("verifyToken", verifyToken);
    }

    /**
     * Where the links between a person's phone number and business-scoped user id are kept;
     * default in memory, for 100 000 people. Give a durable one to keep them across restarts.
     */
    public Builder contacts(WhatsAppContacts contacts) {
      this.contacts = Objects.requireNonNull(contacts, "contacts");
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public WhatsAppAdapter build() {
      return new WhatsAppAdapter(this, inbound("whatsapp:" + phoneNumberId),
          outbound(MetaWebhook.reader(clock(), "messages", "0", "id")),
          messagingWindowOr(MessagingWindow.of(Duration.ofHours(24), Kind.TEMPLATE)));
    }
  }
}
