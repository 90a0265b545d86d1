package dev.parley.channels.internal;

import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What WhatsApp and Messenger share, being both Meta webhooks: the {@code hub.challenge} handshake
 * on GET, the {@code X-Hub-Signature-256} over the raw body, and Meta's error codes that mean
 * "slow down" although the HTTP status is 400.
 *
 * <p>Thread safety: immutable.
 */
public final class MetaWebhook {
  private static final String PREFIX = "sha256=";
  /** Graph API throttling codes: app, user, page, account, pair and business-number limits. */
  private static final Set<String> THROTTLED = Set.of("4", "17", "32", "613", "80006", "80007", "130429", "131056");

  private final byte[] appSecret;
  private final byte[] verifyToken;

  /** With the app's secret and the verify token set in the App Dashboard. */
  public MetaWebhook(String appSecret, String verifyToken) {
    this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
    this.verifyToken = verifyToken.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The whole inbound path of a Meta webhook: the handshake on GET; otherwise the size limit, the
   * signature, {@code parse}, and the gate.
   */
  public InboundResult receive(InboundRequest request, Inbound inbound,
      Function<byte[], Batch> parse) {
    Objects.requireNonNull(request, "request");
    Optional<InboundResult> handshake = handshake(request);
    if (handshake.isPresent()) {
      return handshake.get();
    }
    inbound.checkSize(request);
    verify(request);
    Batch batch = Parsing.guard(() -> parse.apply(request.body()));
    return inbound.gate().admit(batch, HttpReply.OK);
  }

  /** The handshake reply for a GET verification request, or empty for any other request. */
  public Optional<InboundResult> handshake(InboundRequest request) {
    if (!request.method().equals("GET")) {
      return Optional.empty();
    }
    String mode = request.queryParameter("hub.mode")
        .orElseThrow(() -> new MalformedPayloadException("a GET without hub.mode is not a Meta verification request"));
    String token = request.queryParameter("hub.verify_token").orElse("");
    String challenge = request.queryParameter("hub.challenge")
        .orElseThrow(() -> new MalformedPayloadException("the verification request has no hub.challenge"));
    if (!mode.equals("subscribe")) {
      throw new MalformedPayloadException("hub.mode is \"" + Json.shorten(mode) + "\", not \"subscribe\"");
    }
    if (!Hmac.same(verifyToken, token.getBytes(StandardCharsets.UTF_8))) {
      throw new BadSignatureException("hub.verify_token does not match the verify token configured for this adapter");
    }
    return Optional.of(new InboundResult.Handshake(HttpReply.text(challenge)));
  }

  /** Checks {@code X-Hub-Signature-256} against the raw body; throws {@link BadSignatureException}. */
  public void verify(InboundRequest request) {
    String header = request.header("X-Hub-Signature-256")
        .orElseThrow(() -> new BadSignatureException("the X-Hub-Signature-256 header is missing"));
    if (!header.startsWith(PREFIX)) {
      throw new BadSignatureException("X-Hub-Signature-256 does not start with sha256=");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new BadSignatureException("X-Hub-Signature-256 is not hexadecimal");
    }
    if (!Hmac.same(Hmac.sha256(appSecret, request.body()), given)) {
      throw new BadSignatureException("X-Hub-Signature-256 does not match the body: check the app secret");
    }
  }

  /**
   * Reads Graph API answers: by status, except that a 4xx whose {@code error.code} is a throttling
   * code is retried; the message id is what {@code messageId} finds.
   */
  public static ResponseReader reader(Clock clock, String... messageIdPath) {
    return (status, headers, body) -> {
      Verdict verdict = ResponseReader.byStatus(b -> idAt(b, messageIdPath), clock).read(status, headers, body);
      if (verdict instanceof Verdict.Reject r && THROTTLED.contains(errorCode(body))) {
        return new Verdict.Retry(r.reason(), ResponseReader.retryAfter(headers.get("Retry-After"), clock));
      }
      return verdict;
    };
  }

  private static String errorCode(String body) {
    try {
      return Json.parseObject(body.getBytes(StandardCharsets.UTF_8)).path("error").path("code").asString("");
    } catch (MalformedPayloadException e) {
      return "";
    }
  }

  private static String idAt(String body, String... path) {
    try {
      JsonNode node = Json.parseObject(body.getBytes(StandardCharsets.UTF_8));
      for (String step : path) {
        node = step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
      }
      return node.asString("");
    } catch (MalformedPayloadException e) {
      return "";
    }
  }
}
