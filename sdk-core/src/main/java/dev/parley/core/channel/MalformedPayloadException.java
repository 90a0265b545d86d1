package dev.parley.core.channel;

/** The request is signed correctly (or needs no signature) but its body cannot be understood. */
public final class MalformedPayloadException extends ChannelException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the field or the syntax that is wrong. */
  public MalformedPayloadException(String message) {
    super(message);
  }

  /** 400 Bad Request. */
  @Override
  public int httpStatus() {
    return 400;
  }
}
