package dev.parley.channels.whatsapp;

import dev.parley.channels.internal.Json;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.OutboundMessage.Button;
import dev.parley.core.channel.Outgoing;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds Cloud API {@code /messages} bodies; empty when the message cannot be expressed. */
final class WhatsAppRequests {
  private WhatsAppRequests() {}

  /** The body sending {@code out} to {@code address}, a phone number or a business-scoped user id. */
  static Optional<ObjectNode> body(Outgoing out, String address) {
    ObjectNode b = Json.object().put("messaging_product", "whatsapp");
    OutboundMessage message = out.message();
    if (message instanceof OutboundMessage.Typing typing) {
      // The indicator hangs on the client's message and marks it read; it goes off by itself.
      if (!typing.on() || out.replyTo().isEmpty()) {
        return Optional.empty();
      }
      b.put("status", "read").put("message_id", out.replyTo().get());
      b.putObject("typing_indicator").put("type", "text");
      return Optional.of(b);
    }
    // Phone numbers go in "to"; a business-scoped user id (e.g. "US.13491208655302741918") in "recipient".
    b.put("recipient_type", "individual").put(address.chars().allMatch(Character::isDigit) ? "to" : "recipient", address);
    out.replyTo().ifPresent(id -> b.putObject("context").put("message_id", id));
    if (message instanceof OutboundMessage.Text t) {
      b.put("type", "text").putObject("text").put("preview_url", false).put("body", t.text());
    } else if (message instanceof OutboundMessage.File f) {
      String type = f.media() == MediaKind.FILE ? "document" : f.media().name().toLowerCase(Locale.ROOT);
      ObjectNode media = b.put("type", type).putObject(type).put("link", f.url().toString());
      if (f.media() != MediaKind.AUDIO && !f.caption().isEmpty()) {
        media.put("caption", f.caption());
      }
      if (f.media() == MediaKind.FILE) {
        media.put("filename", f.fileName());
      }
    } else if (message instanceof OutboundMessage.Template t) {
      ObjectNode template = b.put("type", "template").putObject("template").put("name", t.name());
      template.putObject("language").put("code", t.language());
      if (!t.parameters().isEmpty()) {
        ArrayNode params = template.putArray("components").addObject().put("type", "body").putArray("parameters");
        t.parameters().forEach(p -> params.addObject().put("type", "text").put("text", p));
      }
    } else if (message instanceof OutboundMessage.Card c) {
      card(b, c);
    } else {
      return Optional.empty();
    }
    return Optional.of(b);
  }

  /** Reply buttons (up to 3) or one call-to-action URL button, with the picture as header. */
  private static void card(ObjectNode b, OutboundMessage.Card c) {
    String text = c.subtitle().isEmpty() ? c.title() : c.title() + "\n" + c.subtitle();
    if (c.buttons().isEmpty()) {
      if (c.imageUrl() == null) {
        b.put("type", "text").putObject("text").put("preview_url", false).put("body", text);
      } else {
        b.put("type", "image").putObject("image").put("link", c.imageUrl().toString()).put("caption", text);
      }
      return;
    }
    ObjectNode i = b.put("type", "interactive").putObject("interactive");
    if (c.imageUrl() != null) {
      i.putObject("header").put("type", "image").putObject("image").put("link", c.imageUrl().toString());
    }
    i.putObject("body").put("text", text);
    Optional<Button> link = c.buttons().stream().filter(x -> x.url() != null).findFirst();
    if (link.isPresent()) {
      i.put("type", "cta_url").putObject("action").put("name", "cta_url").putObject("parameters")
          .put("display_text", link.get().title()).put("url", String.valueOf(link.get().url()));
      return;
    }
    i.put("type", "button");
    ArrayNode buttons = i.putObject("action").putArray("buttons");
    c.buttons().stream().limit(3).forEach(x ->
        buttons.addObject().put("type", "reply").putObject("reply").put("id", x.payload()).put("title", x.title()));
  }
}
