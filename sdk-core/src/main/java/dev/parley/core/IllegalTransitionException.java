package dev.parley.core;

/** The session is not in a state that allows what was asked. */
public final class IllegalTransitionException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final SessionId session;
  private final SessionState state;
  private final String attempted;

  public IllegalTransitionException(SessionId session, SessionState state, String attempted) {
    super("session " + session + " is " + state + ": cannot " + attempted);
    this.session = session;
    this.state = state;
    this.attempted = attempted;
  }

  /** The session. */
  public SessionId session() {
    return session;
  }

  /** Its state when the command came. */
  public SessionState state() {
    return state;
  }

  /** What was attempted, in words. */
  public String attempted() {
    return attempted;
  }
}
