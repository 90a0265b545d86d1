package dev.parley.storage.jdbc;

import java.util.List;

/**
 * Strings as a JSON array, the way SQLite's {@code json_each} reads a list of ids from one
 * parameter: SQLite has no array type.
 *
 * <p>Thread safety: stateless.
 */
final class JsonStrings {
  private JsonStrings() {}

  /** {@code values} as a JSON array of strings, escaped as RFC 8259 requires. */
  static String array(List<String> values) {
    StringBuilder json = new StringBuilder(values.size() * 16 + 2).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      string(json, values.get(i));
    }
    return json.append(']').toString();
  }

  private static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }
}
