package dev.parley.channels.messenger;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.channels.Fixtures;
import dev.parley.core.channel.ChannelException;

/** Any correctly signed body gives a delivery or a typed refusal. Seeds: {@code MessengerFuzzTestInputs}. */
class MessengerFuzzTest {
  private static final MessengerAdapter ADAPTER = MessengerAdapter.builder("token", Fixtures.APP_SECRET, "verify").build();

  @FuzzTest(maxDuration = "60s")
  void signedBodiesGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    try {
      ADAPTER.receive(Fixtures.metaPost("/m", data.consumeRemainingAsBytes()));
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
