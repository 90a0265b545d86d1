package dev.parley.core.routing;

import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import java.util.List;

/**
 * The routing core's decision alone, for the routing benchmark: the seam through which it measures
 * the same data structures and the same code the core runs to pick an operator and count his load,
 * without the session around them (no session record, no queue, no events).
 *
 * <p>It lives in the benchmarks module but in the core's package, on the class path beside the
 * core, so that the core exposes nothing for it: it reads a {@link RoutingCore} set up through its
 * public commands by the core's package-private accessors, and then calls what the core calls:
 *
 * <ul>
 *   <li>{@link #pick}: {@link CandidateIndex#best} — the head of the group's {@link MemberBuckets}
 *       for the channel, which is what {@code RoutingCore.pick} returns for a session nobody has
 *       declined — then {@link CandidateIndex#changeLoad} by +1, which is what offering him the
 *       session ({@code RoutingCore.hold}) runs;
 *   <li>{@link #release}: {@link CandidateIndex#changeLoad} by -1, which is what an end ({@code
 *       RoutingCore.release}) runs.
 * </ul>
 *
 * When a load change makes the operator eligible again the core would also look for sessions
 * waiting for him ({@code settle}); here nobody waits, so there is nothing to look for, and this
 * seam does not look. The core must not be given commands while a driver changes its loads: the
 * loads it counts have no sessions behind them.
 *
 * <p>Thread safety: none; one benchmark thread owns the driver and its core.
 */
public final class DecisionDriver {
  private final CandidateIndex index;
  private final GroupState[] groups;
  private final OperatorState[] operators;
  private final int channel;
  private final long now;

  /**
   * A driver for {@code core}'s groups and operators, numbered as listed; sessions are of {@code
   * channel}.
   */
  public DecisionDriver(RoutingCore core, List<GroupId> groups, List<OperatorId> operators, Channel channel) {
    this.index = core.candidateIndex();
    this.groups = new GroupState[groups.size()];
    for (int g = 0; g < this.groups.length; g++) {
      this.groups[g] = core.groupState(groups.get(g));
    }
    this.operators = new OperatorState[operators.size()];
    for (int op = 0; op < this.operators.length; op++) {
      this.operators[op] = core.operatorState(operators.get(op));
    }
    this.channel = channel.ordinal();
    this.now = core.nowNanos();
  }

  /**
   * Picks the best operator of group number {@code group} for one more session, as the core does,
   * and counts the session against him.
   *
   * @return his number, or -1 when nobody in the group has room
   */
  public int pick(int group) {
    Member m = CandidateIndex.best(groups[group], channel);
    if (m == null) {
      return -1;
    }
    OperatorState op = m.operator;
    index.changeLoad(op, channel, +1, now);
    return op.ordinal;
  }

  /** Frees one of operator number {@code operator}'s sessions, as an end does. */
  public void release(int operator) {
    index.changeLoad(operators[operator], channel, -1, now);
  }
}
