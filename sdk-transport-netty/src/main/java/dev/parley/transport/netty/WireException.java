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

  WireException(String type, String message) {
    this(400, type, message);
  }

  WireException(int status, String type, String message) {
    this(status, type, message, null);
  }

  WireException(int status, String type, String message, @Nullable String ref) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.ref = ref;
  }

  /** The same refusal, answering the frame {@code ref}. */
  WireException answering(@Nullable String ref) {
    return new WireException(status, type, getMessage(), ref);
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
