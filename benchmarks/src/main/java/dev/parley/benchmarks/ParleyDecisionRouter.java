package dev.parley.benchmarks;

import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
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
    List<OperatorId> operators = new ArrayList<>();
    for (int op = 0; op < shape.operators; op++) {
      operators.add(ParleySessionRouter.operatorId(op));
    }
    decisions = new DecisionDriver(core.core, groups, operators, Channel.WEB_CHAT);
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
