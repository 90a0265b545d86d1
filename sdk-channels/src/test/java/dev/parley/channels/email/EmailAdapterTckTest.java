package dev.parley.channels.email;

import dev.parley.channels.tck.AdapterContext;
import dev.parley.channels.tck.ChannelAdapterTck;
import dev.parley.channels.tck.Item;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.InboundRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("E-mail passes the adapter TCK")
class EmailAdapterTckTest extends ChannelAdapterTck {
  @Override
  protected ChannelAdapter createAdapter(AdapterContext c) {
    return EmailAdapter.builder("support@shop.example")
        .clock(c.clock()).blocked(c.blocked()).deduplicationWindow(c.deduplicationWindow()).build();
  }

  @Override
  protected String identifier(String sender) {
    return "client-" + sender + "@mail.example";
  }

  @Override
  protected InboundRequest deliver(List<Item> items) {
    Item item = items.get(0);
    String mail = "From: Client <" + identifier(item.sender()) + ">\r\nTo: support@shop.example\r\n"
        + "Subject: Order\r\nMessage-ID: <" + item.id() + "@mail.example>\r\nX-Unknown: yes\r\n\r\n" + item.text() + "\r\n";
    return signed(mail.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected InboundRequest signed(byte[] body) {
    return InboundRequest.builder("POST", URI.create("/mail/inbound")).header("Content-Type", "message/rfc822")
        .body(body).build();
  }

  @Override
  protected boolean deliversBatches() {
    return false;
  }

  @Override
  protected boolean sendsOverHttp() {
    return false;
  }
}
