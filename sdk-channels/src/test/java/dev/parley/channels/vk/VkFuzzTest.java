package dev.parley.channels.vk;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;

/** Any body gives a result or a typed refusal. Seeds: {@code VkFuzzTestInputs}. */
class VkFuzzTest {
  private static final VkAdapter ADAPTER = VkAdapter.builder(123456789, "token", "test-callback-secret", "conf").build();

  @FuzzTest(maxDuration = "60s")
  void bodiesGiveAResultOrATypedRefusal(FuzzedDataProvider data) {
    try {
      ADAPTER.receive(InboundRequest.builder("POST", URI.create("/vk")).body(data.consumeRemainingAsBytes()).build());
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
