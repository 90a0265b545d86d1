package dev.parley.core;

/**
 * Something with this id exists already: a session id used twice, say, including the id of a
 * closed session the engine has forgotten but its storage keeps.
 *
 * <p>Thread safety: immutable once thrown, like any exception.
 */
public final class DuplicateException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final String id;

  public DuplicateException(String what, String id) {
    super(what + " " + id + " exists already; use a fresh id");
    this.id = id;
  }

  /** The id in use. */
  public String id() {
    return id;
  }
}
