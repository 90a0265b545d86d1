package dev.parley.channels.apple;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;

/**
 * Any authorized body, plain or claimed to be gzip, gives a delivery or a typed refusal. Seeds:
 * {@code AppleMessagesFuzzTestInputs}.
 */
class AppleMessagesFuzzTest {
  private static final AppleMessagesAdapter ADAPTER =
      AppleMessagesAdapter.builder("biz", AppleTokens.SECRET, () -> "t").maxInboundBytes(64 * 1024).build();

  @FuzzTest(maxDuration = "60s")
  void authorizedBodiesGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    InboundRequest.Builder request = InboundRequest.builder("POST", URI.create("/message"))
        .header("Authorization", AppleTokens.bearer(AppleTokens.SECRET));
    if (data.consumeBoolean()) {
      request.header("Content-Encoding", "gzip");
    }
    try {
      ADAPTER.receive(request.body(data.consumeRemainingAsBytes()).build());
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
