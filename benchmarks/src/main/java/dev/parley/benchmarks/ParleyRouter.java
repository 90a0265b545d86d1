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
 * The real routing core, driven through its public commands: an arrival is {@code Arrive} (the
 * group auto-accepts, so the chosen operator holds the session at once) and an end is {@code End}
 * (no wrap-up, no retention, so the session is gone). Commands and ids are made ahead of time so
 * that the benchmark measures the core, not their construction.
 */
final class ParleyRouter implements Router {
  private final CoreDriver core = new CoreDriver();
  private final Command[] arrivals;
  private final Command[] ends;
  private final int mask;
  private int next;

  ParleyRouter(SteadyState shape) {
    Entry[] entries = new Entry[shape.groups];
    for (int g = 0; g < shape.groups; g++) {
      GroupId id = GroupId.of("g" + g);
      core.apply(new Command.DefineGroup(CoreDriver.autoAcceptGroup(id, RoutingStrategy.BY_UTILIZATION)));
      entries[g] = Entry.builder(Channel.WEB_CHAT).group(id).build();
    }
    for (int op = 0; op < shape.operators; op++) {
      OperatorId id = OperatorId.of("op" + op);
      OperatorSpec.Builder spec = OperatorSpec.builder(id).channel(Channel.WEB_CHAT, SteadyState.CAPACITY);
      for (int g : shape.groupsOf[op]) {
        spec.group(GroupId.of("g" + g));
      }
      core.defineOnline(spec.build());
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
}
