package dev.parley.channels.widget;

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

@DisplayName("Web chat passes the adapter TCK")
class WebChatAdapterTckTest extends ChannelAdapterTck {
  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return WidgetAdapter.webChat().transport(c.transport())
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow()).build();
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    ObjectNode root = Json.object();
    ArrayNode events = root.putArray("events");
    items.forEach(i -> events.addObject().put("type", "message").put("id", i.id()).put("visitor", i.sender())
        .put("text", i.text()));
    return signed(Json.bytes(root));
  }

  @Override
  protected InboundRequest deliverWithUnreadable(List<Item> items, int unreadable) {
    ObjectNode root = (ObjectNode) Json.parseObject(deliver(items).body());
    ((ObjectNode) root.path("events").path(unreadable)).remove("visitor");
    return signed(Json.bytes(root));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return InboundRequest.builder("POST", URI.create("/chat")).body(body).build();
  }

  @Override
  protected boolean refusesBlockedClients() {
    return true;
  }

  @Override
  protected boolean sendsOverHttp() {
    return false;
  }
}
