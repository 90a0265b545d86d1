package dev.parley.channels.messenger;

import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Messenger webhook body: {@code {"object": "page", "entry": [{"messaging": [...]}]}}, each
 * event a {@code message}, {@code postback}, {@code delivery} or {@code read}, from a person known
 * by his page-scoped id or, on the chat plugin, by his {@code user_ref}. Echoes of the page's own
 * messages, {@code standby} events (the conversation belongs to another app of the page) and
 * unknown events give nothing; an event that cannot be read is skipped, the others go on.
 */
final class MessengerPayload {
  /** How a chat-plugin visitor ({@code sender.user_ref}) is told from a page-scoped id. */
  static final String USER_REF = "user_ref:";
  private static final Map<String, MediaKind> MEDIA = Map.of(
      "image", MediaKind.IMAGE, "sticker", MediaKind.IMAGE, "video", MediaKind.VIDEO, "audio", MediaKind.AUDIO,
      "file", MediaKind.FILE, "reel", MediaKind.VIDEO, "ig_reel", MediaKind.VIDEO);

  private MessengerPayload() {}

  static Batch parse(byte[] body) {
    JsonNode root = Json.parseObject(body);
    Batch batch = new Batch();
    if (!Json.string(root, "object").equals("page")) {
      return batch;
    }
    List<JsonNode> entries = Json.array(root, "entry");
    for (int i = 0; i < entries.size(); i++) {
      List<JsonNode> events = Json.array(entries.get(i), "messaging");
      for (int j = 0; j < events.size(); j++) {
        JsonNode event = events.get(j);
        String place = "entry[" + i + "].messaging[" + j + "]";
        batch.read(Batch.vendorId(event.path("message"), "mid", place), () -> event(event));
      }
    }
    return batch;
  }

  private static Optional<InboundItem> event(JsonNode e) {
    if (e.path("message").path("is_echo").asBoolean(false)) {
      return Optional.empty(); // the page's own message, sent by us or from the inbox
    }
    String sender = sender(Json.object(e, "sender"));
    ClientRef client = new ClientRef(Channel.MESSENGER, sender);
    if (e.has("message")) {
      return Optional.of(message(Json.object(e, "message"), client, Json.epochMillis(e, "timestamp")));
    }
    if (e.has("postback")) {
      JsonNode p = Json.object(e, "postback");
      Instant at = Json.epochMillis(e, "timestamp");
      String id = Json.optionalString(p, "mid").orElse("postback:" + sender + ":" + at.toEpochMilli());
      String text = Json.optionalString(p, "title").orElseGet(() -> Json.string(p, "payload"));
      return Optional.of(ClientMessage.builder(id, client, at).text(text).build());
    }
    if (e.has("delivery")) {
      JsonNode d = Json.object(e, "delivery");
      List<String> mids = new ArrayList<>();
      Json.array(d, "mids").forEach(m -> mids.add(m.asString()));
      Instant upTo = Json.epochMillis(d, "watermark");
      return Optional.of(new Receipt("delivery:" + sender + ":" + upTo.toEpochMilli(), client, Receipt.Status.DELIVERED,
          mids, mids.isEmpty() ? upTo : null, upTo));
    }
    if (e.has("read")) {
      Instant upTo = Json.epochMillis(Json.object(e, "read"), "watermark");
      Instant at = e.has("timestamp") ? Json.epochMillis(e, "timestamp") : upTo;
      return Optional.of(new Receipt("read:" + sender + ":" + upTo.toEpochMilli(), client, Receipt.Status.READ,
          List.of(), upTo, at));
    }
    return Optional.empty();
  }

  /** The page-scoped id, or the chat plugin's {@code user_ref} for a visitor who is not logged in. */
  private static String sender(JsonNode sender) {
    Optional<String> psid = Json.optionalString(sender, "id");
    if (psid.isPresent()) {
      return psid.get();
    }
    return USER_REF + Json.optionalString(sender, "user_ref").orElseThrow(() ->
        new MalformedPayloadException("the sender has neither an id nor a user_ref"));
  }

  private static ClientMessage message(JsonNode m, ClientRef client, Instant at) {
    ClientMessage.Builder b = ClientMessage.builder(Json.string(m, "mid"), client, at);
    Json.optionalString(m, "text").ifPresent(b::text);
    Json.optionalString(m.path("reply_to"), "mid").ifPresent(b::replyTo);
    // Until Meta's sticker transition ends, one sticker comes as a "sticker" and an "image"
    // attachment: one attachment per sticker id (or URL) is kept.
    Set<String> seen = new HashSet<>();
    for (JsonNode a : Json.array(m, "attachments")) {
      String type = Json.optionalString(a, "type").orElse("");
      JsonNode payload = a.path("payload");
      Optional<String> url = Json.optionalString(payload, "url");
      String key = Json.optionalString(payload, "sticker_id").map(id -> "sticker:" + id).orElse(url.orElse(""));
      if (url.isPresent() && seen.add(key)) { // a type Messenger adds later is still a file
        b.attachment(new Attachment(MEDIA.getOrDefault(type, MediaKind.FILE), url.get(), null, null));
      }
    }
    if (seen.isEmpty() && !m.has("text")) {
      b.text("[message without text: see Messenger]");
    }
    return b.build();
  }
}
