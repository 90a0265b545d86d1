package dev.parley.core;

/** The operator has no room for one more session of the channel (or holds an exclusive one). */
public final class CapacityExceededException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final OperatorId operator;
  private final Channel channel;
  private final int load;
  private final int capacity;

  public CapacityExceededException(OperatorId operator, Channel channel, int load, int capacity, String detail) {
    super("operator " + operator + " has " + load + " of " + capacity + " " + channel + " sessions" + detail);
    this.operator = operator;
    this.channel = channel;
    this.load = load;
    this.capacity = capacity;
  }

  /** The operator. */
  public OperatorId operator() {
    return operator;
  }

  /** The channel. */
  public Channel channel() {
    return channel;
  }

  /** His sessions of the channel in hand. */
  public int load() {
    return load;
  }

  /** His capacity on the channel (0 when it is not assigned to him). */
  public int capacity() {
    return capacity;
  }
}
