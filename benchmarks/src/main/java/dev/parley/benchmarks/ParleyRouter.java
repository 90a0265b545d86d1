package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RoutingCore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real routing core, driven through its public commands: an arrival is {@code Arrive} (the
 * group auto-accepts, so the chosen operator holds the session at once) and an end is {@code End}
 * (no wrap-up, no retention, so the session is gone). Commands and ids are made ahead of time so
 * that the benchmark measures the core, not their construction.
 */
final class ParleyRouter implements Router {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final RoutingCore core = new RoutingCore(TenantId.of("bench"), 1);
  private final Command[] arrivals;
  private final Command[] ends;
  private final int mask;
  private final List<Event> sink = new ArrayList<>();
  private int next;

  ParleyRouter(SteadyState shape) {
    apply(new Command.ConfigureTenant(TenantSettings.builder().endedRetention(Duration.ZERO).build()));
    Entry[] entries = new Entry[shape.groups];
    for (int g = 0; g < shape.groups; g++) {
      GroupId id = GroupId.of("g" + g);
      apply(new Command.DefineGroup(GroupSpec.builder(id)
          .strategy(RoutingStrategy.BY_UTILIZATION)
          .autoAccept(true)
          .offerTimeout(Duration.ZERO)
          .wrapUpLimit(Duration.ZERO)
          .build()));
      entries[g] = Entry.builder(Channel.WEB_CHAT).group(id).build();
    }
    for (int op = 0; op < shape.operators; op++) {
      OperatorId id = OperatorId.of("op" + op);
      OperatorSpec.Builder spec = OperatorSpec.builder(id).channel(Channel.WEB_CHAT, SteadyState.CAPACITY);
      for (int g : shape.groupsOf[op]) {
        spec.group(GroupId.of("g" + g));
      }
      apply(new Command.DefineOperator(spec.build()));
      apply(new Command.SetStatus(id, OperatorStatus.ONLINE));
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
    apply(arrivals[i]);
    return i;
  }

  @Override
  public void end(int session) {
    apply(ends[session]);
  }

  private void apply(Command command) {
    sink.clear();
    core.apply(command, NOW, sink);
  }
}
