package dev.parley.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque cursors the in-memory stores hand out: the sort keys of a page's last item, and the
 * scope they are valid in (a tenant's contacts, or one query's filters and order), in URL-safe
 * Base64 so that hosts can pass them in a query string.
 *
 * @param scope what the cursor is valid for; a cursor read back in another scope is rejected
 * @param keys the sort keys of the last item returned
 */
record KeysetCursor(String scope, List<String> keys) {
  private static final char SEPARATOR = '\u0000';

  KeysetCursor {
    keys = List.copyOf(keys);
  }

  /** A short scope standing for {@code description}, such as every filter of a query. */
  static String scope(String description) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** The cursor as the text handed out. */
  String encode() {
    StringBuilder text = new StringBuilder(scope);
    keys.forEach(k -> text.append(SEPARATOR).append(k));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor handed out by {@link #encode()} in {@code scope}, with {@code size} keys.
   *
   * @throws IllegalArgumentException if it is not such a cursor
   */
  static KeysetCursor decode(String cursor, String scope, int size) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(cursor);
    }
    List<String> parts = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
    if (parts.size() != size + 1 || !parts.get(0).equals(scope)) {
      throw notOurs(cursor);
    }
    return new KeysetCursor(scope, parts.subList(1, parts.size()));
  }

  private static IllegalArgumentException notOurs(String cursor) {
    return new IllegalArgumentException("cursor '" + cursor
        + "' was not handed out for this query: pass back the cursor of the previous page of the same query");
  }
}
