package dev.parley.transport.netty;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the wire, read strictly: a body or a frame is one object; a field the server relies
 * on must be there with the right type, or the input is {@linkplain WireException refused}
 * with the field's name. Unknown fields are ignored, so clients may be newer than the server.
 */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** One JSON object, from UTF-8 bytes. */
  static JsonNode object(byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new WireException("Malformed", "not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new WireException("Malformed", "expected one JSON object");
    }
    return root;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** A required, non-blank string field. */
  static String string(JsonNode node, String field) {
    String text = text(node, field);
    if (text.isBlank()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is missing or blank");
    }
    return text;
  }

  /** An optional string field; blank counts as absent. */
  static Optional<String> optionalString(JsonNode node, String field) {
    String text = text(node, field);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** An optional string that may be blank (a message's text beside files). */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is not a string");
    }
    return value.asString();
  }

  /** An optional boolean field. */
  static boolean bool(JsonNode node, String field, boolean otherwise) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is not true or false");
    }
    return value.asBoolean();
  }

  /** An optional integer field. */
  static Optional<Integer> integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is not a whole number");
    }
    return Optional.of(value.asInt());
  }

  /** An optional object field. */
  static Optional<JsonNode> optionalObject(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is not an object");
    }
    return Optional.of(value);
  }

  /** An optional array field, empty when absent. */
  static JsonNode array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return MissingNode.getInstance();
    }
    if (!value.isArray()) {
      throw WireException.field("Malformed", field, "the field \"" + field + "\" is not an array");
    }
    return value;
  }
}
