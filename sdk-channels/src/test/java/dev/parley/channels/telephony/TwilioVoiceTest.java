package dev.parley.channels.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.Fixtures;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.CallState;
import dev.parley.core.channel.InboundItem.CallEvent;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
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
}
