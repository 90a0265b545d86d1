package dev.parley.core;

/** Shared checks of the identifier records. */
final class Ids {
  static final int MAX_LENGTH = 200;

  private Ids() {}

  static String check(String kind, String value) {
    if (value == null) {
      throw new NullPointerException(kind + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(kind + " must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          kind + " is " + value.length() + " characters long; at most " + MAX_LENGTH + " allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(kind + " must not contain control characters: " + value.strip());
      }
    }
    return value;
  }
}
