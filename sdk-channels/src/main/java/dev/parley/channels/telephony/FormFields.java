package dev.parley.channels.telephony;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body, read leniently: a bad escape stays as it is. */
final class FormFields {
  private FormFields() {}

  static List<Map.Entry<String, String>> parse(byte[] body) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.add(Map.entry(decode(key), decode(value)));
    }
    return fields;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
