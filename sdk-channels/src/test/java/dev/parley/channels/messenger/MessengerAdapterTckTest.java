package dev.parley.channels.messenger;

import dev.parley.channels.Fixtures;
import dev.parley.channels.internal.Json;
import dev.parley.channels.tck.AdapterContext;
import dev.parley.channels.tck.ChannelAdapterTck;
import dev.parley.channels.tck.Item;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("Messenger passes the adapter TCK")
class MessengerAdapterTckTest extends ChannelAdapterTck {
  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return MessengerAdapter.builder("page-token", Fixtures.APP_SECRET, "verify-me")
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow())
        .baseUrl(c.baseUrl()).retryPolicy(c.retryPolicy())
        .build();
  }

  /** All items in one entry's messaging array. */
  static byte[] body(List<Item> items) {
    ObjectNode root = Json.object().put("object", "page");
    ArrayNode messaging = root.putArray("entry").addObject().put("id", "682498302938465").put("time", 1458692752478L)
        .putArray("messaging");
    for (Item item : items) {
      ObjectNode event = messaging.addObject();
      event.putObject("sender").put("id", item.sender());
      event.putObject("recipient").put("id", "682498302938465");
      event.put("timestamp", 1458692752478L).putObject("message").put("mid", item.id()).put("text", item.text());
    }
    return Json.bytes(root);
  }

  @Override
  protected InboundRequest deliverWithUnreadable(List<Item> items, int unreadable) {
    ObjectNode root = (ObjectNode) Json.parseObject(body(items));
    ((ObjectNode) root.path("entry").path(0).path("messaging").path(unreadable).path("sender")).remove("id");
    return signed(Json.bytes(root));
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    return signed(body(items));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return Fixtures.metaPost("https://cc.example/messenger", body);
  }

  @Override
  protected InboundRequest forged(Item item) {
    return InboundRequest.builder("POST", URI.create("https://cc.example/messenger"))
        .header("X-Hub-Signature-256", "sha256=00").body(body(List.of(item))).build();
  }

  @Override
  protected InboundRequest handshake(boolean rightToken) {
    return InboundRequest.builder("GET", URI.create("https://cc.example/messenger?hub.mode=subscribe"
        + "&hub.verify_token=" + (rightToken ? "verify-me" : "nope") + "&hub.challenge=abc%20123")).build();
  }

  @Override
  protected String handshakeReply() {
    return "abc 123";
  }

  @Override
  protected String acceptedResponse(String messageId) {
    return "{\"recipient_id\":\"12345\",\"message_id\":\"" + messageId + "\"}";
  }
}
