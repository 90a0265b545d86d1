package dev.parley.channels.email;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;

/** Any bytes as a raw e-mail give a delivery or a typed refusal. Seeds: {@code EmailFuzzTestInputs}. */
class EmailFuzzTest {
  private static final EmailAdapter ADAPTER = EmailAdapter.builder("support@shop.example").build();

  @FuzzTest(maxDuration = "60s")
  void rawMessagesGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    try {
      ADAPTER.receive(InboundRequest.builder("POST", URI.create("/mail")).body(data.consumeRemainingAsBytes()).build());
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
