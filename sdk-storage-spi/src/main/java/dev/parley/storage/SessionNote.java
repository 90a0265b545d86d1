package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A note on a session: written by an operator (at a redirect, at wrap-up, or any time), or by the
 * system; it travels with the session and is never shown to the client.
 *
 * <p>Thread safety: immutable.
 *
 * @param at when it was written
 * @param author who wrote it, such as {@code operator:alice}
 * @param text what it says; not blank
 */
public record SessionNote(Instant at, String author, String text) {
  /** Checks the components. */
  public SessionNote {
    requireNonNull(at, "at must not be null");
    FieldChecks.nonBlank("author", author);
    FieldChecks.nonBlank("text", text);
  }
}
