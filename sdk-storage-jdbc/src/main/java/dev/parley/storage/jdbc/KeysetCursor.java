package dev.parley.storage.jdbc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page's cursor: the sort key of the last item on the page, as an opaque URL-safe string, valid
 * only for the listing it came from.
 *
 * <p>It is Base64url (no padding) of the listing's scope (the first {@value #SCOPE} bytes of the
 * SHA-256 of a text naming the listing: the tenant, every filter and the order), then each part
 * of the key as a 4-byte length and UTF-8. A cursor of another scope, or one that does not decode,
 * is rejected.
 */
final class KeysetCursor {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int SCOPE = 12;

  private KeysetCursor() {}

  /** Encodes a key of the listing that {@code scope} names. */
  static String encode(String scope, String... parts) {
    List<byte[]> bytes = new ArrayList<>();
    int size = SCOPE;
    for (String part : parts) {
      byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
      bytes.add(utf8);
      size += 4 + utf8.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).put(hash(scope));
    bytes.forEach(b -> buffer.putInt(b.length).put(b));
    return ENCODER.encodeToString(buffer.array());
  }

  /**
   * Decodes a cursor of the listing that {@code scope} names into its {@code count} parts.
   *
   * @throws IllegalArgumentException if it is not such a cursor
   */
  static List<String> decode(String cursor, String scope, int count) {
    List<String> parts = parts(cursor, hash(scope), count);
    if (parts == null) {
      throw malformed(cursor);
    }
    return parts;
  }

  /** Parses a decoded part that holds a number. */
  static long number(String cursor, String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw malformed(cursor);
    }
  }

  private static @Nullable List<String> parts(String cursor, byte[] scope, int count) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      byte[] found = new byte[SCOPE];
      buffer.get(found);
      if (!MessageDigest.isEqual(found, scope)) {
        return null;
      }
      List<String> parts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          return null;
        }
        ByteBuffer part = buffer.slice().limit(length);
        buffer.position(buffer.position() + length);
        parts.add(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(part)
            .toString());
      }
      return buffer.hasRemaining() ? null : parts;
    } catch (IllegalArgumentException | BufferUnderflowException | CharacterCodingException e) {
      return null; // not Base64url, too short, or not UTF-8
    }
  }

  private static byte[] hash(String scope) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8)), SCOPE);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  private static IllegalArgumentException malformed(String cursor) {
    return new IllegalArgumentException("cursor '" + cursor + "' did not come from a page of this listing;"
        + " pass the next cursor of the page before, or none for the first page");
  }
}
