package dev.parley.core;

/** A group or operator cannot be removed, or changed so, while sessions or members depend on it. */
public final class StillInUseException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final String id;

  public StillInUseException(String what, String id, String detail) {
    super(what + " " + id + " is still in use: " + detail);
    this.id = id;
  }

  /** The id of what is in use. */
  public String id() {
    return id;
  }
}
