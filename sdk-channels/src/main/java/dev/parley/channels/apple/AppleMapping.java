package dev.parley.channels.apple;

import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that knows the Business Chat message shape, as Apple's REST API documentation
 * gives it: {@code {"v": 1, "type": "text", "id", "sourceId", "destinationId", "body", "locale"}}
 * ("Sending Messages to the Business Chat Service", its text-message example), {@code group} and
 * {@code intent} ("Routing and Prioritizing Messages"), with {@code id}, {@code source-id} (the
 * customer's opaque id inbound, the business id outbound) and {@code destination-id} also as
 * headers ("Integrating with Business Chat"). Types: {@code text}, {@code interactive}, {@code
 * typing_start}, {@code typing_end} (the customer cleared his text: nothing to keep), {@code
 * close} (he closed the conversation); others are ignored.
 *
 * <p>Assumed, not shown on those pages: {@code replyToMessageId}, and attachments as {@code
 * [{"name", "mimeType", "url"}]} whose {@code url} is kept as the reference (Apple's attachments
 * are encrypted: "Getting an Attachment's URL" and "Downloading and Decrypting an Attachment"
 * describe a pre-download call this adapter does not make).
 */
final class AppleMapping {
  private AppleMapping() {}

  static List<InboundItem> parse(InboundRequest request, byte[] body, Instant now) {
    JsonNode m = Json.parseObject(body);
    String id = Json.optionalString(m, "id").or(() -> request.header("id")).orElseGet(() -> Json.string(m, "id"));
    String source = Json.optionalString(m, "sourceId").or(() -> request.header("source-id"))
        .orElseGet(() -> Json.string(m, "sourceId"));
    ClientRef client = new ClientRef(Channel.APPLE_MESSAGES, source);
    switch (Json.optionalString(m, "type").orElse("text")) {
      case "text", "interactive" -> {
        return List.of(message(m, id, client, now));
      }
      case "typing_start" -> {
        return List.of(new InboundItem.Typing(id, client, now));
      }
      case "typing_end" -> {
        return List.of(); // the customer cleared what he typed; not the conversation's close
      }
      case "close" -> {
        return List.of(new InboundItem.ClientLeft(id, client, now));
      }
      default -> {
        return List.of();
      }
    }
  }

  private static ClientMessage message(JsonNode m, String id, ClientRef client, Instant now) {
    Entry.Builder entry = Entry.builder(Channel.APPLE_MESSAGES).client(client.identifier());
    Json.optionalString(m, "locale").ifPresent(entry::language);
    Json.optionalString(m, "group").ifPresent(g -> entry.parameter("group", g));
    Json.optionalString(m, "intent").ifPresent(i -> entry.parameter("intent", i));
    ClientMessage.Builder b = ClientMessage.builder(id, client, now).entry(entry.build());
    Json.optionalString(m, "replyToMessageId").ifPresent(b::replyTo);
    int attachments = 0;
    for (JsonNode a : Json.array(m, "attachments")) {
      Optional<String> type = Json.optionalString(a, "mimeType");
      b.attachment(new Attachment(kind(type.orElse("")), Json.string(a, "url"), type.orElse(null),
          Json.optionalString(a, "name").orElse(null)));
      attachments++;
    }
    Optional<String> text = Json.optionalString(m, "body");
    if (text.isPresent()) {
      b.text(text.get());
    } else if (attachments == 0) {
      b.text("[" + Json.optionalString(m, "type").orElse("text") + " message: see Apple Messages]");
    }
    return b.build();
  }

  private static MediaKind kind(String mimeType) {
    if (mimeType.startsWith("image/")) {
      return MediaKind.IMAGE;
    }
    if (mimeType.startsWith("video/")) {
      return MediaKind.VIDEO;
    }
    return mimeType.startsWith("audio/") ? MediaKind.AUDIO : MediaKind.FILE;
  }

  static Optional<ObjectNode> body(Outgoing out, String id, String businessId) {
    ObjectNode b = Json.object().put("v", 1).put("id", id).put("sourceId", businessId)
        .put("destinationId", out.to().identifier());
    OutboundMessage message = out.message();
    if (message instanceof OutboundMessage.Text t) {
      b.put("type", "text").put("body", t.text());
    } else if (message instanceof OutboundMessage.File f) {
      b.put("type", "text").put("body", f.caption().isEmpty() ? "\uFFFC" : f.caption());
      b.putArray("attachments").addObject().put("name", f.fileName()).put("url", f.url().toString());
    } else if (message instanceof OutboundMessage.Typing t) {
      b.put("type", t.on() ? "typing_start" : "typing_end");
    } else {
      return Optional.empty();
    }
    out.replyTo().ifPresent(r -> b.put("replyToMessageId", r));
    return Optional.of(b);
  }
}
