package dev.parley.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one tenant's messages in the in-memory storage: each message packed after the last
 * into chunks that the tenant's sessions share, found again by its position ({@code chunk << 32 |
 * offset}).
 *
 * <p>Why: a message kept as a {@link MessageRecord} is about seven objects and 365 bytes (the
 * record, its id and text strings with their arrays, an {@code Instant}, a map node), and every
 * young collection of a busy engine copies those that arrived since the last one. Here a message is
 * its characters and 23 bytes, in chunks that double from 4 KB to {@link #CHUNK}: a chunk that
 * large is allocated outside the young generation by G1 on heaps up to a few gigabytes, and moved
 * in one piece by any collector, so the tenth young collection copies no more than the first.
 *
 * <p>A message: its instant (8 bytes of seconds, 4 of nanoseconds), its sender and delivery (a
 * byte each), whether it has an author (a byte), then its id, its author if any, and its text. A
 * string is its length and coding in 4 bytes ({@code length << 1 | utf16}), then its characters:
 * one byte each when all are Latin-1, else two. A message longer than a chunk gets one of its own.
 *
 * <p>Space comes back as sessions go: a removed message's bytes are zeroed (an erased transcript
 * leaves nothing readable), a chunk with nothing live is dropped, and {@link #compact} moves what
 * is left of chunks less than a quarter live into the current one.
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class TranscriptArena {
  /**
   * A megabyte less room for an array's header: a chunk of exactly 1 MB plus its header would
   * spill into a second G1 region of 1 MB and leave it empty, doubling what the arena costs.
   */
  static final int CHUNK = (1 << 20) - 64;
  private static final int FIRST_CHUNK = 4096;
  private static final int HEADER = 15;
  private static final MessageRecord.Sender[] SENDERS = MessageRecord.Sender.values();
  private static final MessageRecord.Delivery[] DELIVERIES = MessageRecord.Delivery.values();

  private @Nullable byte[][] chunks = new byte[4][];
  /** The bytes still in use in each chunk. */
  private int[] live = new int[4];
  /** The chunk being filled (-1 before the first), and how much of it is. */
  private int current = -1;
  private int length;

  /** Packs {@code m}; returns its position. */
  long add(MessageRecord m) {
    String author = m.author();
    boolean idWide = !latin1(m.id());
    boolean authorWide = author != null && !latin1(author);
    boolean textWide = !latin1(m.text());
    int need = HEADER + encodedLength(m.id(), idWide) + (author == null ? 0 : encodedLength(author, authorWide))
        + encodedLength(m.text(), textWide);
    long position = reserve(need);
    byte[] data = chunks[chunk(position)];
    int at = offset(position);
    putLong(data, at, m.at().getEpochSecond());
    putInt(data, at + 8, m.at().getNano());
    data[at + 12] = (byte) m.sender().ordinal();
    data[at + 13] = (byte) m.delivery().ordinal();
    data[at + 14] = (byte) (author == null ? 0 : 1);
    int p = putString(data, at + HEADER, m.id(), idWide);
    if (author != null) {
      p = putString(data, p, author, authorWide);
    }
    putString(data, p, m.text(), textWide);
    return position;
  }

  /** The message at {@code position}, unpacked, with what the arena does not keep. */
  MessageRecord get(long position, String tenant, String session, List<MessageRecord.FileRef> files) {
    byte[] data = chunks[chunk(position)];
    int at = offset(position);
    Instant instant = Instant.ofEpochSecond(getLong(data, at), getInt(data, at + 8));
    int p = at + HEADER;
    String id = string(data, p);
    p = skip(data, p);
    String author = null;
    if (data[at + 14] != 0) {
      author = string(data, p);
      p = skip(data, p);
    }
    return new MessageRecord(tenant, session, id, instant, SENDERS[data[at + 12]], author, string(data, p), files,
        DELIVERIES[data[at + 13]]);
  }

  MessageRecord.Delivery delivery(long position) {
    return DELIVERIES[chunks[chunk(position)][offset(position) + 13]];
  }

  void delivery(long position, MessageRecord.Delivery delivery) {
    chunks[chunk(position)][offset(position) + 13] = (byte) delivery.ordinal();
  }

  /** Whether the id of the message at {@code position} is {@code id}, without unpacking it. */
  boolean idEquals(long position, String id) {
    byte[] data = chunks[chunk(position)];
    int p = offset(position) + HEADER;
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

  /** {@link String#hashCode()} of the id of the message at {@code position}, without unpacking it. */
  int idHash(long position) {
    byte[] data = chunks[chunk(position)];
    int p = offset(position) + HEADER;
    int header = getInt(data, p);
    int h = 0;
    for (int i = 0; i < header >>> 1; i++) {
      h = 31 * h + charAt(data, p + 4, (header & 1) != 0, i);
    }
    return h;
  }

  /** Zeroes the message at {@code position} and drops its chunk once nothing in it is live. */
  void remove(long position) {
    int c = chunk(position);
    byte[] data = chunks[c];
    int at = offset(position);
    int size = size(data, at);
    Arrays.fill(data, at, at + size, (byte) 0);
    live[c] -= size;
    if (live[c] == 0 && c != current) {
      chunks[c] = null;
    }
  }

  /**
   * Moves the messages of {@code transcripts} that sit in chunks less than a quarter live into the
   * current chunk, so that those chunks go; call it after removing sessions.
   */
  void compact(Collection<PackedTranscript> transcripts) {
    boolean[] sparse = new boolean[current + 1];
    boolean any = false;
    for (int c = 0; c < current; c++) {
      sparse[c] = chunks[c] != null && live[c] < chunks[c].length / 4;
      any |= sparse[c];
    }
    if (!any) {
      return;
    }
    for (PackedTranscript t : transcripts) {
      t.move(position -> chunk(position) < sparse.length && sparse[chunk(position)] ? moved(position) : position);
    }
  }

  /** A copy of the message at {@code position} after the others; the old one is removed. */
  private long moved(long position) {
    byte[] from = chunks[chunk(position)];
    int at = offset(position);
    int size = size(from, at);
    long to = reserve(size);
    System.arraycopy(from, at, chunks[chunk(to)], offset(to), size);
    remove(position);
    return to;
  }

  /** Room for {@code need} bytes: in the current chunk, or a new one. */
  private long reserve(int need) {
    if (current < 0 || length + need > chunks[current].length) {
      if (current >= 0 && live[current] == 0) {
        chunks[current] = null; // emptied while it was current
      }
      current++;
      if (current == chunks.length) {
        chunks = Arrays.copyOf(chunks, 2 * current);
        live = Arrays.copyOf(live, 2 * current);
      }
      int size = current >= 8 ? CHUNK : (FIRST_CHUNK << current) - 64; // 4 KB, 8 KB, ... 1 MB, each less a header
      chunks[current] = new byte[Math.max(size, need)]; // a longer message alone
      length = 0;
    }
    long position = (long) current << 32 | length;
    length += need;
    live[current] += need;
    return position;
  }

  /** The bytes of the message at {@code at}. */
  private static int size(byte[] data, int at) {
    int p = skip(data, at + HEADER);
    if (data[at + 14] != 0) {
      p = skip(data, p);
    }
    return skip(data, p) - at;
  }

  private static int chunk(long position) {
    return (int) (position >>> 32);
  }

  private static int offset(long position) {
    return (int) position;
  }

  private static int encodedLength(String s, boolean wide) {
    return 4 + (wide ? 2 * s.length() : s.length());
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
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char, one array copy for a Latin-1 string
  private static int putString(byte[] data, int p, String s, boolean wide) {
    if (!wide) {
      putInt(data, p, s.length() << 1);
      s.getBytes(0, s.length(), data, p + 4);
      return p + 4 + s.length();
    }
    putInt(data, p, s.length() << 1 | 1);
    p += 4;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      data[p++] = (byte) (c >>> 8);
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
