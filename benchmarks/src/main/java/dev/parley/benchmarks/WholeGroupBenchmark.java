package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole-group offer on the real routing core, in a {@link RoutingStrategy#WHOLE_GROUP} group
 * of {@code members} online operators (web chat, capacity 3). One op is the whole cycle, three
 * commands: a session arrives and is offered to every member at once; one member accepts (the
 * members take turns) and the other offers are withdrawn; the session ends, with no wrap-up and
 * no retention. Its cost grows with the group, as each member gets an offer and a withdrawal.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WholeGroupBenchmark -f 1 -wi 3 -i 5 -prof gc
 * java -jar benchmarks/target/benchmarks.jar WholeGroupBenchmark -p members=100
 * </pre>
 */
@State(Scope.Thread)
public class WholeGroupBenchmark extends EngineBenchmark {
  private static final int RING = 1 << 16;
  private static final GroupId GROUP = GroupId.of("all");

  @Param({"10", "100"})
  public int members;

  private CoreDriver core;
  private Command[] arrivals;
  private Command[] accepts;
  private Command[] ends;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    core = new CoreDriver();
    core.apply(new Command.DefineGroup(GroupSpec.builder(GROUP)
        .strategy(RoutingStrategy.WHOLE_GROUP)
        .wrapUpLimit(Duration.ZERO)
        .build()));
    OperatorId[] operators = new OperatorId[members];
    for (int i = 0; i < members; i++) {
      operators[i] = OperatorId.of("op" + i);
      core.defineOnline(OperatorSpec.builder(operators[i]).group(GROUP).channel(Channel.WEB_CHAT).build());
    }
    Entry entry = Entry.builder(Channel.WEB_CHAT).group(GROUP).build();
    arrivals = new Command[RING];
    accepts = new Command[RING];
    ends = new Command[RING];
    for (int i = 0; i < RING; i++) {
      SessionId id = SessionId.of("s" + i);
      arrivals[i] = new Command.Arrive(id, entry);
      accepts[i] = new Command.Accept(id, operators[i % members]);
      ends[i] = new Command.End(id, Actor.CLIENT);
    }
    checkCycle();
  }

  /** One cycle's events: queued, offered to all (the queue's change told), accepted by one with the others withdrawn, ended. */
  private void checkCycle() {
    List<Event> arrived = core.apply(arrivals[0]);
    if (arrived.size() != 3 || ((Event.SessionOffered) arrived.get(1)).operators().size() != members) { // and QueueChanged
      throw new IllegalStateException("the arrival should be offered to all " + members + " members: " + arrived);
    }
    long withdrawn = core.apply(accepts[0]).stream().filter(e -> e instanceof Event.OfferEnded).count();
    if (withdrawn != members - 1) {
      throw new IllegalStateException(members - 1 + " offers should be withdrawn, not " + withdrawn);
    }
    core.apply(ends[0]);
    next = 1;
  }

  /** No session is left over. */
  @TearDown(Level.Trial)
  public void checkEmpty() {
    if (!core.core.liveSessions().isEmpty()) {
      throw new IllegalStateException("sessions left live: " + core.core.liveSessions().size());
    }
  }

  /** Arrival offered to every member, one accepts, the session ends. */
  @Benchmark
  public int cycle() {
    int i = next++ & (RING - 1);
    int events = core.apply(arrivals[i]).size();
    events += core.apply(accepts[i]).size();
    return events + core.apply(ends[i]).size();
  }
}
