package dev.parley.channels.whatsapp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.channels.Fixtures;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundResult;

/**
 * Any correctly signed body gives a delivery or a typed refusal; nothing else escapes the parser.
 * A normal build replays the inputs under {@code WhatsAppFuzzTestInputs}; to fuzz, run {@code
 * JAZZER_FUZZ=1 mvn -pl sdk-channels test -Dtest=WhatsAppFuzzTest}.
 */
class WhatsAppFuzzTest {
  private static final WhatsAppAdapter ADAPTER =
      WhatsAppAdapter.builder("106540352242922", "token", Fixtures.APP_SECRET, "verify").build();

  @FuzzTest(maxDuration = "60s")
  void signedBodiesGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    try {
      InboundResult result = ADAPTER.receive(Fixtures.metaPost("/wa", data.consumeRemainingAsBytes()));
      assert result instanceof InboundResult.Delivery;
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
