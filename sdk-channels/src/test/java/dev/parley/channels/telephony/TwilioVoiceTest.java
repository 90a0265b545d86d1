package dev.parley.channels.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.channels.Fixtures;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.CallState;
import dev.parley.core.channel.InboundItem.CallEvent;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Twilio's voice webhook")
class TwilioVoiceTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final ClientRef CALLER = new ClientRef(Channel.PHONE, "+14155551234");
  private final List<ClientRef> blacklist = new ArrayList<>();
  private final TelephonyAdapter adapter = TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL))
      .clock(new ManualClock(NOW)).blocked(blacklist::contains).build();

  private InboundResult.Delivery receive(byte[] body) {
    return (InboundResult.Delivery) adapter.receive(TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, body));
  }

  @Test
  @DisplayName("the signature matches Twilio's documented test vector")
  void testVector() {
    Map<String, String> v = new java.util.LinkedHashMap<>();
    Fixtures.text("twilio/signature-test-vector.txt").lines().filter(l -> !l.startsWith("#") && l.contains("="))
        .forEach(l -> v.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    List<Map.Entry<String, String>> params = v.entrySet().stream().filter(e -> e.getKey().startsWith("param."))
        .map(e -> Map.entry(e.getKey().substring("param.".length()), e.getValue())).toList();

    String signature = TwilioSignature.base64(TwilioSignature.compute(v.get("auth_token"), v.get("url"), params));

    assertThat(signature).isEqualTo(v.get("expected_signature")).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  }

  @Test
  @DisplayName("an inbound call is a ringing caller with his number, and is answered with the queue")
  void inboundCall() {
    var delivery = receive(Fixtures.bytes("twilio/voice-inbound.form"));

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(CallEvent.class, e -> {
      assertThat(e.callId()).isEqualTo("CA00000000000000000000000000000001");
      assertThat(e.state()).isEqualTo(CallState.RINGING);
      assertThat(e.client()).isEqualTo(CALLER);
      assertThat(e.entry().phone()).contains("+14155551234");
      assertThat(e.entry().parameters()).containsEntry("to", "+15005550006").containsEntry("direction", "inbound");
      assertThat(e.at()).isEqualTo(NOW);
    });
    assertThat(delivery.reply().contentType()).startsWith("text/xml");
    assertThat(delivery.reply().body()).contains("<Response><Enqueue>parley</Enqueue></Response>");
  }

  @Test
  @DisplayName("Twilio's retry of the same call is dropped but answered the same way")
  void retried() {
    receive(Fixtures.bytes("twilio/voice-inbound.form"));

    var again = receive(Fixtures.bytes("twilio/voice-inbound.form"));

    assertThat(again.items()).isEmpty();
    assertThat(again.reply().body()).contains("<Enqueue>parley</Enqueue>");
  }

  @Test
  @DisplayName("a blocked caller is rejected before anything about him is kept")
  void blockedCaller() {
    blacklist.add(CALLER);

    var delivery = receive(Fixtures.bytes("twilio/voice-inbound.form"));

    assertThat(delivery.items()).isEmpty();
    assertThat(delivery.reply().body()).contains("<Reject reason=\"rejected\"/>");
  }

  @Test
  @DisplayName("a completed call is a call event answered with an empty response")
  void completed() {
    byte[] body = "CallSid=CA9&From=%2B14155551234&CallStatus=completed&CallDuration=42".getBytes(StandardCharsets.UTF_8);

    var delivery = receive(body);

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(CallEvent.class,
        e -> assertThat(e.state()).isEqualTo(CallState.COMPLETED));
    assertThat(delivery.reply().body()).endsWith("<Response/>");
  }

  @Test
  @DisplayName("an SMS webhook is not a voice call")
  void sms() {
    assertThatThrownBy(() -> receive(Fixtures.bytes("twilio/messaging-inbound.form")))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("CallSid");
  }

  @Test
  @DisplayName("the TwiML answer can be replaced")
  void customAnswer() {
    TelephonyAdapter custom = TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)
        .answer("<Response><Say>Hello</Say></Response>")).build();

    var delivery = (InboundResult.Delivery) custom.receive(
        TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, Fixtures.bytes("twilio/voice-inbound.form")));

    assertThat(delivery.reply().body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello</Say></Response>");
  }

  // The vectors of twilio-python's tests/unit/test_request_validator.py (token 12345), see the
  // fixtures README; the repeated-pair ones are computed by the same algorithm.
  private static final String SDK_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String SDK_FORM =
      "CallSid=CA1234567890ABCDE&Digits=1234&From=%2B14158675309&To=%2B18005551212&Caller=%2B14158675309";

  private static boolean valid(String url, String form, String signature) {
    InboundRequest request = InboundRequest.builder("POST", URI.create(url))
        .header("X-Twilio-Signature", signature).body(form.getBytes(StandardCharsets.UTF_8)).build();
    return catchThrowable(() -> TwilioVoice.of("12345", url).verify(request)) == null;
  }

  @Test
  @DisplayName("the official SDK's vector holds for the URL as given")
  void sdkVector() {
    assertThat(valid(SDK_URL, SDK_FORM, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    assertThat(valid(SDK_URL, SDK_FORM.replace("1234&", "4321&"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
  }

  @Test
  @DisplayName("a signature over the URL with the default port :443 or :80 is accepted, and one without a port given")
  void defaultPorts() {
    assertThat(valid(SDK_URL, SDK_FORM, "kvajT1Ptam85bY51eRf/AJRuM3w=")).as("signed over :443").isTrue();
    assertThat(valid(SDK_URL.replace("https", "http"), SDK_FORM, "0ZXoZLH/DfblKGATFgpif+LLRf4=")).as(":80").isTrue();
    assertThat(valid(SDK_URL.replace(".com", ".com:1234"), SDK_FORM, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
        .as("configured with a port, signed without").isTrue();
    assertThat(valid(SDK_URL.replace(".com", ".com:1234").replace("https", "http"), SDK_FORM,
        "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).as("signed with its own port").isTrue();
    assertThat(valid(SDK_URL, SDK_FORM, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).as("another URL's signature").isFalse();
  }

  @Test
  @DisplayName("repeated parameters: distinct values sorted, and a repeated identical pair signed once or twice")
  void repeatedParameters() {
    assertThat(valid(SDK_URL, "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234", "IK+Dwps556ElfBT0I3Rgjkr1wJU="))
        .isTrue();
    assertThat(valid(SDK_URL, "Sid=CA123&Digits=1234&Digits=1234", "AYhE0a2ui6PNAEt076/ajEFM6hc=")).as("twilio-node").isTrue();
    assertThat(valid(SDK_URL, "Sid=CA123&Digits=1234&Digits=1234", "OhCuXh1OaXZMqb9esZd6PzAtdH4=")).as("twilio-python").isTrue();
    assertThat(valid(SDK_URL, "Sid=CA123&Digits=1234", "OhCuXh1OaXZMqb9esZd6PzAtdH4=")).as("a pair taken away").isFalse();
  }

  @Test
  @DisplayName("a JSON body is checked by the bodySHA256 Twilio adds to the URL, and the URL's signature")
  void jsonBody() {
    String url = SDK_URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    String body = "{\"property\": \"value\", \"boolean\": true}";

    assertThat(valid(url, body, "a9nBmqA0ju/hNViExpshrM61xv4=")).isTrue();
    assertThat(valid(url, body.replace("true", "false"), "a9nBmqA0ju/hNViExpshrM61xv4=")).as("body changed").isFalse();
    InboundRequest relayed = InboundRequest.builder("POST", URI.create("https://internal:8080/twilio?foo=1&bar=2"
            + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"))
        .header("X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4=").body(body.getBytes(StandardCharsets.UTF_8)).build();
    assertThat(catchThrowable(() -> TwilioVoice.of("12345", SDK_URL).verify(relayed)))
        .as("the configured public URL, with the request's bodySHA256").isNull();
  }

  @Test
  @DisplayName("with a tenant's IVR menu the digits the caller keyed choose his group; the call's SID is kept")
  void ivrDigits() {
    TelephonyAdapter ivr = TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)
        .ivr(Map.of("1", dev.parley.core.GroupId.of("sales"), "2", dev.parley.core.GroupId.of("support")))).build();
    byte[] form = (new String(Fixtures.bytes("twilio/voice-inbound.form"), StandardCharsets.UTF_8) + "&Digits=2")
        .getBytes(StandardCharsets.UTF_8);

    var delivery = (InboundResult.Delivery) ivr.receive(TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, form));

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(CallEvent.class, e -> {
      assertThat(e.entry().group()).contains(dev.parley.core.GroupId.of("support"));
      assertThat(e.entry().parameters()).containsEntry("digits", "2")
          .containsEntry("callSid", "CA00000000000000000000000000000001");
    });
    byte[] unknown = (new String(form, StandardCharsets.UTF_8) + "9").getBytes(StandardCharsets.UTF_8);
    var other = (InboundResult.Delivery) TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN,
        TwilioVoiceTckTest.URL).ivr(Map.of("1", dev.parley.core.GroupId.of("sales")))).build()
        .receive(TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, unknown));
    assertThat(((CallEvent) other.items().get(0)).entry().group()).as("digits 29 are not in the menu").isEmpty();
  }
}
