package dev.parley.channels.messenger;

import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Messenger webhook body: {@code {"object": "page", "entry": [{"messaging": [...]}]}}, each
 * event a {@code message}, {@code postback}, {@code delivery} or {@code read}. Echoes of the page's
 * own messages and unknown events are skipped.
 */
final class MessengerPayload {
  private static final Map<String, MediaKind> MEDIA = Map.of(
      "image", MediaKind.IMAGE, "video", MediaKind.VIDEO, "audio", MediaKind.AUDIO, "file", MediaKind.FILE,
      "reel", MediaKind.VIDEO, "ig_reel", MediaKind.VIDEO);

  private MessengerPayload() {}

  static List<InboundItem> parse(byte[] body) {
    JsonNode root = Json.parseObject(body);
    List<InboundItem> items = new ArrayList<>();
    if (!Json.string(root, "object").equals("page")) {
      return items;
    }
    for (JsonNode entry : Json.array(root, "entry")) {
      for (JsonNode event : Json.array(entry, "messaging")) {
        event(event).ifPresent(items::add);
      }
    }
    return items;
  }

  private static Optional<InboundItem> event(JsonNode e) {
    String psid = Json.string(Json.object(e, "sender"), "id");
    ClientRef client = new ClientRef(Channel.MESSENGER, psid);
    if (e.has("message")) {
      return message(Json.object(e, "message"), client, Json.epochMillis(e, "timestamp"));
    }
    if (e.has("postback")) {
      JsonNode p = Json.object(e, "postback");
      Instant at = Json.epochMillis(e, "timestamp");
      String id = Json.optionalString(p, "mid").orElse("postback:" + psid + ":" + at.toEpochMilli());
      String text = Json.optionalString(p, "title").orElseGet(() -> Json.string(p, "payload"));
      return Optional.of(ClientMessage.builder(id, client, at).text(text).build());
    }
    if (e.has("delivery")) {
      JsonNode d = Json.object(e, "delivery");
      List<String> mids = new ArrayList<>();
      Json.array(d, "mids").forEach(m -> mids.add(m.asString()));
      Instant upTo = Json.epochMillis(d, "watermark");
      return Optional.of(new Receipt("delivery:" + psid + ":" + upTo.toEpochMilli(), client, Receipt.Status.DELIVERED,
          mids, mids.isEmpty() ? upTo : null, upTo));
    }
    if (e.has("read")) {
      Instant upTo = Json.epochMillis(Json.object(e, "read"), "watermark");
      Instant at = e.has("timestamp") ? Json.epochMillis(e, "timestamp") : upTo;
      return Optional.of(new Receipt("read:" + psid + ":" + upTo.toEpochMilli(), client, Receipt.Status.READ,
          List.of(), upTo, at));
    }
    return Optional.empty();
  }

  private static Optional<InboundItem> message(JsonNode m, ClientRef client, Instant at) {
    if (m.path("is_echo").asBoolean(false)) {
      return Optional.empty();
    }
    ClientMessage.Builder b = ClientMessage.builder(Json.string(m, "mid"), client, at);
    Json.optionalString(m, "text").ifPresent(b::text);
    Json.optionalString(m.path("reply_to"), "mid").ifPresent(b::replyTo);
    int kept = 0;
    for (JsonNode a : Json.array(m, "attachments")) {
      String type = Json.optionalString(a, "type").orElse("");
      Optional<String> url = Json.optionalString(a.path("payload"), "url");
      if (url.isPresent()) { // a type Messenger adds later is still a file
        b.attachment(new Attachment(MEDIA.getOrDefault(type, MediaKind.FILE), url.get(), null, null));
        kept++;
      }
    }
    if (kept == 0 && !m.has("text")) {
      b.text("[message without text: see Messenger]");
    }
    return Optional.of(b.build());
  }
}
