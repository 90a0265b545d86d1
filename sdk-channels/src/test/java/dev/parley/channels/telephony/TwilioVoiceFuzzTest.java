package dev.parley.channels.telephony;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.channel.ChannelException;

/** Any correctly signed form gives a delivery or a typed refusal. Seeds: {@code TwilioVoiceFuzzTestInputs}. */
class TwilioVoiceFuzzTest {
  private static final TelephonyAdapter ADAPTER =
      TelephonyAdapter.builder(TwilioVoice.of(TwilioVoiceTckTest.TOKEN, TwilioVoiceTckTest.URL)).build();

  @FuzzTest(maxDuration = "60s")
  void signedFormsGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    try {
      ADAPTER.receive(TwilioVoiceTckTest.signedWith(TwilioVoiceTckTest.TOKEN, data.consumeRemainingAsBytes()));
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
