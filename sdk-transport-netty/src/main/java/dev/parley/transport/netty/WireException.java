package dev.parley.transport.netty;

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

  WireException(String type, String message) {
    this(400, type, message);
  }

  WireException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
