package dev.parley.channels.apple;

import dev.parley.channels.HttpAdapterBuilder;
import dev.parley.channels.RateLimit;
import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.Json;
import dev.parley.channels.internal.Outbound;
import dev.parley.channels.internal.Parsing;
import dev.parley.channels.internal.ResponseReader;
import dev.parley.core.Channel;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.MessagingWindow;
import dev.parley.core.channel.OutboundMessage.Kind;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.PayloadTooLargeException;
import dev.parley.core.channel.SendOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Apple Messages for Business, for one business account, through a Messaging Service Provider.
 * The request shape follows Apple's Business Chat REST API documentation (see the package doc);
 * everything vendor-shaped is in {@code AppleMapping}.
 *
 * <p>Inbound: one message per POST, the body JSON and possibly {@code Content-Encoding: gzip}
 * (inflated with the same size limit, so a small bomb cannot grow large); the {@code
 * Authorization: Bearer} JWT is checked (HS256 under the shared secret, audience: the MSP's id,
 * expiry), as "Authorizing Messages" asks. Text and
 * interactive replies become client messages with attachments by URL, {@code typing_start} typing,
 * {@code close} the client leaving. The JWT authenticates the sender, not the body, which TLS
 * protects.
 *
 * <p>Outbound: {@code POST {base}/message} with headers {@code id}, {@code source-id}, {@code
 * destination-id} and the MSP's bearer token: text, files by URL, typing. No cards, templates or
 * transcripts (list pickers and rich links are not mapped yet). No messaging window is enforced by
 * default: only a conversation the client started can be answered.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class AppleMessagesAdapter implements ChannelAdapter {
  private final String businessId;
  private final AppleJwt jwt;
  private final Supplier<String> outboundToken;
  private final Inbound inbound;
  private final Outbound outbound;
  private final ChannelCapabilities capabilities;

  private AppleMessagesAdapter(Builder b, Inbound inbound, Outbound outbound, MessagingWindow window) {
    this.businessId = b.businessId;
    this.jwt = new AppleJwt(b.jwtSecret, b.audience);
    this.outboundToken = b.outboundToken;
    this.inbound = inbound;
    this.outbound = outbound;
    this.capabilities = ChannelCapabilities.builder()
        .asynchronous(true).reopenable(true)
        .inboundMedia(MediaKind.values())
        .outbound(Kind.TEXT, Kind.FILE, Kind.TYPING)
        .maxTextLength(10_000).maxInboundBytes(inbound.maxInboundBytes())
        .verifiesSignature(true)
        .messagingWindow(window)
        .build();
  }

  /**
   * Starts an adapter for the business {@code businessId}: inbound JWTs are checked with {@code
   * jwtSecret} (the Messaging API secret key Apple gives the MSP, which is Base64: pass its decoded
   * bytes), outbound calls carry the bearer token {@code outboundToken} gives (called for every
   * call, so it may refresh a short-lived token; Apple's "Authorizing Messages" wants HS256 with
   * {@code iss} the MSP's id).
   */
  public static Builder builder(String businessId, byte[] jwtSecret, Supplier<String> outboundToken) {
    return new Builder(businessId, jwtSecret, outboundToken);
  }

  @Override
  public Channel channel() {
    return Channel.APPLE_MESSAGES;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    inbound.checkSize(request);
    jwt.verify(request, inbound.clock().instant());
    byte[] body = request.header("Content-Encoding").orElse("").equalsIgnoreCase("gzip")
        ? inflate(request.body(), inbound.maxInboundBytes()) : request.body();
    var items = Parsing.guard(() -> AppleMapping.parse(request, body, inbound.clock().instant()));
    return inbound.gate().admit(Batch.of(items), HttpReply.OK);
  }

  private static byte[] inflate(byte[] gzip, int max) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] out = in.readNBytes(max + 1);
      if (out.length > max) {
        throw new PayloadTooLargeException(out.length, max);
      }
      return out;
    } catch (IOException e) {
      throw new MalformedPayloadException("the gzip body cannot be inflated: " + e.getMessage());
    }
  }

  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    String id = UUID.randomUUID().toString();
    return outbound.postJson(outgoing, capabilities, o -> AppleMapping.body(o, id, businessId), r -> r
        .url(outbound.baseUrl().newBuilder().addPathSegment("message").build())
        .header("id", id)
        .header("source-id", businessId)
        .header("destination-id", outgoing.to().identifier())
        .header("Authorization", "Bearer " + outboundToken.get()))
        .thenApply(o -> o instanceof SendOutcome.Sent s && s.messageId().isEmpty() ? new SendOutcome.Sent(id, s.attempts()) : o);
  }

  /** Builds an {@link AppleMessagesAdapter}. */
  public static final class Builder extends HttpAdapterBuilder<Builder> {
    private final String businessId;
    private final byte[] jwtSecret;
    private final Supplier<String> outboundToken;
    private @Nullable String audience;

    private Builder(String businessId, byte[] jwtSecret, Supplier<String> outboundToken) {
      super(Duration.ofHours(24), 1024 * 1024, "https://mspgw.push.apple.com/v1/", new RateLimit(50, 50));
      this.businessId = nonBlank("businessId", businessId);
      Objects.requireNonNull(jwtSecret, "jwtSecret");
      if (jwtSecret.length == 0) {
        throw new IllegalArgumentException("jwtSecret must not be empty");
      }
      this.jwtSecret = jwtSecret.clone();
      this.outboundToken = Objects.requireNonNull(outboundToken, "outboundToken");
    }

    /** Requires inbound JWTs to name this audience (the MSP's id). */
    public Builder audience(String audience) {
      this.audience = nonBlank("audience", audience);
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public AppleMessagesAdapter build() {
      return new AppleMessagesAdapter(this, inbound("apple:" + businessId), outbound(ResponseReader.byStatus(body -> {
        try {
          return Json.optionalString(Json.parseObject(body.getBytes(StandardCharsets.UTF_8)), "id").orElse("");
        } catch (MalformedPayloadException e) {
          return "";
        }
      }, clock())), messagingWindowOr(MessagingWindow.NONE));
    }
  }
}
