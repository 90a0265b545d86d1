package dev.parley.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One session's messages in the in-memory storage, packed one after another into a byte array
 * that grows by doubling, in the order stored.
 *
 * <p>Why: a transcript kept as {@link MessageRecord}s costs about seven objects and 365 bytes a
 * message (the record, its id and text strings with their arrays, an {@code Instant}, a map node),
 * and every young collection of a busy engine copies the ones that arrived since the last. Packed,
 * a message costs its characters and 16 bytes, and a session a few arrays that a collection moves
 * in one piece.
 *
 * <p>A message at {@code starts[n]}: its instant (8 bytes of seconds, 4 of nanoseconds), its sender
 * and delivery (a byte each), whether it has an author (a byte), then its id, its author if any and
 * its text. A string is its length and coding in 4 bytes ({@code length << 1 | utf16}), then its
 * characters: one byte each when all are Latin-1, else two. Files, which few messages carry, are
 * kept beside, by message number.
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class PackedTranscript {
  private static final int HEADER = 15;
  private static final MessageRecord.Sender[] SENDERS = MessageRecord.Sender.values();
  private static final MessageRecord.Delivery[] DELIVERIES = MessageRecord.Delivery.values();

  final String tenant;
  final String session;
  private byte[] data = new byte[256];
  private int length;
  private int[] starts = new int[4];
  private int count;
  /** Message number → its files, for the few messages that carry any; null until one does. */
  private @Nullable Map<Integer, List<MessageRecord.FileRef>> files;

  PackedTranscript(String tenant, String session) {
    this.tenant = tenant;
    this.session = session;
  }

  int size() {
    return count;
  }

  /** Packs {@code m}, a message of this session, after the others; returns its number. */
  int add(MessageRecord m) {
    String author = m.author();
    reserve(HEADER + encodedLength(m.id()) + (author == null ? 0 : encodedLength(author)) + encodedLength(m.text()));
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    int at = length;
    putLong(at, m.at().getEpochSecond());
    putInt(at + 8, m.at().getNano());
    data[at + 12] = (byte) m.sender().ordinal();
    data[at + 13] = (byte) m.delivery().ordinal();
    data[at + 14] = (byte) (author == null ? 0 : 1);
    int p = putString(at + HEADER, m.id());
    if (author != null) {
      p = putString(p, author);
    }
    length = putString(p, m.text());
    if (!m.files().isEmpty()) {
      if (files == null) {
        files = new HashMap<>();
      }
      files.put(count, m.files());
    }
    starts[count] = at;
    return count++;
  }

  /** The message numbered {@code n}, unpacked. */
  MessageRecord get(int n) {
    int at = starts[n];
    Instant instant = Instant.ofEpochSecond(getLong(at), getInt(at + 8));
    int p = at + HEADER;
    String id = string(p);
    p = skip(p);
    String author = null;
    if (data[at + 14] != 0) {
      author = string(p);
      p = skip(p);
    }
    List<MessageRecord.FileRef> attached = files == null ? null : files.get(n);
    return new MessageRecord(tenant, session, id, instant, SENDERS[data[at + 12]], author, string(p),
        attached == null ? List.of() : attached, DELIVERIES[data[at + 13]]);
  }

  MessageRecord.Delivery delivery(int n) {
    return DELIVERIES[data[starts[n] + 13]];
  }

  void delivery(int n, MessageRecord.Delivery delivery) {
    data[starts[n] + 13] = (byte) delivery.ordinal();
  }

  /** Whether the id of message {@code n} is {@code id}, without unpacking it. */
  boolean idEquals(int n, String id) {
    int p = starts[n] + HEADER;
    int header = getInt(p);
    int chars = header >>> 1;
    if (chars != id.length()) {
      return false;
    }
    p += 4;
    boolean wide = (header & 1) != 0;
    for (int i = 0; i < chars; i++) {
      char c = wide ? (char) ((data[p + 2 * i] & 0xFF) << 8 | data[p + 2 * i + 1] & 0xFF) : (char) (data[p + i] & 0xFF);
      if (c != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** {@link String#hashCode()} of the id of message {@code n}, without unpacking it. */
  int idHash(int n) {
    int p = starts[n] + HEADER;
    int header = getInt(p);
    int chars = header >>> 1;
    p += 4;
    int h = 0;
    for (int i = 0; i < chars; i++) {
      h = 31 * h + ((header & 1) != 0 ? (data[p + 2 * i] & 0xFF) << 8 | data[p + 2 * i + 1] & 0xFF : data[p + i] & 0xFF);
    }
    return h;
  }

  private void reserve(int more) {
    if (length + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
    }
  }

  private static int encodedLength(String s) {
    return 4 + (latin1(s) ? s.length() : 2 * s.length());
  }

  private static boolean latin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** Packs {@code s} at {@code p}; returns where the next value goes. */
  private int putString(int p, String s) {
    boolean wide = !latin1(s);
    putInt(p, s.length() << 1 | (wide ? 1 : 0));
    p += 4;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (wide) {
        data[p++] = (byte) (c >>> 8);
      }
      data[p++] = (byte) c;
    }
    return p;
  }

  private String string(int p) {
    int header = getInt(p);
    int chars = header >>> 1;
    if ((header & 1) == 0) {
      return new String(data, p + 4, chars, StandardCharsets.ISO_8859_1);
    }
    char[] text = new char[chars];
    for (int i = 0; i < chars; i++) {
      text[i] = (char) ((data[p + 4 + 2 * i] & 0xFF) << 8 | data[p + 5 + 2 * i] & 0xFF);
    }
    return new String(text);
  }

  /** Where the value after the string at {@code p} starts. */
  private int skip(int p) {
    int header = getInt(p);
    return p + 4 + ((header & 1) == 0 ? header >>> 1 : header & ~1);
  }

  private void putInt(int p, int v) {
    data[p] = (byte) (v >>> 24);
    data[p + 1] = (byte) (v >>> 16);
    data[p + 2] = (byte) (v >>> 8);
    data[p + 3] = (byte) v;
  }

  private void putLong(int p, long v) {
    putInt(p, (int) (v >>> 32));
    putInt(p + 4, (int) v);
  }

  private int getInt(int p) {
    return (data[p] & 0xFF) << 24 | (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | data[p + 3] & 0xFF;
  }

  private long getLong(int p) {
    return (long) getInt(p) << 32 | getInt(p + 4) & 0xFFFFFFFFL;
  }
}
