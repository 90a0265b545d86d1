package dev.parley.transport.netty;

import java.time.Instant;

/**
 * Instants as {@link Instant#toString()} writes them (ISO-8601 in UTC, the fraction of a second in
 * groups of three digits, as many as it needs), into a buffer kept from call to call. The date and
 * time of the last second written are kept too, so that an instant in the same second costs its
 * fraction only: {@code toString} makes five objects for every instant, and the message frame has
 * one.
 *
 * <p>Thread safety: none; each thread has its own, in its {@link FrameWriter}.
 */
final class InstantText {
  /** The longest is {@link Instant#MAX}'s: {@code +1000000000-12-31T23:59:59.999999999Z}. */
  private final char[] text = new char[40];
  private long second = Long.MIN_VALUE;
  /** How much of {@link #text} the date and time of {@link #second} take, without the {@code Z}. */
  private int secondLength;

  /** Writes {@code at} from the start of {@link #chars()}, and says how many characters it took. */
  int format(Instant at) {
    if (at.getEpochSecond() != second) {
      String whole = Instant.ofEpochSecond(at.getEpochSecond()).toString();
      secondLength = whole.length() - 1;
      whole.getChars(0, secondLength, text, 0);
      second = at.getEpochSecond();
    }
    int length = secondLength;
    int nano = at.getNano();
    if (nano > 0) {
      text[length++] = '.';
      int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
      int fraction = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
      for (int i = length + digits - 1; i >= length; i--) {
        text[i] = (char) ('0' + fraction % 10);
        fraction /= 10;
      }
      length += digits;
    }
    text[length++] = 'Z';
    return length;
  }

  /** The text of the last instant formatted, in its first {@link #format} characters. */
  char[] chars() {
    return text;
  }
}
