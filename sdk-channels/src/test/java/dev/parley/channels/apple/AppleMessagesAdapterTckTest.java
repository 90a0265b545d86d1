package dev.parley.channels.apple;

import dev.parley.channels.internal.Json;
import dev.parley.channels.tck.AdapterContext;
import dev.parley.channels.tck.ChannelAdapterTck;
import dev.parley.channels.tck.Item;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Apple Messages for Business passes the adapter TCK")
class AppleMessagesAdapterTckTest extends ChannelAdapterTck {
  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return AppleMessagesAdapter.builder("biz-1", AppleTokens.SECRET, () -> "msp-token").audience("msp-1")
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow())
        .baseUrl(c.baseUrl()).retryPolicy(c.retryPolicy())
        .build();
  }

  private static InboundRequest post(byte[] body, byte[] secret) {
    return InboundRequest.builder("POST", URI.create("https://msp.example/message"))
        .header("Content-Type", "application/json")
        .header("Authorization", AppleTokens.bearer(secret))
        .body(body).build();
  }

  private static byte[] body(Item item) {
    return Json.bytes(Json.object().put("v", 1).put("type", "text").put("id", item.id()).put("sourceId", item.sender())
        .put("destinationId", "biz-1").put("body", item.text()));
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    return post(body(items.get(0)), AppleTokens.SECRET);
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return post(body, AppleTokens.SECRET);
  }

  @Override
  protected InboundRequest forged(Item item) {
    return post(body(item), "guessed".getBytes());
  }

  @Override
  protected boolean deliversBatches() {
    return false;
  }

  @Override
  protected String acceptedResponse(String messageId) {
    return "{\"id\":\"" + messageId + "\"}";
  }
}
