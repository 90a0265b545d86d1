package dev.parley.core.routing;

/** Operators whose last console is gone, by the next step of their absence (grace end, sessions' wait). */
final class OperatorGoneHeap extends IndexedHeap<OperatorState> {
  OperatorGoneHeap() {
    super(8);
  }

  @Override
  int index(OperatorState op) {
    return op.goneIndex;
  }

  @Override
  void setIndex(OperatorState op, int index) {
    op.goneIndex = index;
  }

  @Override
  long first(OperatorState op) {
    return op.goneDeadline;
  }

  @Override
  long second(OperatorState op) {
    return op.ordinal;
  }
}
