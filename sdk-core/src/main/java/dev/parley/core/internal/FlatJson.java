package dev.parley.core.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes one flat JSON object (RFC 8259): members whose values are strings, whole numbers,
 * booleans, nulls or arrays of strings, in the order put. Enough for the outbox's payloads, and
 * small enough to check by eye, so that the engine needs no JSON library.
 *
 * <p>Strings are escaped as the RFC requires: {@code "} and {@code \}, and every control character
 * below U+0020 ({@code \b \f \n \r \t} by name, the others as {@code \}{@code u00XX}). U+2028 and
 * U+2029 are escaped too, so the text is also safe inside JavaScript. Characters outside the Basic
 * Multilingual Plane are written as they are (a valid surrogate pair encodes to UTF-8); a lone
 * surrogate, which no UTF-8 can carry, is written as its {@code \}{@code uXXXX} escape.
 *
 * <p>Names must be unique; this class does not check it (its callers use constant names).
 *
 * <p>Concurrency: not thread-safe; used by one thread and dropped.
 */
final class FlatJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final StringBuilder out = new StringBuilder(128).append('{');
  private boolean first = true;

  FlatJson put(String name, @Nullable String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  FlatJson put(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  FlatJson put(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  FlatJson put(String name, List<String> values) {
    name(name);
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(values.get(i));
    }
    out.append(']');
    return this;
  }

  /** The object, closed. */
  @Override
  public String toString() {
    return out + "}";
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(name);
    out.append(':');
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || lone(s, i)) {
            escape(c);
          } else if (Character.isHighSurrogate(c)) {
            out.append(c).append(s.charAt(++i)); // a pair: lone(s, i) said the low half follows
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Whether the char at {@code i} is a surrogate that is not half of a well-formed pair. */
  private static boolean lone(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    // A low surrogate reached here had no high one before it: pairs are consumed whole.
    return Character.isLowSurrogate(c);
  }

  private void escape(char c) {
    out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
  }
}
