package dev.parley.channels.telephony;

import dev.parley.channels.RateLimit;
import dev.parley.channels.RetryPolicy;
import dev.parley.channels.internal.Defaults;
import dev.parley.channels.internal.HttpSender;
import dev.parley.channels.internal.Json;
import dev.parley.channels.internal.ResponseReader;
import dev.parley.channels.internal.TokenBucket;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.SendOutcome;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call control through Twilio's REST API (Calls resource, API version 2010-04-01): connecting a
 * caller who waits in the queue to the operator who accepted him, and placing an outgoing call.
 * Answers are read as every HTTP adapter reads them (retries on 429 and 5xx, other 4xx refused);
 * {@link SendOutcome.Sent#messageId()} is the call's SID.
 *
 * <pre>{@code
 * TwilioCalls calls = TwilioCalls.builder(accountSid, authToken).build();
 * parley.addListener(calls.connectOnAccept(parley, acme, operator -> lines.find(operator)));
 * calls.call("+14155550100", "+14155550199", TwilioCalls.dial(TwilioCalls.Line.phone("+14155550123")));
 * }</pre>
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class TwilioCalls {
  private static final Logger log = LoggerFactory.getLogger(TwilioCalls.class);
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private final String accountSid;
  private final String credentials;
  private final HttpUrl baseUrl;
  private final HttpSender sender;

  private TwilioCalls(Builder b) {
    this.accountSid = b.accountSid;
    this.credentials = Credentials.basic(b.accountSid, b.authToken, StandardCharsets.UTF_8);
    this.baseUrl = b.baseUrl;
    this.sender = new HttpSender(b.httpClient, b.retryPolicy, new TokenBucket(new RateLimit(10, 10), System::nanoTime),
        Defaults.scheduler(), ResponseReader.byStatus(TwilioCalls::sid, Clock.systemUTC()));
  }

  /** Starts a client for the account {@code accountSid}, authenticated with its {@code authToken}. */
  public static Builder builder(String accountSid, String authToken) {
    return new Builder(accountSid, authToken);
  }

  /**
   * Where an operator takes calls: a Twilio Client identity, a SIP address or a phone number.
   *
   * @param kind what {@code address} is
   * @param address the identity, SIP URI or E.164 number
   */
  public record Line(Kind kind, String address) {
    /** What a line's address is. */
    public enum Kind {
      /** A Twilio Client (Voice SDK) identity: TwiML {@code <Client>}. */
      CLIENT,
      /** A SIP URI: TwiML {@code <Sip>}. */
      SIP,
      /** A phone number: TwiML {@code <Number>}. */
      PHONE
    }

    /** Checks the components. */
    public Line {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(address, "address");
      if (address.isBlank()) {
        throw new IllegalArgumentException("a line's address must not be blank");
      }
      if (kind == Kind.SIP && !address.regionMatches(true, 0, "sip:", 0, 4)) {
        throw new IllegalArgumentException("a SIP address starts with sip:, not " + address);
      }
    }

    /** A Twilio Client identity. */
    public static Line client(String identity) {
      return new Line(Kind.CLIENT, identity);
    }

    /** A SIP URI, {@code sip:alice@pbx.example}. */
    public static Line sip(String uri) {
      return new Line(Kind.SIP, uri);
    }

    /** A phone number, {@code +14155550123}. */
    public static Line phone(String number) {
      return new Line(Kind.PHONE, number);
    }
  }

  /** The TwiML that connects a call to {@code line}: {@code <Response><Dial><Client>alice</Client></Dial></Response>}. */
  public static String dial(Line line) {
    String noun = switch (line.kind()) {
      case CLIENT -> "Client";
      case SIP -> "Sip";
      case PHONE -> "Number";
    };
    return XML + "<Response><Dial><" + noun + ">" + escape(line.address()) + "</" + noun + "></Dial></Response>";
  }

  /**
   * Connects the live call {@code callSid} (a caller waiting in the queue) to {@code line}: its
   * TwiML is replaced by a {@code <Dial>}, so the caller leaves the queue for the operator.
   */
  public CompletionStage<SendOutcome> connect(String callSid, Line line) {
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(line, "line");
    return post(account().addPathSegment("Calls").addPathSegment(callSid + ".json").build(),
        new FormBody.Builder().add("Twiml", dial(line)).build());
  }

  /** Places a call from {@code from} (a number of the account) to {@code to}, which runs {@code twiml} when answered. */
  public CompletionStage<SendOutcome> call(String to, String from, String twiml) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(twiml, "twiml");
    return post(account().addPathSegment("Calls.json").build(),
        new FormBody.Builder().add("To", to).add("From", from).add("Twiml", twiml).build());
  }

  /**
   * A listener that connects each phone session's caller to the operator who accepts it, at the
   * line {@code lines} names for him (none: the call stays in the queue and a warning is logged).
   * It reads the session's {@code callSid} parameter, which {@link TwilioVoice} sets on the entry.
   * The operator's phone line follows the call: once the call is connected his line is marked busy
   * (no callback is offered to him meanwhile), and free again when the session ends, is abandoned
   * or goes back to a queue.
   */
  public EventListener connectOnAccept(Parley parley, TenantId tenant, Function<OperatorId, Optional<Line>> lines) {
    Objects.requireNonNull(parley, "parley");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(lines, "lines");
    PhoneLines phoneLines = new PhoneLines(parley, tenant);
    return event -> {
      if (!event.tenant().equals(tenant)) {
        return;
      }
      if (event instanceof Event.SessionEnded e) {
        phoneLines.over(e.session());
      } else if (event instanceof Event.SessionAbandoned a) {
        phoneLines.over(a.session());
      } else if (event instanceof Event.SessionRequeued r) {
        phoneLines.over(r.session());
      }
      if (!(event instanceof Event.SessionAccepted accepted)) {
        return;
      }
      parley.storage().sessions().find(tenant.value(), accepted.session().value())
          .filter(s -> s.channel().equals(Channel.PHONE.name()))
          .flatMap(s -> Optional.ofNullable(s.parameters().get(TwilioVoice.CALL_SID)))
          .ifPresent(callSid -> lines.apply(accepted.operator()).ifPresentOrElse(line -> {
            phoneLines.accepted(accepted.session(), accepted.operator());
            connect(callSid, line).thenAccept(outcome -> {
              if (outcome instanceof SendOutcome.Sent) {
                phoneLines.connected(accepted.session());
              } else {
                phoneLines.over(accepted.session());
                log.warn("call {} of session {} was not connected to {}: {}", callSid, accepted.session(),
                    accepted.operator(), outcome);
              }
            });
          }, () -> log.warn("operator {} accepted call {} but has no line to connect it to", accepted.operator(),
              callSid)));
    };
  }

  /**
   * The operators' phone lines while their calls last: busy once a call is connected (he was
   * offered it, so his line was free), free again when its session is over. A call that ends
   * before Twilio answered the connect leaves the line alone.
   */
  private static final class PhoneLines {
    private final Parley parley;
    private final TenantId tenant;
    /** Guarded by {@code this}, so that busy and free reach the engine in the order decided. */
    private final Map<SessionId, OperatorId> calls = new HashMap<>();
    /** Guarded by {@code this}. */
    private final Set<SessionId> busy = new HashSet<>();

    PhoneLines(Parley parley, TenantId tenant) {
      this.parley = parley;
      this.tenant = tenant;
    }

    synchronized void accepted(SessionId session, OperatorId operator) {
      calls.put(session, operator);
    }

    synchronized void connected(SessionId session) {
      OperatorId operator = calls.get(session);
      if (operator != null && busy.add(session)) {
        parley.submit(tenant, new Command.SetPhoneLine(operator, false));
      }
    }

    synchronized void over(SessionId session) {
      OperatorId operator = calls.remove(session);
      if (operator != null && busy.remove(session)) {
        parley.submit(tenant, new Command.SetPhoneLine(operator, true));
      }
    }
  }

  private HttpUrl.Builder account() {
    return baseUrl.newBuilder().addPathSegment("2010-04-01").addPathSegment("Accounts").addPathSegment(accountSid);
  }

  private CompletionStage<SendOutcome> post(HttpUrl url, FormBody form) {
    return sender.send(new Request.Builder().url(url).header("Authorization", credentials).post(form).build());
  }

  private static String sid(String body) {
    try {
      return Json.optionalString(Json.parseObject(body.getBytes(StandardCharsets.UTF_8)), "sid").orElse("");
    } catch (MalformedPayloadException e) {
      return "";
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Builds {@link TwilioCalls}. */
  public static final class Builder {
    private final String accountSid;
    private final String authToken;
    private HttpUrl baseUrl = HttpUrl.get("https://api.twilio.com/");
    private OkHttpClient httpClient = Defaults.httpClient();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

    private Builder(String accountSid, String authToken) {
      Objects.requireNonNull(accountSid, "accountSid");
      if (!accountSid.startsWith("AC")) {
        throw new IllegalArgumentException("a Twilio account SID starts with AC, not " + accountSid);
      }
      this.accountSid = accountSid;
      this.authToken = Objects.requireNonNull(authToken, "authToken");
    }

    /** Twilio's API base URL; default {@code https://api.twilio.com/} (point it at a test server). */
    public Builder baseUrl(String url) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
      if (parsed == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + url);
      }
      this.baseUrl = parsed;
      return this;
    }

    /** The OkHttp client to share. */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How failed calls are retried. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Builds the client. */
    public TwilioCalls build() {
      return new TwilioCalls(this);
    }
  }
}
