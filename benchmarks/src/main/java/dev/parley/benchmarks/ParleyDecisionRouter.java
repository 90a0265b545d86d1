package dev.parley.benchmarks;

import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.routing.DecisionDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * The real routing core's decision alone, doing what the baselines do: pick the best operator of
 * the group by utilization and count the session against him; free one of his slots at the end.
 * The core is set up through its public commands exactly as for {@link ParleySessionRouter}; then
 * {@link DecisionDriver} runs the core's own candidate index on that state (see its Javadoc for
 * what it calls and why that is the code the core runs). No session record, queue or event.
 */
final class ParleyDecisionRouter implements Router {
  private final DecisionDriver decisions;

  ParleyDecisionRouter(SteadyState shape) {
    CoreDriver core = new CoreDriver();
    ParleySessionRouter.define(core, shape);
    List<GroupId> groups = new ArrayList<>();
    for (int g = 0; g < shape.groups; g++) {
      groups.add(ParleySessionRouter.groupId(g));
    }
    decisions = new DecisionDriver(core.core, groups, Channel.WEB_CHAT);
    // A fresh core numbers operators in the order it is given them, so its numbers are the
    // shape's indices and a pick needs no translation; check rather than assume.
    for (int op = 0; op < shape.operators; op++) {
      int number = decisions.number(ParleySessionRouter.operatorId(op));
      if (number != op) {
        throw new IllegalStateException("the core numbered operator " + op + " as " + number);
      }
    }
  }

  /** Returns the chosen operator's index. */
  @Override
  public int arrive(int group) {
    return decisions.pick(group);
  }

  @Override
  public void end(int operator) {
    decisions.release(operator);
  }
}
