package dev.parley.channels.vk;

import dev.parley.channels.HttpAdapterBuilder;
import dev.parley.channels.RateLimit;
import dev.parley.channels.internal.Hmac;
import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Inbound;
import dev.parley.channels.internal.Json;
import dev.parley.channels.internal.Outbound;
import dev.parley.channels.internal.OutboundPrecheck;
import dev.parley.channels.internal.Parsing;
import dev.parley.channels.internal.ResponseReader;
import dev.parley.channels.internal.Verdict;
import dev.parley.core.Channel;
import dev.parley.core.channel.BadSignatureException;
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
import dev.parley.core.channel.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;

/**
 * VKontakte, for one community.
 *
 * <p>Inbound: the Callback API. A {@code confirmation} event for this community is answered with
 * the confirmation string; every other event must carry the community's secret key (compared in
 * constant time: VK puts it in the body, so the body is parsed first) and is answered {@code ok}.
 * Private {@code message_new} events become client messages (photos, documents and voice messages
 * by URL), {@code message_read} a read receipt, {@code message_typing_state} typing; group chats
 * and other event types give nothing. Duplicates are recognised by {@code event_id}.
 *
 * <p>Outbound: {@code messages.send} (text, files as links, cards as text with an inline keyboard)
 * and {@code messages.setActivity} (typing). VK reports errors in 200 answers: too many requests,
 * flood control and internal errors are retried, the rest refused. VK has no messaging window; the
 * client must have allowed the community to write to him.
 *
 * <pre>{@code
 * VkAdapter vk = VkAdapter.builder(123456789, accessToken, secretKey, "a1b2c3d4").build();
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class VkAdapter implements ChannelAdapter {
  private static final Set<String> RETRIED = Set.of("1", "6", "9", "10");

  private final String groupId;
  private final String accessToken;
  private final String apiVersion;
  private final byte[] secret;
  private final String confirmation;
  private final Inbound inbound;
  private final Outbound outbound;
  private final ChannelCapabilities capabilities;

  private VkAdapter(Builder b, Inbound inbound, Outbound outbound, MessagingWindow window) {
    this.groupId = Long.toString(b.groupId);
    this.accessToken = b.accessToken;
    this.apiVersion = b.apiVersion;
    this.secret = b.secret.getBytes(StandardCharsets.UTF_8);
    this.confirmation = b.confirmation;
    this.inbound = inbound;
    this.outbound = outbound;
    this.capabilities = ChannelCapabilities.builder()
        .asynchronous(true).reopenable(true)
        .inboundMedia(MediaKind.IMAGE, MediaKind.AUDIO, MediaKind.FILE)
        .outbound(Kind.TEXT, Kind.FILE, Kind.CARD, Kind.TYPING)
        .maxTextLength(4_096).maxInboundBytes(inbound.maxInboundBytes())
        .verifiesSignature(true).answersHandshake(true)
        .messagingWindow(window)
        .build();
  }

  /**
   * Starts an adapter for community {@code groupId}: sends with the community's {@code
   * accessToken}, accepts events carrying {@code secret} and answers the server confirmation with
   * {@code confirmation}.
   */
  public static Builder builder(long groupId, String accessToken, String secret, String confirmation) {
    return new Builder(groupId, accessToken, secret, confirmation);
  }

  @Override
  public Channel channel() {
    return Channel.VKONTAKTE;
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public InboundResult receive(InboundRequest request) {
    Objects.requireNonNull(request, "request");
    inbound.checkSize(request);
    JsonNode event = Json.parseObject(request.body());
    String group = Json.string(event, "group_id");
    if (!group.equals(groupId)) {
      throw new BadSignatureException("the event is for community " + Json.shorten(group) + ", not " + groupId);
    }
    if (Json.string(event, "type").equals("confirmation")) {
      return new InboundResult.Handshake(HttpReply.text(confirmation));
    }
    String given = Json.optionalString(event, "secret").orElse("");
    if (!Hmac.same(secret, given.getBytes(StandardCharsets.UTF_8))) {
      throw new BadSignatureException("the event's secret does not match the community's secret key");
    }
    var items = Parsing.guard(() -> VkPayload.items(event, inbound.clock().instant()));
    return inbound.gate().admit(Batch.of(items), HttpReply.text("ok"));
  }

  @Override
  public CompletionStage<SendOutcome> send(Outgoing outgoing) {
    Objects.requireNonNull(outgoing, "outgoing");
    Optional<SendOutcome> early = OutboundPrecheck.of(outgoing, capabilities);
    Optional<VkRequests.Call> call = VkRequests.call(outgoing, accessToken, apiVersion);
    if (early.isPresent() || call.isEmpty()) {
      return CompletableFuture.completedFuture(early.orElse(new SendOutcome.Unsupported(outgoing.message().kind())));
    }
    return outbound.sender().send(new Request.Builder()
        .url(outbound.baseUrl().newBuilder().addPathSegment("method").addPathSegment(call.get().method()).build())
        .post(call.get().form())
        .build());
  }

  /** VK answers 200 with either {@code response} or {@code error}. */
  static ResponseReader reader(Clock clock) {
    ResponseReader byStatus = ResponseReader.byStatus(body -> "", clock);
    return (status, headers, body) -> {
      if (status != 200) {
        return byStatus.read(status, headers, body);
      }
      JsonNode root;
      try {
        root = Json.parseObject(body.getBytes(StandardCharsets.UTF_8));
      } catch (MalformedPayloadException e) {
        return new Verdict.Retry("VK answered something that is not JSON: " + Json.shorten(body), null);
      }
      if (root.has("error")) {
        String code = root.path("error").path("error_code").asString("");
        String reason = "VK error " + code + ": " + root.path("error").path("error_msg").asString("");
        return RETRIED.contains(code) ? new Verdict.Retry(reason, null) : new Verdict.Reject(0, reason);
      }
      JsonNode response = root.path("response");
      if (response.isArray() && !response.isEmpty()) {
        response = response.path(0).path("message_id");
      }
      return new Verdict.Success(response.isValueNode() ? response.asString("") : "");
    };
  }

  /** Builds a {@link VkAdapter}. */
  public static final class Builder extends HttpAdapterBuilder<Builder> {
    private final long groupId;
    private final String accessToken;
    private final String secret;
    private final String confirmation;
    private String apiVersion = "5.199";

    private Builder(long groupId, String accessToken, String secret, String confirmation) {
      // VK allows a community token 20 calls a second.
      super(Duration.ofHours(24), 1024 * 1024, "https://api.vk.com/", new RateLimit(20, 20));
      if (groupId <= 0) {
        throw new IllegalArgumentException("a community id is positive, not " + groupId);
      }
      this.groupId = groupId;
      this.accessToken = nonBlank("accessToken", accessToken);
      this.secret = nonBlank("secret", secret);
      this.confirmation = nonBlank("confirmation", confirmation);
    }

    /** The API version sent with every call; default {@code 5.199}. */
    public Builder apiVersion(String version) {
      this.apiVersion = nonBlank("version", version);
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the adapter. */
    public VkAdapter build() {
      return new VkAdapter(this, inbound("vk:" + groupId), outbound(reader(clock())), messagingWindowOr(MessagingWindow.NONE));
    }
  }
}
