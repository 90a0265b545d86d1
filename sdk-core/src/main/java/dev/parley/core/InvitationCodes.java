package dev.parley.core;

import java.util.Objects;

/** The form of invitation codes: exactly six ASCII digits. */
final class InvitationCodes {
  private InvitationCodes() {}

  static String check(String code) {
    Objects.requireNonNull(code, "invitation code");
    if (code.length() != 6) {
      throw new IllegalArgumentException("an invitation code has six digits, not: " + code);
    }
    for (int i = 0; i < 6; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("an invitation code has six digits, not: " + code);
      }
    }
    return code;
  }
}
