package dev.parley.channels.widget;

import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads the widget protocol: one event object, or {@code {"events": [...]}}. */
final class WidgetEvents {
  private final Channel channel;

  WidgetEvents(Channel channel) {
    this.channel = channel;
  }

  List<InboundItem> parse(byte[] body, Instant now) {
    JsonNode root = Json.parseObject(body);
    List<JsonNode> events = root.has("events") ? Json.array(root, "events") : List.of(root);
    List<InboundItem> items = new ArrayList<>();
    for (JsonNode event : events) {
      if (!event.isObject()) {
        throw new MalformedPayloadException("an event is not a JSON object");
      }
      String id = Json.string(event, "id");
      switch (Json.string(event, "type")) {
        case "start" -> items.add(new InboundItem.ClientArrived(id, entry(event), now));
        case "message" -> items.add(message(id, event, now));
        case "typing" -> items.add(new InboundItem.Typing(id, client(event), now));
        case "leave" -> items.add(new InboundItem.ClientLeft(id, client(event), now));
        default -> { } // a newer widget's event: ignored
      }
    }
    return items;
  }

  private ClientRef client(JsonNode event) {
    return new ClientRef(channel, identity(event));
  }

  /** A callback request is known by its phone number; the others by the visitor id. */
  private String identity(JsonNode event) {
    return Json.string(event, channel == Channel.CALLBACK ? "phone" : "visitor");
  }

  private ClientMessage message(String id, JsonNode event, Instant now) {
    if (channel == Channel.CALLBACK) {
      throw new MalformedPayloadException("a callback request carries no messages");
    }
    ClientMessage.Builder m = ClientMessage.builder(id, client(event), now)
        .text(Json.optionalString(event, "text").orElse(""));
    for (JsonNode a : Json.array(event, "attachments")) {
      m.attachment(new Attachment(kind(Json.optionalString(a, "kind").orElse("file")), Json.string(a, "url"),
          Json.optionalString(a, "mediaType").orElse(null), Json.optionalString(a, "fileName").orElse(null)));
    }
    return m.build();
  }

  private static MediaKind kind(String kind) {
    try {
      return MediaKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return MediaKind.FILE;
    }
  }

  private Entry entry(JsonNode event) {
    Entry.Builder e = Entry.builder(channel).client(identity(event));
    Json.optionalString(event, "name").ifPresent(e::name);
    Json.optionalString(event, "email").ifPresent(e::email);
    Json.optionalString(event, "phone").ifPresent(e::phone);
    Json.optionalString(event, "language").ifPresent(e::language);
    Json.optionalString(event, "widget").ifPresent(e::widget);
    Json.optionalString(event, "pageUrl").ifPresent(e::pageUrl);
    Json.optionalString(event, "browser").ifPresent(e::browser);
    Json.optionalString(event, "os").ifPresent(e::os);
    Json.optionalString(event, "invitationCode").ifPresent(e::invitationCode);
    Json.optionalString(event, "group").ifPresent(g -> e.group(GroupId.of(g)));
    JsonNode parameters = event.get("parameters");
    if (parameters != null && parameters.isObject()) {
      for (Map.Entry<String, JsonNode> p : parameters.properties()) {
        e.parameter(p.getKey(), p.getValue().asString());
      }
    }
    return e.build();
  }
}
