package dev.parley.core;

/**
 * A command that cannot be carried out in the engine's present state. The command changed
 * nothing. Subclasses name the condition and carry its details.
 */
public class ParleyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what went wrong and what to do next. */
  public ParleyException(String message) {
    super(message);
  }
}
