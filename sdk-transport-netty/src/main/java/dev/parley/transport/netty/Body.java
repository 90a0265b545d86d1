package dev.parley.transport.netty;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * An admin request's JSON body read field by field, where every refusal names the field at fault
 * by its path ({@code offerTimeout}, {@code rules[2].language}): a value of the wrong JSON type is
 * {@code Malformed}, one the engine's builders refuse (a negative time-out, an unknown channel,
 * a blank id) is {@code InvalidArgument}, both {@code 400} with {@code "field"} in the error.
 *
 * <p>The routes read a whole body before they submit anything, so a refused body changes nothing.
 *
 * <p>Thread safety: confined to the worker serving the request.
 */
final class Body {
  private final JsonNode node;
  private final String path;

  private Body(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The call's body, one JSON object. */
  static Body of(Call call) {
    return of(call.body());
  }

  /** A body of UTF-8 bytes, one JSON object. */
  static Body of(byte[] bytes) {
    return new Body(Json.object(bytes), "");
  }

  /** The path of {@code field} in the whole body. */
  String path(String field) {
    return path.isEmpty() || field.isEmpty() ? path + field : path + "." + field;
  }

  /** Whether the body has {@code field}, even as {@code null} or empty. */
  boolean has(String field) {
    return node.has(field);
  }

  /** An optional string field; blank counts as absent. */
  Optional<String> string(String field) {
    return guard(field, () -> Json.optionalString(node, field));
  }

  /** A required, non-blank string field. */
  String required(String field) {
    return string(field).orElseThrow(() ->
        WireException.field("Malformed", path(field), "the field \"" + path(field) + "\" is missing or blank"));
  }

  /** An optional string field parsed by {@code parse}, whose refusal is the field's. */
  <T> Optional<T> parsed(String field, Function<String, T> parse) {
    return string(field).map(text -> check(field, () -> parse.apply(text)));
  }

  /** An optional ISO-8601 duration ({@code PT30S}). */
  Optional<Duration> duration(String field) {
    return parsed(field, Duration::parse);
  }

  /** An optional ISO-8601 instant ({@code 2026-06-01T08:00:00Z}). */
  Optional<Instant> instant(String field) {
    return parsed(field, Instant::parse);
  }

  /** An optional name of one of {@code type}'s constants, in any case ({@code web_chat}, {@code WEB-CHAT}). */
  <E extends Enum<E>> Optional<E> named(String field, Class<E> type) {
    return parsed(field, text -> constant(type, text));
  }

  /** An optional boolean field. */
  Optional<Boolean> bool(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(guard(field, () -> Json.bool(node, field, false)));
  }

  /** An optional whole number. */
  Optional<Integer> integer(String field) {
    return guard(field, () -> Json.integer(node, field));
  }

  /** An optional object field, as a body of its own whose fields are named under this one's. */
  Optional<Body> object(String field) {
    return guard(field, () -> Json.optionalObject(node, field)).map(n -> new Body(n, path(field)));
  }

  /** The objects of an optional array field, each a body named {@code field[i]}; empty when absent. */
  List<Body> objects(String field) {
    JsonNode array = guard(field, () -> Json.array(node, field));
    List<Body> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = path(field) + "[" + i + "]";
      if (!array.get(i).isObject()) {
        throw WireException.field("Malformed", at, "the item " + at + " is not an object");
      }
      items.add(new Body(array.get(i), at));
    }
    return items;
  }

  /** The strings of an optional array field; empty when absent. */
  List<String> strings(String field) {
    JsonNode array = guard(field, () -> Json.array(node, field));
    List<String> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isString() || array.get(i).asString().isBlank()) {
        throw WireException.field("Malformed", path(field) + "[" + i + "]", "the item " + path(field) + "[" + i
            + "] is not a non-blank string");
      }
      items.add(array.get(i).asString());
    }
    return items;
  }

  /** The members of an optional object field whose values are strings, in their order. */
  Map<String, String> stringMap(String field) {
    Map<String, String> map = new LinkedHashMap<>();
    object(field).ifPresent(o -> o.node.properties().forEach(e -> {
      if (!e.getValue().isString()) {
        throw WireException.field("Malformed", o.path(e.getKey()), "the field \"" + o.path(e.getKey()) + "\" is not a string");
      }
      map.put(e.getKey(), e.getValue().asString());
    }));
    return map;
  }

  /** The members of an optional object field whose values are whole numbers, in their order. */
  Map<String, Integer> integerMap(String field) {
    Map<String, Integer> map = new LinkedHashMap<>();
    object(field).ifPresent(o -> o.node.propertyNames().forEach(name -> map.put(name, o.integer(name).orElseThrow(() ->
        WireException.field("Malformed", o.path(name), "the field \"" + o.path(name) + "\" is not a whole number")))));
    return map;
  }

  /**
   * Gives {@code value} to a builder's setter; the setter's refusal ({@link IllegalArgumentException},
   * {@link IllegalStateException}, {@link NullPointerException}) becomes the field's.
   */
  <T> void set(String field, T value, Consumer<T> setter) {
    check(field, () -> {
      setter.accept(value);
      return value;
    });
  }

  /**
   * Runs {@code read}; an argument refusal becomes {@code InvalidArgument} of {@code field} (of
   * this body itself for {@code ""}, of no field for the whole body's).
   */
  <T> T check(String field, Supplier<T> read) {
    try {
      return read.get();
    } catch (WireException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException | NullPointerException e) {
      String at = path(field);
      throw at.isEmpty() ? new WireException("InvalidArgument", String.valueOf(e.getMessage()))
          : WireException.field("InvalidArgument", at, at + ": " + e.getMessage());
    }
  }

  /** Runs a read of {@link Json}, naming its refusal by this body's path. */
  private <T> T guard(String field, Supplier<T> read) {
    try {
      return read.get();
    } catch (WireException e) {
      throw path.isEmpty() || e.field() == null ? e
          : WireException.field(e.type(), path(field), e.getMessage().replace("\"" + field + "\"", "\"" + path(field) + "\""));
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String text) {
    String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("expected one of " + Arrays.toString(type.getEnumConstants()) + ", not " + text);
  }
}
