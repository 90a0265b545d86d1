package dev.parley.storage.jdbc;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page's cursor: the sort key of the last item on the page, as an opaque URL-safe string.
 *
 * <p>It is Base64url (no padding) of a kind byte, which names the listing and its order, then
 * each part of the key as a 4-byte length and UTF-8. A cursor of another kind, or one that does not
 * decode, is rejected: it did not come from the same listing.
 */
final class KeysetCursor {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private KeysetCursor() {}

  /** Encodes a key of a listing of {@code kind}. */
  static String encode(char kind, String... parts) {
    List<byte[]> bytes = new ArrayList<>();
    int size = 1;
    for (String part : parts) {
      byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
      bytes.add(utf8);
      size += 4 + utf8.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).put((byte) kind);
    bytes.forEach(b -> buffer.putInt(b.length).put(b));
    return ENCODER.encodeToString(buffer.array());
  }

  /**
   * Decodes a cursor of a listing of {@code kind} into its {@code count} parts.
   *
   * @throws IllegalArgumentException if it is not such a cursor
   */
  static List<String> decode(String cursor, char kind, int count) {
    List<String> parts = parts(cursor, kind, count);
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

  private static @Nullable List<String> parts(String cursor, char kind, int count) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buffer.get() != (byte) kind) {
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

  private static IllegalArgumentException malformed(String cursor) {
    return new IllegalArgumentException("cursor '" + cursor + "' did not come from a page of this listing;"
        + " pass the next cursor of the page before, or none for the first page");
  }
}
