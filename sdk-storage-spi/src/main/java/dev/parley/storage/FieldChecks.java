package dev.parley.storage;

import java.util.Objects;

/** The checks that the records' compact constructors share. */
final class FieldChecks {
  private FieldChecks() {}

  /** Returns {@code value} if it is neither null nor blank. */
  static String nonBlank(String name, String value) {
    Objects.requireNonNull(value, () -> name + " must not be null");
    // A first character that is not white space settles it without a scan: ids on every message.
    if ((value.isEmpty() || Character.isWhitespace(value.charAt(0))) && value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was: '" + value + "'");
    }
    return value;
  }

  /** Returns {@code channel} if it is an enum constant's name, such as {@code WEB_CHAT}. */
  static String channelName(String channel) {
    nonBlank("channel", channel);
    boolean ok = channel.charAt(0) >= 'A' && channel.charAt(0) <= 'Z';
    for (int i = 1; ok && i < channel.length(); i++) {
      char c = channel.charAt(i);
      ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "channel must be a channel's enum name such as WEB_CHAT, was: '" + channel + "'");
    }
    return channel;
  }

  /** Returns {@code code} if it is exactly six ASCII digits. */
  static String invitationCode(String code) {
    Objects.requireNonNull(code, "code must not be null");
    boolean ok = code.length() == 6;
    for (int i = 0; ok && i < 6; i++) {
      ok = code.charAt(i) >= '0' && code.charAt(i) <= '9';
    }
    if (!ok) {
      throw new IllegalArgumentException("code must be six ASCII digits, was: '" + code + "'");
    }
    return code;
  }
}
