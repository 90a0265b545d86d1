package dev.parley.channels.whatsapp;

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

@DisplayName("WhatsApp passes the adapter TCK")
class WhatsAppAdapterTckTest extends ChannelAdapterTck {
  static final String PHONE_NUMBER_ID = "106540352242922";

  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return WhatsAppAdapter.builder(PHONE_NUMBER_ID, "token", Fixtures.APP_SECRET, "meatyhamhock")
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow())
        .baseUrl(c.baseUrl()).retryPolicy(c.retryPolicy())
        .build();
  }

  /** One entry per item, as Meta batches them. */
  static byte[] body(List<Item> items) {
    ObjectNode root = Json.object().put("object", "whatsapp_business_account");
    ArrayNode entries = root.putArray("entry");
    for (Item item : items) {
      ObjectNode value = entries.addObject().put("id", "102290129340398").putArray("changes").addObject()
          .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
      value.putArray("contacts").addObject().put("wa_id", item.sender()).putObject("profile").put("name", "N");
      value.putArray("messages").addObject().put("from", item.sender()).put("id", item.id())
          .put("timestamp", "1749416383").put("type", "text").putObject("text").put("body", item.text());
    }
    return Json.bytes(root);
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    return signed(body(items));
  }

  @Override
  protected InboundRequest deliverWithUnreadable(List<Item> items, int unreadable) {
    ObjectNode root = (ObjectNode) Json.parseObject(body(items));
    ((ObjectNode) root.path("entry").path(unreadable).path("changes").path(0).path("value").path("messages").path(0))
        .remove("from");
    return signed(Json.bytes(root));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return Fixtures.metaPost("https://cc.example/whatsapp", body);
  }

  @Override
  protected InboundRequest forged(Item item) {
    byte[] body = body(List.of(item));
    return InboundRequest.builder("POST", URI.create("https://cc.example/whatsapp"))
        .header("X-Hub-Signature-256", Fixtures.metaSignature("other".getBytes()))
        .body(body).build();
  }

  @Override
  protected InboundRequest handshake(boolean rightToken) {
    String token = rightToken ? "meatyhamhock" : "guess";
    return InboundRequest.builder("GET", URI.create(
        "https://cc.example/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + token)).build();
  }

  @Override
  protected String handshakeReply() {
    return "1158201444";
  }

  @Override
  protected String acceptedResponse(String messageId) {
    return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"12345\",\"wa_id\":\"12345\"}],"
        + "\"messages\":[{\"id\":\"" + messageId + "\"}]}";
  }
}
