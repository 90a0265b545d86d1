package dev.parley.core.routing;

/** The candidates of one group for one channel, best first by the group's strategy. */
final class MemberHeap extends IndexedHeap<Member> {
  MemberHeap(int initialCapacity) {
    super(initialCapacity);
  }

  @Override
  int index(Member m) {
    return m.heapIndex;
  }

  @Override
  void setIndex(Member m, int index) {
    m.heapIndex = index;
  }

  @Override
  long first(Member m) {
    return m.primary;
  }

  @Override
  long second(Member m) {
    return m.secondary;
  }

  @Override
  int third(Member m) {
    return m.operator.ordinal;
  }

  /** The heap's order, for explanations that rank candidates outside the heap. */
  static int compare(Member a, Member b) {
    int c = Long.compare(a.primary, b.primary);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.secondary, b.secondary);
    return c != 0 ? c : Integer.compare(a.operator.ordinal, b.operator.ordinal);
  }
}
