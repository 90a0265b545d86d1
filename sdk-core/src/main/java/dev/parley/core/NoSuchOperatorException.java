package dev.parley.core;

/** No operator has this id in the tenant. */
public final class NoSuchOperatorException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final OperatorId operator;

  public NoSuchOperatorException(OperatorId operator) {
    super("no operator " + operator + " in this tenant; define him first");
    this.operator = operator;
  }

  /** The unknown id. */
  public OperatorId operator() {
    return operator;
  }
}
