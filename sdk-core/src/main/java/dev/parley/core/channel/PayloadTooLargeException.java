package dev.parley.core.channel;

/** The request body is larger than the adapter accepts; it was refused before being parsed. */
public final class PayloadTooLargeException extends ChannelException {
  private static final long serialVersionUID = 1L;
  private final long size;
  private final long limit;

  /** A body of {@code size} bytes against a limit of {@code limit}. */
  public PayloadTooLargeException(long size, long limit) {
    super("the body is " + size + " bytes; at most " + limit + " are accepted: raise maxInboundBytes if the vendor really sends more");
    this.size = size;
    this.limit = limit;
  }

  /** The size of the refused body, in bytes (at least what was read before giving up). */
  public long size() {
    return size;
  }

  /** The limit, in bytes. */
  public long limit() {
    return limit;
  }

  /** 413 Content Too Large. */
  @Override
  public int httpStatus() {
    return 413;
  }
}
