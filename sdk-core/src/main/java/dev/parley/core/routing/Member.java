package dev.parley.core.routing;

import dev.parley.core.RoutingStrategy;
import org.jspecify.annotations.Nullable;

/**
 * One operator's place in one group for one channel: the element of that group's candidate set
 * for the channel. It is a candidate exactly while the operator can take one more session of the
 * channel.
 */
final class Member {
  final OperatorState operator;
  final GroupState group;
  final int channel;
  final int rank;
  /** Its place among its group's candidates for the channel, while it is one (see {@link MemberBuckets}). */
  @Nullable MemberBuckets owner;
  MemberBuckets.@Nullable Bucket bucket;
  @Nullable Member prev;
  @Nullable Member next;
  /** The secondary key it was placed with, to tell whether a re-key moved it. */
  long placedSecondary;
  /**
   * The group's offer counter when this member's operator was last offered a session of the group,
   * on any channel (round robin).
   */
  long lastOffer;
  /**
   * The sort key under the group's strategy, cached so that ordering reads no other object:
   * {@code primary}, then {@code secondary}, then the operator's definition order. Kept current by
   * {@link #rekey()} whenever an input changes.
   */
  long primary;
  long secondary;

  Member(OperatorState operator, GroupState group, int channel, int rank) {
    this.operator = operator;
    this.group = group;
    this.channel = channel;
    this.rank = rank;
  }

  /** The candidates' order: primary, then secondary key, then definition order. */
  static int compare(Member a, Member b) {
    int c = Long.compare(a.primary, b.primary);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.secondary, b.secondary);
    return c != 0 ? c : Integer.compare(a.operator.ordinal, b.operator.ordinal);
  }

  /** Recomputes the sort key from the operator's load, idle time and turn. */
  void rekey() {
    OperatorState op = operator;
    int c = channel;
    RoutingStrategy strategy = group.strategy();
    if (strategy == RoutingStrategy.BY_UTILIZATION) {
      // load/capacity as a fixed-point fraction: capacities are at most 100, so distinct
      // fractions differ by more than 2^-20 and the order (and equality) is exact; 100 << 20
      // fits an int, whose division is the cheaper one.
      int capacity = op.capacity[c];
      primary = capacity == 0 ? Long.MAX_VALUE : (op.load[c] << 20) / capacity;
      secondary = op.changedSeq[c];
    } else if (strategy == RoutingStrategy.LONGEST_IDLE) {
      primary = 0;
      secondary = op.changedSeq[c];
    } else if (strategy == RoutingStrategy.ROUND_ROBIN) {
      primary = lastOffer;
      secondary = 0;
    } else if (strategy == RoutingStrategy.FIXED_ORDER) {
      primary = rank;
      secondary = 0;
    } else {
      primary = 0;
      secondary = 0;
    }
  }
}
