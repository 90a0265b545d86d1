package dev.parley.core;

/** The actor may not do this: not his session, or the tenant's policy forbids it. */
public final class NotPermittedException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final Actor actor;

  public NotPermittedException(Actor actor, String what) {
    super(actor + " may not " + what);
    this.actor = actor;
  }

  /** Who was refused. */
  public Actor actor() {
    return actor;
  }
}
