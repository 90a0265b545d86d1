package dev.parley.core.routing;

import dev.parley.core.RoutingStrategy;

/** The candidates of one group for one channel, best first by the group's strategy. */
final class MemberHeap extends IndexedHeap<Member> {
  private final GroupState group;

  MemberHeap(GroupState group, int initialCapacity) {
    super(initialCapacity);
    this.group = group;
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
  int compare(Member a, Member b) {
    return compare(group.spec.strategy(), a, b);
  }

  /** The strategy's order; also used by explanations to rank candidates. */
  static int compare(RoutingStrategy strategy, Member a, Member b) {
    OperatorState x = a.operator;
    OperatorState y = b.operator;
    int c = a.channel;
    switch (strategy) {
      case BY_UTILIZATION:
        // load/capacity compared without division: lx/cx < ly/cy  <=>  lx*cy < ly*cx
        int byLoad = Long.compare((long) x.load[c] * y.capacity[c], (long) y.load[c] * x.capacity[c]);
        return byLoad != 0 ? byLoad : byIdle(x, y, c);
      case LONGEST_IDLE:
        return byIdle(x, y, c);
      case ROUND_ROBIN:
        int byTurn = Long.compare(a.lastOffer, b.lastOffer);
        return byTurn != 0 ? byTurn : Integer.compare(x.ordinal, y.ordinal);
      case FIXED_ORDER:
        int byRank = Integer.compare(a.rank, b.rank);
        return byRank != 0 ? byRank : x.id.compareTo(y.id);
      case WHOLE_GROUP:
      default:
        return Integer.compare(x.ordinal, y.ordinal);
    }
  }

  private static int byIdle(OperatorState x, OperatorState y, int c) {
    int byTime = Long.compare(x.changedAt[c], y.changedAt[c]);
    return byTime != 0 ? byTime : Integer.compare(x.ordinal, y.ordinal);
  }
}
