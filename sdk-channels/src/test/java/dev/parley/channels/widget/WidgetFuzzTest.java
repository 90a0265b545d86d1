package dev.parley.channels.widget;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Any widget event gives a delivery or a typed refusal, on every widget channel. Seeds: {@code WidgetFuzzTestInputs}. */
class WidgetFuzzTest {
  private static final WidgetAdapter CHAT = WidgetAdapter.webChat()
      .transport(o -> CompletableFuture.completedFuture(new SendOutcome.Sent("", 1))).build();
  private static final WidgetAdapter CALLBACK = WidgetAdapter.callback().build();

  @FuzzTest(maxDuration = "60s")
  void eventsGiveADeliveryOrATypedRefusal(FuzzedDataProvider data) {
    WidgetAdapter adapter = data.consumeBoolean() ? CHAT : CALLBACK;
    try {
      adapter.receive(InboundRequest.builder("POST", URI.create("/w")).body(data.consumeRemainingAsBytes()).build());
    } catch (ChannelException expected) {
      // refused with a type: fine
    }
  }
}
