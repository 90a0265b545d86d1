package dev.parley.transport.netty;

import org.jspecify.annotations.Nullable;

/**
 * A request or frame the transport refuses before anything reaches the engine: malformed JSON,
 * an unknown frame type, a missing field, an unknown route, a missing credential. {@link #type()}
 * is the error's type on the wire ({@code Malformed}, {@code UnknownType}, …); {@link #status()}
 * its HTTP status.
 */
final class WireException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final @Nullable String ref;
  private final @Nullable String field;

  WireException(String type, String message) {
    this(400, type, message);
  }

  WireException(int status, String type, String message) {
    this(status, type, message, null, null);
  }

  WireException(int status, String type, String message, @Nullable String ref) {
    this(status, type, message, ref, null);
  }

  private WireException(int status, String type, String message, @Nullable String ref, @Nullable String field) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.ref = ref;
    this.field = field;
  }

  /**
   * A {@code 400} of type {@code type} about one field of a request's body, named by its path
   * ({@code offerTimeout}, {@code rules[2].language}).
   */
  static WireException field(String type, String field, String message) {
    return new WireException(400, type, message, null, field);
  }

  /** The same refusal, answering the frame {@code ref}. */
  WireException answering(@Nullable String ref) {
    return new WireException(status, type, getMessage(), ref, field);
  }

  /** The field of the body refused, when one was. */
  @Nullable String field() {
    return field;
  }

  /** The {@code ref} of the frame refused, when it had one. */
  @Nullable String ref() {
    return ref;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
