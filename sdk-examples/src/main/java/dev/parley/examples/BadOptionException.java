package dev.parley.examples;

/**
 * A command-line option that is missing, unknown, malformed or out of range. The message names the
 * option and says what it takes; the launcher prints it with the usage and exits with status 2.
 *
 * <p>Thread safety: immutable.
 */
public final class BadOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A bad option, described by {@code message}. */
  public BadOptionException(String message) {
    super(message);
  }
}
