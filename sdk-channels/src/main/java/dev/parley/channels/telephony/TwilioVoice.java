package dev.parley.channels.telephony;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.CallState;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem.CallEvent;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.MalformedPayloadException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's voice webhook: a form POST per call ({@code CallSid}, {@code From}, {@code To}, {@code
 * CallStatus}, {@code CallerName}, …; unknown parameters are ignored), signed with {@code
 * X-Twilio-Signature} over the webhook's public URL and the sorted parameters, checked as Twilio's
 * SDK validators check it: with and without the default port (:443, :80), repeated parameters
 * signed once or per value, and a JSON body by the {@code bodySHA256} Twilio adds to the URL.
 *
 * <p>IVR: with {@link #ivr(Map)}, the digits the caller keyed in choose his group. The call's SID
 * is kept in the entry, so that {@link TwilioCalls#connectOnAccept} can connect the caller to the
 * operator who accepts him.
 *
 * <p>It answers with TwiML: a ringing call gets the {@linkplain #answer(String) answer} (by default
 * it is put in the Twilio queue {@code parley}), a blocked caller is rejected, status callbacks get
 * an empty {@code <Response/>}.
 *
 * <pre>{@code
 * TelephonyAdapter phone = TelephonyAdapter.builder(
 *         TwilioVoice.of(authToken, "https://cc.example/twilio/voice")
 *             .answer("<Response><Enqueue waitUrl=\"/hold\">support</Enqueue></Response>"))
 *     .blocked(blacklist::contains)
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class TwilioVoice implements CallDialect {
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private static final Map<String, CallState> STATES = Map.of(
      "queued", CallState.RINGING, "ringing", CallState.RINGING, "in-progress", CallState.IN_PROGRESS,
      "completed", CallState.COMPLETED, "busy", CallState.BUSY, "failed", CallState.FAILED,
      "no-answer", CallState.NO_ANSWER, "canceled", CallState.CANCELED);

  /** The session parameter holding the Twilio call's SID: set on an inbound call's entry, and on an outgoing call's session once placed. */
  public static final String CALL_SID = "callSid";

  private final String authToken;
  private final @Nullable String webhookUrl;
  private final String answer;
  private final Map<String, GroupId> ivr;

  private TwilioVoice(String authToken, @Nullable String webhookUrl, String answer, Map<String, GroupId> ivr) {
    this.authToken = authToken;
    this.webhookUrl = webhookUrl;
    this.answer = answer;
    this.ivr = ivr;
  }

  /**
   * The dialect for the account's {@code authToken}, for the webhook configured at Twilio as
   * {@code webhookUrl} (the exact public URL, which a proxy may hide from the transport).
   */
  public static TwilioVoice of(String authToken, String webhookUrl) {
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    return new TwilioVoice(authToken, webhookUrl,
        XML + "<Response><Enqueue>parley</Enqueue></Response>", Map.of());
  }

  /** The TwiML for a ringing call; a copy of this dialect with it. */
  public TwilioVoice answer(String twiml) {
    Objects.requireNonNull(twiml, "twiml");
    return new TwilioVoice(authToken, webhookUrl, twiml.startsWith("<?xml") ? twiml : XML + twiml, ivr);
  }

  /**
   * The tenant's IVR menu: a call whose {@code Digits} (what the caller keyed in a {@code
   * <Gather>}) are a key of {@code groups} asks for that group; other digits leave the choice to
   * the routing rules. A copy of this dialect with it.
   */
  public TwilioVoice ivr(Map<String, GroupId> groups) {
    return new TwilioVoice(authToken, webhookUrl, answer, Map.copyOf(groups));
  }

  @Override
  public boolean verifiesSignature() {
    return true;
  }

  @Override
  public void verify(InboundRequest request) {
    String header = request.header("X-Twilio-Signature")
        .orElseThrow(() -> new BadSignatureException("the X-Twilio-Signature header is missing"));
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      throw new BadSignatureException("X-Twilio-Signature is not base64");
    }
    String url = webhookUrl != null ? webhookUrl : request.uri().toString();
    Optional<String> bodyHash = request.queryParameter("bodySHA256");
    if (webhookUrl != null && bodyHash.isPresent() && !webhookUrl.contains("bodySHA256=")) {
      url += (url.contains("?") ? "&" : "?") + "bodySHA256=" + bodyHash.get(); // Twilio adds it per request
    }
    if (!TwilioSignature.matches(authToken, url, request.body(), given)) {
      throw new BadSignatureException("X-Twilio-Signature does not match: check the auth token and that the "
          + "webhook URL is exactly the one configured at Twilio");
    }
  }

  @Override
  public List<CallEvent> parse(InboundRequest request, Instant now) {
    Map<String, String> p = new HashMap<>();
    FormFields.parse(request.body()).forEach(e -> p.putIfAbsent(e.getKey(), e.getValue()));
    String callSid = required(p, "CallSid");
    String from = required(p, "From");
    CallState state = STATES.get(p.getOrDefault("CallStatus", "ringing"));
    if (state == null) {
      return List.of(); // a status Twilio adds later
    }
    Entry.Builder entry = Entry.builder(Channel.PHONE).client(from).phone(from).parameter(CALL_SID, callSid);
    optional(p, "Digits").ifPresent(d -> {
      entry.parameter("digits", d);
      Optional.ofNullable(ivr.get(d)).ifPresent(entry::group);
    });
    optional(p, "CallerName").ifPresent(entry::name);
    optional(p, "To").ifPresent(to -> entry.parameter("to", to));
    optional(p, "Direction").ifPresent(d -> entry.parameter("direction", d));
    optional(p, "ForwardedFrom").ifPresent(f -> entry.parameter("forwardedFrom", f));
    return List.of(new CallEvent(callSid + ":" + state, callSid, entry.build(), state, now));
  }

  @Override
  public HttpReply reply(List<CallEvent> events, boolean callerBlocked) {
    String body;
    if (callerBlocked) {
      body = XML + "<Response><Reject reason=\"rejected\"/></Response>";
    } else if (events.stream().anyMatch(e -> e.state() == CallState.RINGING)) {
      body = answer;
    } else {
      body = XML + "<Response/>";
    }
    return new HttpReply(200, "text/xml; charset=utf-8", body);
  }

  private static String required(Map<String, String> p, String name) {
    return optional(p, name).orElseThrow(() ->
        new MalformedPayloadException("the parameter " + name + " is missing: is this a Twilio voice webhook?"));
  }

  private static Optional<String> optional(Map<String, String> p, String name) {
    String value = p.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
