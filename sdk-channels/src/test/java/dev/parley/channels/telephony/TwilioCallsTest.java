package dev.parley.channels.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.Fixtures;
import dev.parley.channels.RetryPolicy;
import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.SendOutcome;
import dev.parley.core.event.Event;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.SessionRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Twilio calls that connect: the Calls API on a real HTTP server")
class TwilioCallsTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String CALL = "CA00000000000000000000000000000001";
  private final MockWebServer twilio = new MockWebServer();
  private TwilioCalls calls;

  @BeforeEach
  void start() throws Exception {
    twilio.start(0);
    calls = TwilioCalls.builder(ACCOUNT, "auth-token").baseUrl(twilio.url("/").toString())
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofSeconds(1))).build();
  }

  @AfterEach
  void stop() {
    twilio.close();
  }

  private static MockResponse call(String sid) {
    return new MockResponse.Builder().code(200).body("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}").build();
  }

  private static String form(RecordedRequest r, String name) {
    for (String pair : r.getBody().utf8().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Test
  @DisplayName("connecting a live call replaces its TwiML by a <Dial> to the operator's line")
  void connect() throws Exception {
    twilio.enqueue(call(CALL));

    SendOutcome outcome = calls.connect(CALL, TwilioCalls.Line.sip("sip:alice@pbx.example")).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(CALL, 1));
    RecordedRequest r = twilio.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getTarget()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + CALL + ".json");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(Credentials.basic(ACCOUNT, "auth-token"));
    assertThat(form(r, "Twiml")).endsWith("<Response><Dial><Sip>sip:alice@pbx.example</Sip></Dial></Response>");
  }

  @Test
  @DisplayName("an outgoing call is placed with To, From and its TwiML, and comes back with its SID")
  void outgoingCall() throws Exception {
    twilio.enqueue(call("CA99"));

    SendOutcome outcome = calls.call("+14155551234", "+15005550006", TwilioCalls.dial(TwilioCalls.Line.client("alice")))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(outcome).isEqualTo(new SendOutcome.Sent("CA99", 1));
    RecordedRequest r = twilio.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getTarget()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json");
    assertThat(form(r, "To")).isEqualTo("+14155551234");
    assertThat(form(r, "From")).isEqualTo("+15005550006");
    assertThat(form(r, "Twiml")).endsWith("<Dial><Client>alice</Client></Dial></Response>");
  }

  @Test
  @DisplayName("Twilio's refusal is a typed outcome; a line's address is escaped in TwiML and checked at once")
  void refusalsAndLines() throws Exception {
    twilio.enqueue(new MockResponse.Builder().code(404).body("{\"code\":20404,\"message\":\"not found\"}").build());

    assertThat(calls.connect("CA404", TwilioCalls.Line.phone("+14155550123")).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.status()).isEqualTo(404));
    assertThat(TwilioCalls.dial(TwilioCalls.Line.client("a<b&c"))).contains("<Client>a&lt;b&amp;c</Client>");
    assertThatThrownBy(() -> TwilioCalls.Line.sip("alice@pbx.example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TwilioCalls.builder("XX1", "t")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a waiting caller is connected to the operator who accepts him, her line follows the call, and its end ends the session")
  void connectOnAccept() throws Exception {
    TenantId acme = TenantId.of("acme");
    OperatorId alice = OperatorId.of("alice");
    InMemoryStorage storage = new InMemoryStorage();
    BlockingQueue<Boolean> line = new LinkedBlockingQueue<>();
    try (Parley parley = Parley.builder().sameThread().clock(new ManualClock(Instant.parse("2026-03-02T09:00:00Z")))
        .storage(storage).listener(e -> {
          if (e instanceof Event.PhoneLineChanged changed) {
            line.add(changed.available());
          }
        }).build()) {
      Tenant tenant = parley.tenant(acme);
      tenant.defineGroup(GroupSpec.builder(GroupId.of("sales")).wrapUpLimit(Duration.ZERO).build()).join();
      tenant.configure(TenantSettings.builder().defaultGroup(GroupId.of("sales")).build()).join();
      tenant.defineOperator(OperatorSpec.builder(alice).group(GroupId.of("sales")).channel(Channel.PHONE, 1).build()).join();
      tenant.setStatus(alice, OperatorStatus.ONLINE).join();
      ChannelGateway gateway = ChannelGateway.builder(parley, acme)
          .adapter(TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)).build())
          .build();
      parley.addListener(calls.connectOnAccept(parley, acme, operator -> Optional.of(TwilioCalls.Line.client(operator.value()))));
      twilio.enqueue(call(CALL));

      gateway.receive(Channel.PHONE, TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN,
          Fixtures.bytes("twilio/voice-inbound.form"))).toCompletableFuture().join();
      SessionRecord waiting = storage.sessions().live("acme").get(0);
      tenant.accept(SessionId.of(waiting.id()), alice).join();

      RecordedRequest r = twilio.takeRequest(10, TimeUnit.SECONDS);
      assertThat(r.getTarget()).endsWith("/Calls/" + CALL + ".json");
      assertThat(form(r, "Twiml")).endsWith("<Response><Dial><Client>alice</Client></Dial></Response>");
      assertThat(line.poll(10, TimeUnit.SECONDS)).as("her line is busy with the call").isFalse();
      assertThat(storage.sessions().live("acme")).as("served while the call lasts").hasSize(1);
      byte[] completed = new String(Fixtures.bytes("twilio/voice-inbound.form"), StandardCharsets.UTF_8)
          .replace("CallStatus=ringing", "CallStatus=completed").getBytes(StandardCharsets.UTF_8);
      gateway.receive(Channel.PHONE, TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, completed))
          .toCompletableFuture().join();
      assertThat(storage.sessions().live("acme")).as("the hung-up call's session is over").isEmpty();
      assertThat(line.poll(10, TimeUnit.SECONDS)).as("and her line is free again").isTrue();
    }
  }

  @Test
  @DisplayName("an operator's outgoing call rings his line, then the client's number, in a phone session his at once")
  void placeCall() throws Exception {
    TenantId acme = TenantId.of("acme");
    OperatorId alice = OperatorId.of("alice");
    InMemoryStorage storage = new InMemoryStorage();
    try (Parley parley = Parley.builder().sameThread().storage(storage).build()) {
      Tenant tenant = parley.tenant(acme);
      tenant.defineGroup(GroupSpec.builder(GroupId.of("sales")).build()).join();
      tenant.defineOperator(OperatorSpec.builder(alice).group(GroupId.of("sales")).channel(Channel.PHONE, 1).build()).join();
      tenant.setStatus(alice, OperatorStatus.ONLINE).join();
      ChannelGateway gateway = ChannelGateway.builder(parley, acme)
          .adapter(TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)).build())
          .outgoingCalls(calls, "+15005550006", operator -> Optional.of(TwilioCalls.Line.phone("+14155550123")))
          .build();
      twilio.enqueue(call("CA77"));

      SessionId session = gateway.placeCall(alice, "+420601123456", GroupId.of("sales")).get(10, TimeUnit.SECONDS);

      RecordedRequest r = twilio.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r.getTarget()).endsWith("/Calls.json");
      assertThat(form(r, "To")).isEqualTo("+14155550123");
      assertThat(form(r, "From")).isEqualTo("+15005550006");
      assertThat(form(r, "Twiml")).endsWith("<Dial><Number>+420601123456</Number></Dial></Response>");
      SessionRecord record = storage.sessions().find("acme", session.value()).orElseThrow();
      assertThat(record.status().name()).isEqualTo("ACTIVE");
      assertThat(record.channel()).isEqualTo("PHONE");
      assertThat(record.parameters()).containsEntry("callSid", "CA77");
      assertThatThrownBy(() -> ChannelGateway.builder(parley, acme)
          .adapter(TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)).build())
          .build().placeCall(alice, "+420601123456", null))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("outgoingCalls");
    }
  }
}
