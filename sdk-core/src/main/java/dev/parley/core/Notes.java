package dev.parley.core;

import java.util.Objects;

/** Checks of free text: notes, reasons, comments. */
final class Notes {
  static final int MAX_LENGTH = 10_000;

  private Notes() {}

  static String check(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "text is " + text.length() + " characters long; at most " + MAX_LENGTH + " allowed");
    }
    return text;
  }
}
