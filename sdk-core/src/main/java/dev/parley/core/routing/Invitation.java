package dev.parley.core.routing;

import java.time.Instant;

/** An invitation code and whether it still holds. */
final class Invitation {
  final String code;
  final OperatorState operator;
  final boolean reusable;
  final Instant expiresAt;
  final long expiresNanos;
  boolean valid = true;

  Invitation(String code, OperatorState operator, boolean reusable, Instant expiresAt, long expiresNanos) {
    this.code = code;
    this.operator = operator;
    this.reusable = reusable;
    this.expiresAt = expiresAt;
    this.expiresNanos = expiresNanos;
  }
}
