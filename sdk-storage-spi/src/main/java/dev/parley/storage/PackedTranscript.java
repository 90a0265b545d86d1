package dev.parley.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One session's messages in the in-memory storage, packed one after another into byte chunks, in
 * the order stored. The first chunk doubles from 256 bytes up to {@link #CHUNK}, so that a short
 * transcript is one small array; then each chunk is new and full-sized, so that a long one is never
 * copied to grow.
 *
 * <p>Why: a transcript kept as {@link MessageRecord}s costs about seven objects and 365 bytes a
 * message (the record, its id and text strings with their arrays, an {@code Instant}, a map node),
 * and every young collection of a busy engine copies the ones that arrived since the last. Packed,
 * a message costs its characters and 16 bytes, and a session a few arrays that a collection moves
 * in one piece.
 *
 * <p>Message {@code n} starts at {@code starts[n]} ({@code chunk << 13 | offset}): its instant (8
 * bytes of seconds, 4 of nanoseconds), its sender and delivery (a byte each), whether it has an
 * author (a byte), then its id, its author if any and its text. A string is its length and coding in 4 bytes ({@code length << 1 | utf16}), then its
 * characters: one byte each when all are Latin-1, else two. Files, which few messages carry, are
 * kept beside, by message number. A message too long for a chunk gets one of its own.
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class PackedTranscript {
  private static final int HEADER = 15;
  /** The most a chunk shared by several messages holds: its offsets fit in {@link #OFFSET_BITS}. */
  private static final int CHUNK = 8192;
  private static final int OFFSET_BITS = 13;
  private static final MessageRecord.Sender[] SENDERS = MessageRecord.Sender.values();
  private static final MessageRecord.Delivery[] DELIVERIES = MessageRecord.Delivery.values();

  final String tenant;
  final String session;
  private byte[][] chunks = {new byte[256]};
  private int chunkCount = 1;
  /** How much of the last chunk is used. */
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
    byte[] data = room(HEADER + encodedLength(m.id()) + (author == null ? 0 : encodedLength(author))
        + encodedLength(m.text()));
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    int at = length;
    putLong(data, at, m.at().getEpochSecond());
    putInt(data, at + 8, m.at().getNano());
    data[at + 12] = (byte) m.sender().ordinal();
    data[at + 13] = (byte) m.delivery().ordinal();
    data[at + 14] = (byte) (author == null ? 0 : 1);
    int p = putString(data, at + HEADER, m.id());
    if (author != null) {
      p = putString(data, p, author);
    }
    length = putString(data, p, m.text());
    if (!m.files().isEmpty()) {
      if (files == null) {
        files = new HashMap<>();
      }
      files.put(count, m.files());
    }
    starts[count] = (chunkCount - 1) << OFFSET_BITS | at;
    return count++;
  }

  /** The message numbered {@code n}, unpacked. */
  MessageRecord get(int n) {
    byte[] data = chunk(n);
    int at = offset(n);
    Instant instant = Instant.ofEpochSecond(getLong(data, at), getInt(data, at + 8));
    int p = at + HEADER;
    String id = string(data, p);
    p = skip(data, p);
    String author = null;
    if (data[at + 14] != 0) {
      author = string(data, p);
      p = skip(data, p);
    }
    List<MessageRecord.FileRef> attached = files == null ? null : files.get(n);
    return new MessageRecord(tenant, session, id, instant, SENDERS[data[at + 12]], author, string(data, p),
        attached == null ? List.of() : attached, DELIVERIES[data[at + 13]]);
  }

  MessageRecord.Delivery delivery(int n) {
    return DELIVERIES[chunk(n)[offset(n) + 13]];
  }

  void delivery(int n, MessageRecord.Delivery delivery) {
    chunk(n)[offset(n) + 13] = (byte) delivery.ordinal();
  }

  /** Whether the id of message {@code n} is {@code id}, without unpacking it. */
  boolean idEquals(int n, String id) {
    byte[] data = chunk(n);
    int p = offset(n) + HEADER;
    int header = getInt(data, p);
    if (header >>> 1 != id.length()) {
      return false;
    }
    boolean wide = (header & 1) != 0;
    for (int i = 0; i < id.length(); i++) {
      if (charAt(data, p + 4, wide, i) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** {@link String#hashCode()} of the id of message {@code n}, without unpacking it. */
  int idHash(int n) {
    byte[] data = chunk(n);
    int p = offset(n) + HEADER;
    int header = getInt(data, p);
    int h = 0;
    for (int i = 0; i < header >>> 1; i++) {
      h = 31 * h + charAt(data, p + 4, (header & 1) != 0, i);
    }
    return h;
  }

  private byte[] chunk(int n) {
    return chunks[starts[n] >>> OFFSET_BITS];
  }

  private int offset(int n) {
    return starts[n] & (1 << OFFSET_BITS) - 1;
  }

  /** The last chunk, with {@code need} bytes free after {@link #length}: grown, or a new one. */
  private byte[] room(int need) {
    byte[] last = chunks[chunkCount - 1];
    if (length + need <= last.length) {
      return last;
    }
    if (length + need <= CHUNK) { // the first chunk, still small: its offsets stay as they are
      last = Arrays.copyOf(last, Math.max(Math.min(2 * last.length, CHUNK), length + need));
      chunks[chunkCount - 1] = last;
      return last;
    }
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, 2 * chunkCount);
    }
    last = new byte[Math.max(CHUNK, need)]; // a longer message alone, at offset 0
    chunks[chunkCount++] = last;
    length = 0;
    return last;
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
  private static int putString(byte[] data, int p, String s) {
    boolean wide = !latin1(s);
    putInt(data, p, s.length() << 1 | (wide ? 1 : 0));
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

  private static String string(byte[] data, int p) {
    int header = getInt(data, p);
    int chars = header >>> 1;
    if ((header & 1) == 0) {
      return new String(data, p + 4, chars, StandardCharsets.ISO_8859_1);
    }
    char[] text = new char[chars];
    for (int i = 0; i < chars; i++) {
      text[i] = charAt(data, p + 4, true, i);
    }
    return new String(text);
  }

  private static char charAt(byte[] data, int from, boolean wide, int i) {
    return wide ? (char) ((data[from + 2 * i] & 0xFF) << 8 | data[from + 2 * i + 1] & 0xFF) : (char) (data[from + i] & 0xFF);
  }

  /** Where the value after the string at {@code p} starts. */
  private static int skip(byte[] data, int p) {
    int header = getInt(data, p);
    return p + 4 + ((header & 1) == 0 ? header >>> 1 : header & ~1);
  }

  private static void putInt(byte[] data, int p, int v) {
    data[p] = (byte) (v >>> 24);
    data[p + 1] = (byte) (v >>> 16);
    data[p + 2] = (byte) (v >>> 8);
    data[p + 3] = (byte) v;
  }

  private static void putLong(byte[] data, int p, long v) {
    putInt(data, p, (int) (v >>> 32));
    putInt(data, p + 4, (int) v);
  }

  private static int getInt(byte[] data, int p) {
    return (data[p] & 0xFF) << 24 | (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | data[p + 3] & 0xFF;
  }

  private static long getLong(byte[] data, int p) {
    return (long) getInt(data, p) << 32 | getInt(data, p + 4) & 0xFFFFFFFFL;
  }
}
