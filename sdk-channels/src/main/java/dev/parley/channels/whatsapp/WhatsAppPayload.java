package dev.parley.channels.whatsapp;

import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.MediaKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a WhatsApp webhook body: {@code entry[].changes[]} with {@code field: "messages"}, whose
 * value holds {@code contacts}, {@code messages} and {@code statuses}. Other fields and unknown
 * message types are tolerated: an unknown type becomes a text naming it, so the operator sees that
 * the client sent something.
 */
final class WhatsAppPayload {
  private static final Map<String, MediaKind> MEDIA = Map.of(
      "image", MediaKind.IMAGE, "sticker", MediaKind.IMAGE, "video", MediaKind.VIDEO,
      "audio", MediaKind.AUDIO, "voice", MediaKind.AUDIO, "document", MediaKind.FILE);

  private WhatsAppPayload() {}

  static List<InboundItem> parse(byte[] body) {
    JsonNode root = Json.parseObject(body);
    List<InboundItem> items = new ArrayList<>();
    if (!Json.string(root, "object").equals("whatsapp_business_account")) {
      return items;
    }
    for (JsonNode entry : Json.array(root, "entry")) {
      for (JsonNode change : Json.array(entry, "changes")) {
        if (Json.optionalString(change, "field").orElse("").equals("messages")) {
          value(Json.object(change, "value"), items);
        }
      }
    }
    return items;
  }

  private static void value(JsonNode value, List<InboundItem> items) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : Json.array(value, "contacts")) {
      Optional<String> name = Json.optionalString(contact.path("profile"), "name");
      Json.optionalString(contact, "wa_id").ifPresent(id -> name.ifPresent(n -> names.put(id, n)));
    }
    for (JsonNode message : Json.array(value, "messages")) {
      message(message, names).ifPresent(items::add);
    }
    for (JsonNode status : Json.array(value, "statuses")) {
      status(status).ifPresent(items::add);
    }
  }

  private static Optional<InboundItem> message(JsonNode m, Map<String, String> names) {
    String from = Json.string(m, "from");
    String type = Json.optionalString(m, "type").orElse("unknown");
    ClientRef client = new ClientRef(Channel.WHATSAPP, from);
    Entry.Builder entry = Entry.builder(Channel.WHATSAPP).client(from).phone("+" + from);
    Optional.ofNullable(names.get(from)).ifPresent(entry::name);
    ClientMessage.Builder b = ClientMessage.builder(Json.string(m, "id"), client, Json.epochSeconds(m, "timestamp"))
        .entry(entry.build());
    Json.optionalString(m.path("context"), "id").ifPresent(b::replyTo);
    switch (type) {
      case "text" -> b.text(Json.string(Json.object(m, "text"), "body"));
      case "button" -> b.text(Json.string(Json.object(m, "button"), "text"));
      case "interactive" -> b.text(interactive(Json.object(m, "interactive")));
      case "location" -> b.text(location(Json.object(m, "location")));
      case "reaction" -> {
        Optional<String> emoji = Json.optionalString(Json.object(m, "reaction"), "emoji");
        if (emoji.isEmpty()) {
          return Optional.empty(); // a reaction taken back
        }
        b.text(emoji.get());
      }
      default -> {
        if (MEDIA.containsKey(type)) {
          JsonNode media = Json.object(m, type);
          b.attachment(new Attachment(MEDIA.get(type), "whatsapp-media:" + Json.string(media, "id"),
              Json.optionalString(media, "mime_type").orElse(null), Json.optionalString(media, "filename").orElse(null)));
          Json.optionalString(media, "caption").ifPresent(b::text);
        } else {
          b.text("[" + type + " message: not shown here, see WhatsApp]");
        }
      }
    }
    return Optional.of(b.build());
  }

  private static String interactive(JsonNode i) {
    JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
    return Json.string(reply, "title");
  }

  private static String location(JsonNode l) {
    String where = Json.string(l, "latitude") + "," + Json.string(l, "longitude");
    return "[location " + where + Json.optionalString(l, "name").map(n -> " " + n).orElse("") + "]";
  }

  private static Optional<InboundItem> status(JsonNode s) {
    Receipt.Status status;
    switch (Json.string(s, "status")) {
      case "sent" -> status = Receipt.Status.SENT;
      case "delivered" -> status = Receipt.Status.DELIVERED;
      case "read" -> status = Receipt.Status.READ;
      case "failed" -> status = Receipt.Status.FAILED;
      default -> {
        return Optional.empty(); // "deleted", "warning" and future states
      }
    }
    String messageId = Json.string(s, "id");
    ClientRef client = new ClientRef(Channel.WHATSAPP, Json.string(s, "recipient_id"));
    return Optional.of(new Receipt(messageId + ":" + status, client, status, List.of(messageId), null,
        Json.epochSeconds(s, "timestamp")));
  }
}
