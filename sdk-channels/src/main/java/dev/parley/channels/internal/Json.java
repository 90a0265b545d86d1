package dev.parley.channels.internal;

import dev.parley.core.channel.MalformedPayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading vendor JSON strictly where the adapter relies on a field and leniently everywhere else:
 * unknown fields are ignored, a missing required field or a field of the wrong type is a {@link
 * MalformedPayloadException} naming it.
 */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** Parses a whole body as one JSON object. */
  public static JsonNode parseObject(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedPayloadException("the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPayloadException("the body is not a JSON object");
    }
    return root;
  }

  /** A new empty object to build a request body. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The bytes of {@code node}, UTF-8. */
  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** Serializes {@code node} as text. */
  public static String text(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A required string (numbers are accepted and given as their text). */
  public static String string(JsonNode node, String field) {
    return optionalString(node, field)
        .orElseThrow(() -> new MalformedPayloadException("the field \"" + field + "\" is missing or blank"));
  }

  /** An optional string; present only when not blank. */
  public static Optional<String> optionalString(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString() && !value.isNumber()) {
      throw new MalformedPayloadException("the field \"" + field + "\" is not a string");
    }
    String text = value.asString();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** A required object. */
  public static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new MalformedPayloadException("the field \"" + field + "\" is missing or not an object");
    }
    return value;
  }

  /** The elements of an array field; a missing field is an empty list. */
  public static List<JsonNode> array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new MalformedPayloadException("the field \"" + field + "\" is not an array");
    }
    List<JsonNode> out = new ArrayList<>(value.size());
    value.forEach(out::add);
    return out;
  }

  /** An instant given in seconds (as number or string) since the epoch. */
  public static Instant epochSeconds(JsonNode node, String field) {
    return Instant.ofEpochSecond(number(node, field));
  }

  /** An instant given in milliseconds since the epoch. */
  public static Instant epochMillis(JsonNode node, String field) {
    return Instant.ofEpochMilli(number(node, field));
  }

  private static long number(JsonNode node, String field) {
    String text = string(node, field);
    try {
      long value = Long.parseLong(text);
      if (value < 0 || value > 100_000_000_000_000L) {
        throw new MalformedPayloadException("the field \"" + field + "\" is out of range: " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new MalformedPayloadException("the field \"" + field + "\" is not a whole number: " + shorten(text));
    }
  }

  /** {@code text}, cut to 100 characters for messages. */
  public static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
