package dev.parley.channels.vk;

import dev.parley.channels.internal.Json;
import dev.parley.channels.tck.AdapterContext;
import dev.parley.channels.tck.ChannelAdapterTck;
import dev.parley.channels.tck.Item;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("VK passes the adapter TCK")
class VkAdapterTckTest extends ChannelAdapterTck {
  static final long GROUP = 123456789;
  static final String SECRET = "test-callback-secret";

  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return VkAdapter.builder(GROUP, "community-token", SECRET, "a1b2c3d4")
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow())
        .baseUrl(c.baseUrl()).retryPolicy(c.retryPolicy())
        .build();
  }

  static byte[] messageNew(Item item, String secret) {
    ObjectNode event = Json.object().put("group_id", GROUP).put("type", "message_new").put("event_id", item.id())
        .put("v", "5.199").put("secret", secret);
    event.putObject("object").putObject("message").put("date", 1763719200).put("from_id", Long.parseLong(item.sender()))
        .put("peer_id", Long.parseLong(item.sender())).put("id", 0).put("conversation_message_id", 7)
        .put("text", item.text());
    return Json.bytes(event);
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    return signed(messageNew(items.get(0), SECRET));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return InboundRequest.builder("POST", URI.create("https://cc.example/vk")).body(body).build();
  }

  @Override
  protected InboundRequest forged(Item item) {
    return signed(messageNew(item, "guessed-secret"));
  }

  @Override
  protected InboundRequest handshake(boolean rightToken) {
    long group = rightToken ? GROUP : 987654321;
    return signed(("{\"type\":\"confirmation\",\"group_id\":" + group + "}").getBytes());
  }

  @Override
  protected String handshakeReply() {
    return "a1b2c3d4";
  }

  @Override
  protected boolean deliversBatches() {
    return false;
  }

  @Override
  protected String acceptedResponse(String messageId) {
    return "{\"response\":\"" + messageId + "\"}";
  }
}
