package dev.parley.core.channel;

/**
 * The request does not prove it comes from the vendor: the signature is missing or wrong, the
 * verification token or shared secret does not match, or the token has expired.
 */
public final class BadSignatureException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /** With a message naming what did not match (never the expected secret itself). */
  public BadSignatureException(String message) {
    super(message);
  }

  /** 403 Forbidden. */
  @Override
  public int httpStatus() {
    return 403;
  }
}
