package dev.parley.core.routing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sessions waiting for one group (or one operator) on one channel: highest priority first, then
 * the earliest arrival. A redirected or escalated session keeps its place by arrival.
 */
final class WaitQueue extends IndexedHeap<LiveSession> {
  /** The group it belongs to, or null for an operator's own queue. */
  final @Nullable GroupState group;
  /** The operator it belongs to, or null for a group's. */
  final @Nullable OperatorState operator;
  final int channel;
  /** Changed during the command under way: a {@code QueueChanged} is due at its end. */
  boolean touched;

  WaitQueue(GroupState group, int channel) {
    super(16);
    this.group = group;
    this.operator = null;
    this.channel = channel;
  }

  WaitQueue(OperatorState operator, int channel) {
    super(16);
    this.group = null;
    this.operator = operator;
    this.channel = channel;
  }

  @Override
  int index(LiveSession s) {
    return s.queueIndex;
  }

  @Override
  void setIndex(LiveSession s, int index) {
    s.queueIndex = index;
  }

  @Override
  long first(LiveSession s) {
    return -(long) s.priority;
  }

  @Override
  long second(LiveSession s) {
    return s.arrivalSeq;
  }

  /** Priority descending, then arrival ascending. */
  static int order(LiveSession a, LiveSession b) {
    int byPriority = Integer.compare(b.priority, a.priority);
    return byPriority != 0 ? byPriority : Long.compare(a.arrivalSeq, b.arrivalSeq);
  }

  /** The sessions in queue order; O(n log n), for reads only. */
  List<LiveSession> inOrder() {
    List<LiveSession> sorted = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      sorted.add(get(i));
    }
    sorted.sort(WaitQueue::order);
    return sorted;
  }

  /** The 1-based place of {@code s} in this queue; O(n), for reads only. */
  int position(LiveSession s) {
    int ahead = 0;
    for (int i = 0; i < size(); i++) {
      if (order(get(i), s) < 0) {
        ahead++;
      }
    }
    return ahead + 1;
  }
}
