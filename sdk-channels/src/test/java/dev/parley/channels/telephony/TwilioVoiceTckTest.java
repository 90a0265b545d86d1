package dev.parley.channels.telephony;

import dev.parley.channels.tck.AdapterContext;
import dev.parley.channels.tck.ChannelAdapterTck;
import dev.parley.channels.tck.Item;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Twilio voice passes the adapter TCK")
class TwilioVoiceTckTest extends ChannelAdapterTck {
  static final String TOKEN = "12345";
  static final String URL = "https://cc.example/twilio/voice";

  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return TelephonyAdapter.builder(TwilioVoice.of(TOKEN, URL))
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow()).build();
  }

  static InboundRequest signedWith(String token, byte[] body) {
    String signature = TwilioSignature.base64(TwilioSignature.compute(token, URL, FormFields.parse(body)));
    return InboundRequest.builder("POST", URI.create("http://10.0.0.7:8080/twilio/voice"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .body(body).build();
  }

  static byte[] ringing(Item item) {
    return ("CallSid=" + item.id() + "&AccountSid=AC1&From=" + URLEncoder.encode(item.sender(), StandardCharsets.UTF_8)
        + "&To=%2B15005550006&CallStatus=ringing&Direction=inbound&NewParameter=ignored").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    return signed(ringing(items.get(0)));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return signedWith(TOKEN, body);
  }

  @Override
  protected InboundRequest forged(Item item) {
    return signedWith("not-the-token", ringing(item));
  }

  @Override
  protected boolean deliversBatches() {
    return false;
  }

  @Override
  protected boolean itemsCarryText() {
    return false;
  }

  @Override
  protected boolean sendsOverHttp() {
    return false;
  }
}
