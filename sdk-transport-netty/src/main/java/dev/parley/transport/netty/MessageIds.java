package dev.parley.transport.netty;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for messages sent without one: random UUIDs (version 4), unique within their session but not
 * secrets, so drawn from the thread's own generator rather than the secure one, which is one lock
 * for every I/O thread and a hash per id. The text is written in a buffer of the thread's, with
 * the scope in front when there is one, and copied once into its string: the UUID, its text and
 * the concatenation were four objects for every message a client sends.
 *
 * <p>Thread safety: any thread may call it.
 */
final class MessageIds {
  private static final int LENGTH = 36;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final FastThreadLocal<char[]> TEXT = new FastThreadLocal<>() {
    @Override
    protected char[] initialValue() {
      return new char[128];
    }
  };

  private MessageIds() {}

  /** A random id, as {@link UUID#toString()} writes it. */
  static String random() {
    char[] text = text(LENGTH);
    write(ThreadLocalRandom.current(), text, 0);
    return new String(text, 0, LENGTH);
  }

  /** {@code scope}, a colon and a random id. */
  static String scoped(String scope) {
    int length = scope.length() + 1 + LENGTH;
    char[] text = text(length);
    scope.getChars(0, scope.length(), text, 0);
    text[scope.length()] = ':';
    write(ThreadLocalRandom.current(), text, scope.length() + 1);
    return new String(text, 0, length);
  }

  private static char[] text(int length) {
    char[] text = TEXT.get();
    if (text.length < length) {
      text = new char[length];
      TEXT.set(text);
    }
    return text;
  }

  private static void write(ThreadLocalRandom random, char[] into, int at) {
    long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
    long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L; // the IETF variant
    write(high, low, into, at);
  }

  /** Writes the UUID of these bits at {@code at}, as {@link UUID#toString()} does: 8-4-4-4-12 hex digits. */
  static void write(long high, long low, char[] into, int at) {
    hex(high >>> 32, 8, into, at);
    into[at + 8] = '-';
    hex(high >>> 16, 4, into, at + 9);
    into[at + 13] = '-';
    hex(high, 4, into, at + 14);
    into[at + 18] = '-';
    hex(low >>> 48, 4, into, at + 19);
    into[at + 23] = '-';
    hex(low, 12, into, at + 24);
  }

  private static void hex(long value, int digits, char[] into, int at) {
    for (int i = at + digits - 1; i >= at; i--) {
      into[i] = HEX[(int) value & 0xF];
      value >>>= 4;
    }
  }
}
