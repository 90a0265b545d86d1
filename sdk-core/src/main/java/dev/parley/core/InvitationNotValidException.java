package dev.parley.core;

/** An invitation code that is unknown, expired, used up or invalidated. */
public final class InvitationNotValidException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public InvitationNotValidException(String code, String why) {
    super("invitation " + code + " is not valid: " + why + "; ask the operator for a new code");
    this.code = code;
  }

  /** The code. */
  public String code() {
    return code;
  }
}
