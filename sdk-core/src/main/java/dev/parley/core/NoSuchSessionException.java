package dev.parley.core;

/** No live or recently ended session has this id in the tenant. */
public final class NoSuchSessionException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final SessionId session;

  public NoSuchSessionException(SessionId session) {
    super("no session " + session + " in this tenant (ended sessions are kept only for the tenant's ended retention)");
    this.session = session;
  }

  /** The unknown id. */
  public SessionId session() {
    return session;
  }
}
