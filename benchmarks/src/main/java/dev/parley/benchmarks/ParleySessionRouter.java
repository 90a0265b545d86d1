package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;

/**
 * The real routing core, driven through its public commands: the whole life of a session. An
 * arrival is {@code Arrive} (the group auto-accepts, so the chosen operator holds the session at
 * once) and an end is {@code End} (no wrap-up, no retention, so the session is gone); each makes
 * the session's record and its events besides the decision. Commands and ids are made ahead of
 * time so that the benchmark measures the core, not their construction.
 */
final class ParleySessionRouter implements Router {
  private final CoreDriver core = new CoreDriver();
  private final Command[] arrivals;
  private final Command[] ends;
  private final int mask;
  private int next;

  ParleySessionRouter(SteadyState shape) {
    define(core, shape);
    Entry[] entries = new Entry[shape.groups];
    for (int g = 0; g < shape.groups; g++) {
      entries[g] = Entry.builder(Channel.WEB_CHAT).group(groupId(g)).build();
    }
    int ring = Integer.highestOneBit(Math.max(SteadyState.SEQUENCE, shape.busySlots() * 2) - 1) << 1;
    mask = ring - 1;
    arrivals = new Command[ring];
    ends = new Command[ring];
    for (int i = 0; i < ring; i++) {
      SessionId id = SessionId.of("s" + i);
      arrivals[i] = new Command.Arrive(id, entries[shape.arrivals[i & (SteadyState.SEQUENCE - 1)]]);
      ends[i] = new Command.End(id, Actor.CLIENT);
    }
  }

  /**
   * Routes the next prepared arrival; {@code group} is the one it was prepared for, as the
   * arrivals come in the shape's sequence.
   */
  @Override
  public int arrive(int group) {
    int i = next++ & mask;
    core.apply(arrivals[i]);
    return i;
  }

  @Override
  public void end(int session) {
    core.apply(ends[session]);
  }

  /**
   * Defines the shape's groups (by utilization, auto-accepting) and operators (web chat at the
   * shape's capacity, online) in {@code core}, in the shape's order.
   */
  static void define(CoreDriver core, SteadyState shape) {
    for (int g = 0; g < shape.groups; g++) {
      core.apply(new Command.DefineGroup(CoreDriver.autoAcceptGroup(groupId(g), RoutingStrategy.BY_UTILIZATION)));
    }
    for (int op = 0; op < shape.operators; op++) {
      OperatorSpec.Builder spec = OperatorSpec.builder(operatorId(op)).channel(Channel.WEB_CHAT, SteadyState.CAPACITY);
      for (int g : shape.groupsOf[op]) {
        spec.group(groupId(g));
      }
      core.defineOnline(spec.build());
    }
  }

  static GroupId groupId(int g) {
    return GroupId.of("g" + g);
  }

  static OperatorId operatorId(int op) {
    return OperatorId.of("op" + op);
  }
}
