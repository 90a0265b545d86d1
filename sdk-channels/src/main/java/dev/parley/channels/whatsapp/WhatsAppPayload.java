package dev.parley.channels.whatsapp;

import dev.parley.channels.internal.Batch;
import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundItem.Receipt;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Reads a WhatsApp webhook body: {@code entry[].changes[]} with {@code field: "messages"}, whose
 * value holds {@code contacts}, {@code messages}, {@code statuses} (and {@code errors}, which give
 * nothing). Every documented message type is read on purpose: text, media, location, contacts,
 * button and interactive replies, reactions (a removed reaction gives nothing), orders, {@code
 * unsupported} (a placeholder telling the operator), {@code system} (a changed number links the
 * new one to the client; it is not the client's words). An unknown type becomes a text naming it.
 * A message or status that cannot be read is skipped; the others go on.
 *
 * <p>A person may be named by his phone ({@code wa_id}, {@code from}, {@code recipient_id}), by
 * his business-scoped user id ({@code user_id}, {@code from_user_id}, {@code recipient_user_id}),
 * or by both; {@link WhatsAppContacts} keeps him under one identity.
 */
final class WhatsAppPayload {
  /** The entry parameter holding the client's business-scoped user id. */
  static final String USER_ID = "whatsapp_user_id";
  private static final Map<String, MediaKind> MEDIA = Map.of(
      "image", MediaKind.IMAGE, "sticker", MediaKind.IMAGE, "video", MediaKind.VIDEO,
      "audio", MediaKind.AUDIO, "voice", MediaKind.AUDIO, "document", MediaKind.FILE);

  private final WhatsAppContacts contacts;

  WhatsAppPayload(WhatsAppContacts contacts) {
    this.contacts = contacts;
  }

  Batch parse(byte[] body) {
    JsonNode root = Json.parseObject(body);
    Batch batch = new Batch();
    if (!Json.string(root, "object").equals("whatsapp_business_account")) {
      return batch;
    }
    List<JsonNode> entries = Json.array(root, "entry");
    for (int i = 0; i < entries.size(); i++) {
      List<JsonNode> changes = Json.array(entries.get(i), "changes");
      for (int j = 0; j < changes.size(); j++) {
        JsonNode change = changes.get(j);
        if (Json.optionalString(change, "field").orElse("").equals("messages")) {
          value(Json.object(change, "value"), "entry[" + i + "].changes[" + j + "].value", batch);
        }
      }
    }
    return batch;
  }

  private void value(JsonNode value, String place, Batch batch) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : Json.array(value, "contacts")) {
      Optional<String> name = Json.optionalString(contact.path("profile"), "name");
      if (name.isPresent()) {
        Json.optionalString(contact, "wa_id").ifPresent(id -> names.put(id, name.get()));
        Json.optionalString(contact, "user_id").ifPresent(id -> names.put(id, name.get()));
      }
    }
    List<JsonNode> messages = Json.array(value, "messages");
    for (int k = 0; k < messages.size(); k++) {
      JsonNode m = messages.get(k);
      batch.read(Batch.vendorId(m, "id", place + ".messages[" + k + "]"), () -> message(m, names));
    }
    List<JsonNode> statuses = Json.array(value, "statuses");
    for (int k = 0; k < statuses.size(); k++) {
      JsonNode s = statuses.get(k);
      batch.read(Batch.vendorId(s, "id", place + ".statuses[" + k + "]"), () -> status(s));
    }
  }

  private Optional<InboundItem> message(JsonNode m, Map<String, String> names) {
    String id = Json.string(m, "id");
    Optional<String> phone = Json.optionalString(m, "from");
    Optional<String> userId = Json.optionalString(m, "from_user_id");
    String type = Json.optionalString(m, "type").orElse("unknown");
    if (type.equals("system")) {
      system(Json.object(m, "system"), phone, userId);
      return Optional.empty();
    }
    String identity = identity(phone, userId, true);
    ClientRef client = new ClientRef(Channel.WHATSAPP, identity);
    Entry.Builder entry = Entry.builder(Channel.WHATSAPP).client(identity);
    phone.ifPresent(p -> entry.phone("+" + p));
    userId.ifPresent(u -> entry.parameter(USER_ID, u));
    phone.or(() -> userId).map(names::get).ifPresent(entry::name);
    ClientMessage.Builder b = ClientMessage.builder(id, client, Json.epochSeconds(m, "timestamp")).entry(entry.build());
    Json.optionalString(m.path("context"), "id").ifPresent(b::replyTo);
    switch (type) {
      case "text" -> b.text(Json.string(Json.object(m, "text"), "body"));
      case "button" -> b.text(Json.string(Json.object(m, "button"), "text"));
      case "interactive" -> b.text(interactive(Json.object(m, "interactive")));
      case "location" -> b.text(location(Json.object(m, "location")));
      case "contacts" -> b.text(sharedContacts(Json.array(m, "contacts")));
      case "order" -> b.text(order(Json.object(m, "order")));
      case "reaction" -> {
        JsonNode reaction = Json.object(m, "reaction");
        Optional<String> emoji = Json.optionalString(reaction, "emoji");
        if (emoji.isEmpty()) {
          return Optional.empty(); // a reaction taken back: nothing to show
        }
        b.text(emoji.get());
        Json.optionalString(reaction, "message_id").ifPresent(b::replyTo);
      }
      case "unsupported", "unknown" -> b.text("[a message WhatsApp cannot pass on"
          + Json.array(m, "errors").stream().flatMap(e -> Json.optionalString(e, "title").stream())
              .findFirst().map(t -> ": " + t).orElse("") + "]");
      default -> {
        if (MEDIA.containsKey(type)) {
          JsonNode media = Json.object(m, type);
          b.attachment(new Attachment(MEDIA.get(type), "whatsapp-media:" + Json.string(media, "id"),
              Json.optionalString(media, "mime_type").orElse(null), Json.optionalString(media, "filename").orElse(null)));
          Json.optionalString(media, "caption").ifPresent(b::text);
        } else {
          b.text("[" + Json.shorten(type) + " message: not shown here, see WhatsApp]");
        }
      }
    }
    return Optional.of(b.build());
  }

  /**
   * "User changed number" and "user changed user id": the new identifier is linked to the
   * client's identity, and replies go to it from now on.
   */
  private void system(JsonNode system, Optional<String> phone, Optional<String> userId) {
    String identity = identity(phone, userId, false);
    switch (Json.optionalString(system, "type").orElse("")) {
      case "user_changed_number" -> {
        String newPhone = Json.string(system, "wa_id");
        contacts.link(newPhone, identity);
        contacts.reachAt(identity, newPhone);
      }
      case "user_changed_user_id" -> Json.optionalString(system, "user_id").ifPresent(u -> {
        contacts.link(u, identity);
        if (phone.isEmpty()) {
          contacts.reachAt(identity, u);
        }
      });
      default -> { } // a system notice of a kind WhatsApp adds later: not the client's words either
    }
  }

  /**
   * The identity of the person named by {@code phone}, {@code userId} or both: the one either is
   * linked to, else the phone, else the user id. Both are linked to it; when {@code reached}, the
   * identifier he wrote from is where replies go (the phone if there is one: Meta prefers it).
   */
  private String identity(Optional<String> phone, Optional<String> userId, boolean reached) {
    if (phone.isEmpty() && userId.isEmpty()) {
      throw new MalformedPayloadException("the item names neither a phone number nor a user id");
    }
    String identity = phone.flatMap(contacts::identityOf).or(() -> userId.flatMap(contacts::identityOf))
        .orElse(phone.orElseGet(userId::get));
    phone.ifPresent(p -> contacts.link(p, identity));
    userId.ifPresent(u -> contacts.link(u, identity));
    if (reached) {
      contacts.reachAt(identity, phone.orElseGet(userId::get));
    }
    return identity;
  }

  private static String interactive(JsonNode i) {
    if (i.has("nfm_reply")) { // a WhatsApp Flow's answer
      return Json.optionalString(i.path("nfm_reply"), "body").orElse("[form sent: see WhatsApp]");
    }
    JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
    return Json.string(reply, "title");
  }

  private static String location(JsonNode l) {
    StringJoiner text = new StringJoiner(" ", "[location ", "]");
    text.add(Json.string(l, "latitude") + "," + Json.string(l, "longitude"));
    Json.optionalString(l, "name").ifPresent(text::add);
    Json.optionalString(l, "address").ifPresent(text::add);
    return text.toString();
  }

  private static String sharedContacts(List<JsonNode> shared) {
    StringJoiner text = new StringJoiner("; ", "[contact ", "]");
    for (JsonNode c : shared) {
      StringJoiner one = new StringJoiner(" ");
      Json.optionalString(c.path("name"), "formatted_name").ifPresent(one::add);
      Json.array(c, "phones").forEach(p -> Json.optionalString(p, "phone").ifPresent(one::add));
      text.add(one.toString());
    }
    return text.toString();
  }

  private static String order(JsonNode o) {
    List<String> lines = new ArrayList<>();
    for (JsonNode item : Json.array(o, "product_items")) {
      lines.add(Json.string(item, "quantity") + " × " + Json.string(item, "product_retailer_id")
          + Json.optionalString(item, "item_price").map(p -> " at " + p + " "
              + Json.optionalString(item, "currency").orElse("")).orElse("").stripTrailing());
    }
    return "[order: " + String.join(", ", lines) + "]" + Json.optionalString(o, "text").map(t -> " " + t).orElse("");
  }

  private Optional<InboundItem> status(JsonNode s) {
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
    String identity = identity(Json.optionalString(s, "recipient_id"), Json.optionalString(s, "recipient_user_id"), false);
    return Optional.of(new Receipt(messageId + ":" + status, new ClientRef(Channel.WHATSAPP, identity), status,
        List.of(messageId), null, Json.epochSeconds(s, "timestamp")));
  }

  /** Where a reply to {@code identity} goes: his latest phone or user id. */
  String addressOf(String identity) {
    return contacts.addressOf(identity).orElse(identity);
  }
}
