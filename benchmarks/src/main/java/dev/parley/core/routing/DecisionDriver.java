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
 *   <li>{@link #pick}: {@link MemberBuckets#first} — the head of the group's candidates for the
 *       channel, which is what {@code RoutingCore.pick} returns for a session nobody has declined —
 *       then {@link CandidateIndex#changeLoad} by +1, which is what offering him the
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
  private final RoutingCore core;
  private final CandidateIndex index;
  private final MemberBuckets[] candidates;
  private final int channel;
  private final long now;

  /** A driver for {@code core}'s groups, numbered as listed; sessions are of {@code channel}. */
  public DecisionDriver(RoutingCore core, List<GroupId> groups, Channel channel) {
    this.core = core;
    this.index = core.candidateIndex();
    this.channel = channel.ordinal();
    this.candidates = new MemberBuckets[groups.size()];
    for (int g = 0; g < candidates.length; g++) {
      candidates[g] = core.groupState(groups.get(g)).candidates[this.channel];
    }
    this.now = core.nowNanos();
  }

  /**
   * Picks the best operator of group number {@code group} for one more session, as the core does,
   * and counts the session against him.
   *
   * @return his number in the core's index (what {@link #release} takes), or -1 when nobody in the
   *     group has room
   */
  public int pick(int group) {
    int m = candidates[group].first();
    if (m == CandidateIndex.NONE) {
      return -1;
    }
    int operator = index.operatorNumberOf(m);
    index.changeLoad(operator, channel, +1, now);
    return operator;
  }

  /** Frees one of the sessions of the operator {@link #pick} returned, as an end does. */
  public void release(int operator) {
    index.changeLoad(operator, channel, -1, now);
  }

  /** The number in the core's index of the operator {@code id}, as {@link #pick} returns it. */
  public int number(OperatorId id) {
    return core.operatorState(id).number;
  }
}
