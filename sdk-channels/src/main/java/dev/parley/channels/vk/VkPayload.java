package dev.parley.channels.vk;

import dev.parley.channels.internal.Json;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.MediaKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one Callback API event ({@code type}, {@code group_id}, {@code event_id}, {@code object},
 * {@code secret}): {@code message_new} from a person (API 5.103+, where the message sits in {@code
 * object.message}, and the older flat form), {@code message_read} and {@code message_typing_state}.
 * Every other type (the community's own {@code message_reply}, wall posts, …) gives nothing.
 */
final class VkPayload {
  private static final long CHAT_PEER = 2_000_000_000L;

  private VkPayload() {}

  static List<InboundItem> items(JsonNode event, Instant now) {
    String type = Json.string(event, "type");
    JsonNode object = event.path("object");
    return switch (type) {
      case "message_new" -> message(event, object.has("message") ? Json.object(object, "message") : object)
          .map(List::of).orElse(List.of());
      case "message_read" -> {
        ClientRef client = client(Json.string(object, "from_id"));
        String read = Json.string(object, "read_message_id");
        yield List.of(new InboundItem.Receipt(id(event, "read:" + read), client, InboundItem.Receipt.Status.READ,
            List.of(read), null, now));
      }
      case "message_typing_state" -> "typing".equals(object.path("state").asString(""))
          ? List.of(new InboundItem.Typing(id(event, "typing:" + now.toEpochMilli()), client(Json.string(object, "from_id")), now))
          : List.of();
      default -> List.of();
    };
  }

  private static Optional<InboundItem> message(JsonNode event, JsonNode m) {
    String from = Json.string(m, "from_id");
    String peer = Json.optionalString(m, "peer_id").orElse(from);
    if (!peer.equals(from) || from.startsWith("-") || parse(peer) >= CHAT_PEER) {
      return Optional.empty(); // a group chat or another community: not a client conversation
    }
    String conversationId = Json.optionalString(m, "conversation_message_id").orElse(Json.string(m, "id"));
    ClientMessage.Builder b = ClientMessage.builder(id(event, "msg:" + from + ":" + conversationId), client(from),
        Json.epochSeconds(m, "date"))
        .entry(Entry.builder(Channel.VKONTAKTE).client(from).build());
    String text = Json.optionalString(m, "text").orElse("");
    List<Attachment> attachments =
        Json.array(m, "attachments").stream().map(VkPayload::attachment).flatMap(Optional::stream).toList();
    b.text(text.isEmpty() && attachments.isEmpty() ? "[message without text: see VK]" : text);
    attachments.forEach(b::attachment);
    Json.optionalString(m.path("reply_message"), "id").ifPresent(b::replyTo);
    return Optional.of(b.build());
  }

  private static Optional<Attachment> attachment(JsonNode a) {
    String type = a.path("type").asString("");
    JsonNode body = a.path(type);
    return switch (type) {
      case "photo" -> largest(Json.array(body, "sizes"))
          .flatMap(size -> Json.optionalString(size, "url")).map(u -> new Attachment(MediaKind.IMAGE, u, null, null));
      case "doc" -> Json.optionalString(body, "url")
          .map(u -> new Attachment(MediaKind.FILE, u, null, Json.optionalString(body, "title").orElse(null)));
      case "audio_message" -> Json.optionalString(body, "link_mp3").map(u -> new Attachment(MediaKind.AUDIO, u, "audio/mpeg", null));
      default -> Optional.empty();
    };
  }

  /**
   * The largest copy by area ({@code width * height}): VK does not list {@code sizes} in order of
   * size. Among equal areas (or sizes without dimensions) the later one wins.
   */
  private static Optional<JsonNode> largest(List<JsonNode> sizes) {
    @Nullable JsonNode best = null;
    long bestArea = -1;
    for (JsonNode size : sizes) {
      long area = size.path("width").asLong(0) * size.path("height").asLong(0);
      if (area >= bestArea) {
        best = size;
        bestArea = area;
      }
    }
    return Optional.ofNullable(best);
  }

  private static ClientRef client(String fromId) {
    return new ClientRef(Channel.VKONTAKTE, fromId);
  }

  /** VK's event id where the API version has one; otherwise the fallback. */
  private static String id(JsonNode event, String fallback) {
    return Json.optionalString(event, "event_id").orElse(fallback);
  }

  private static long parse(String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
