package dev.parley.core.routing;

import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.RoutingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One group's routing state. Mutated only by {@link RoutingCore}. */
final class GroupState {
  final GroupId id;
  private GroupSpec spec;
  /** {@code spec.strategy()}, read by every re-key without going through the spec. */
  private RoutingStrategy strategy;
  /** Candidates per channel: members who can take one more session of it. */
  final MemberBuckets[] candidates = new MemberBuckets[OperatorState.CHANNEL_COUNT];
  /** Waiting sessions per channel. */
  final WaitQueue[] queues = new WaitQueue[OperatorState.CHANNEL_COUNT];
  final List<Member> members = new ArrayList<>();
  int memberCount;
  int waiting;
  /** Live sessions (waiting, active, wrap-up) that belong to the group. */
  int live;
  int online;
  /** Online members per channel assigned to them: who could take a session of it today. */
  final int[] onlineFor = new int[OperatorState.CHANNEL_COUNT];
  int away;
  int busy;
  long offers;
  /** Per channel, the operators whose waiting lists show its queue; made when first needed, dropped when members change. */
  private final List<OperatorId>[] watchers = newWatchers();

  GroupState(GroupSpec spec, CandidateIndex index) {
    this.id = spec.id();
    spec(spec);
    for (int c = 0; c < OperatorState.CHANNEL_COUNT; c++) {
      candidates[c] = new MemberBuckets(this, c, index);
      queues[c] = new WaitQueue(this, c);
    }
  }

  GroupSpec spec() {
    return spec;
  }

  void spec(GroupSpec spec) {
    this.spec = spec;
    this.strategy = spec.strategy();
  }

  RoutingStrategy strategy() {
    return strategy;
  }

  /** The operators who are members for channel {@code c}, in the order they joined: who sees its queue. */
  List<OperatorId> watchers(int c) {
    List<OperatorId> w = watchers[c];
    if (w == null) {
      List<OperatorId> ids = new ArrayList<>();
      for (Member m : members) {
        if (m.channel == c) {
          ids.add(m.operator.id);
        }
      }
      w = List.copyOf(ids);
      watchers[c] = w;
    }
    return w;
  }

  /** Members came or went: the watchers are made anew when next needed. */
  void membersChanged() {
    Arrays.fill(watchers, null);
  }

  @SuppressWarnings("unchecked")
  private static List<OperatorId>[] newWatchers() {
    return (List<OperatorId>[]) new List<?>[OperatorState.CHANNEL_COUNT];
  }

  @Override
  public String toString() {
    return id.value();
  }
}
