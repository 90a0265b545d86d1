package dev.parley.channels.messenger;

import dev.parley.channels.internal.Json;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds Send API bodies; empty when the message cannot be expressed. */
final class MessengerRequests {
  private MessengerRequests() {}

  static Optional<ObjectNode> body(Outgoing out, boolean humanAgentTag) {
    ObjectNode b = Json.object();
    String to = out.to().identifier();
    if (to.startsWith(MessengerPayload.USER_REF)) { // a chat-plugin visitor
      b.putObject("recipient").put("user_ref", to.substring(MessengerPayload.USER_REF.length()));
    } else {
      b.putObject("recipient").put("id", to);
    }
    OutboundMessage message = out.message();
    if (message instanceof OutboundMessage.Typing t) {
      b.put("sender_action", t.on() ? "typing_on" : "typing_off");
      return Optional.of(b);
    }
    if (humanAgentTag) {
      b.put("messaging_type", "MESSAGE_TAG").put("tag", "HUMAN_AGENT");
    } else {
      b.put("messaging_type", "RESPONSE");
    }
    ObjectNode m = b.putObject("message");
    if (message instanceof OutboundMessage.Text t) {
      m.put("text", t.text());
    } else if (message instanceof OutboundMessage.File f) {
      String type = f.media() == MediaKind.FILE ? "file" : f.media().name().toLowerCase(Locale.ROOT);
      m.putObject("attachment").put("type", type).putObject("payload")
          .put("url", f.url().toString()).put("is_reusable", true);
    } else if (message instanceof OutboundMessage.Card c) {
      ObjectNode element = m.putObject("attachment").put("type", "template").putObject("payload")
          .put("template_type", "generic").putArray("elements").addObject().put("title", c.title());
      if (!c.subtitle().isEmpty()) {
        element.put("subtitle", c.subtitle());
      }
      if (c.imageUrl() != null) {
        element.put("image_url", c.imageUrl().toString());
      }
      if (!c.buttons().isEmpty()) {
        ArrayNode buttons = element.putArray("buttons");
        c.buttons().stream().limit(3).forEach(x -> {
          ObjectNode button = buttons.addObject().put("title", x.title());
          if (x.url() != null) {
            button.put("type", "web_url").put("url", x.url().toString());
          } else {
            button.put("type", "postback").put("payload", x.payload());
          }
        });
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(b);
  }
}
