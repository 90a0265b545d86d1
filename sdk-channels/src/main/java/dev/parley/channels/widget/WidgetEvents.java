package dev.parley.channels.widget;

import dev.parley.channels.internal.Batch;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads the widget protocol: one event object, or {@code {"events": [...]}}. */
final class WidgetEvents {
  private final Channel channel;

  WidgetEvents(Channel channel) {
    this.channel = channel;
  }

  /**
   * One event is read strictly (it is the whole request); in {@code {"events": [...]}} an event
   * that cannot be read is skipped and the others go on.
   */
  Batch parse(byte[] body, Instant now) {
    JsonNode root = Json.parseObject(body);
    if (!root.has("events")) {
      return Batch.of(event(root, now).stream().toList());
    }
    Batch batch = new Batch();
    List<JsonNode> events = Json.array(root, "events");
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      batch.read(Batch.vendorId(event, "id", "events[" + i + "]"), () -> event(event, now));
    }
    return batch;
  }

  private Optional<InboundItem> event(JsonNode event, Instant now) {
    if (!event.isObject()) {
      throw new MalformedPayloadException("an event is not a JSON object");
    }
    String id = Json.string(event, "id");
    return switch (Json.string(event, "type")) {
      case "start" -> Optional.of(new InboundItem.ClientArrived(id, entry(event), now));
      case "message" -> Optional.of(message(id, event, now));
      case "typing" -> Optional.of(new InboundItem.Typing(id, client(event), now));
      case "leave" -> Optional.of(new InboundItem.ClientLeft(id, client(event), now));
      default -> Optional.empty(); // a newer widget's event: ignored
    };
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
