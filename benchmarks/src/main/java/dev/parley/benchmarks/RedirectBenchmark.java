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
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A redirect on the real routing core: two auto-accepting groups of 1,000 online operators each
 * (web chat, capacity 4, by utilization) and 2,000 active sessions. One op is one administrator's
 * redirect of an active session to the other group: its operator is freed, it waits in the other
 * group, is offered to that group's least-utilized operator and accepted at once. The sessions
 * take turns, so each goes back and forth between the groups and the load stays balanced.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RedirectBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
public class RedirectBenchmark extends EngineBenchmark {
  static final int OPERATORS_PER_GROUP = 1_000;
  static final int SESSIONS = 2_000;
  private static final GroupId A = GroupId.of("a");
  private static final GroupId B = GroupId.of("b");

  private CoreDriver core;
  private SessionId[] sessions;
  /** Per session: to the other group, then back. */
  private Command[] toB;
  private Command[] toA;
  private int session;
  private boolean backToA;

  @Setup(Level.Trial)
  public void setUp() {
    core = new CoreDriver();
    for (GroupId g : List.of(A, B)) {
      core.apply(new Command.DefineGroup(CoreDriver.autoAcceptGroup(g, RoutingStrategy.BY_UTILIZATION)));
      for (int i = 0; i < OPERATORS_PER_GROUP; i++) {
        core.defineOnline(OperatorSpec.builder(OperatorId.of(g.value() + i)).group(g).channel(Channel.WEB_CHAT, 4).build());
      }
    }
    Entry entry = Entry.builder(Channel.WEB_CHAT).group(A).build();
    Actor admin = Actor.admin("bench");
    sessions = new SessionId[SESSIONS];
    toB = new Command[SESSIONS];
    toA = new Command[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      sessions[i] = SessionId.of("s" + i);
      core.apply(new Command.Arrive(sessions[i], entry));
      toB[i] = Command.Redirect.toGroup(sessions[i], admin, B, null);
      toA[i] = Command.Redirect.toGroup(sessions[i], admin, A, null);
    }
    List<Event> events = core.apply(toB[0]);
    if (events.size() != 3 || !(events.get(2) instanceof Event.SessionAccepted)) {
      throw new IllegalStateException("a redirect should be requeued, offered and accepted: " + events);
    }
    session = 1;
  }

  /** Every session is still active: each redirect was accepted. */
  @TearDown(Level.Trial)
  public void checkActive() {
    for (SessionId id : sessions) {
      SessionState state = core.core.session(id).map(SessionView::state).orElse(null);
      if (state != SessionState.ACTIVE) {
        throw new IllegalStateException("session " + id + " should be active, but is " + state);
      }
    }
  }

  /** One active session redirected to the other group and accepted there. */
  @Benchmark
  public int redirect() {
    int i = session;
    List<Event> events = core.apply(backToA ? toA[i] : toB[i]);
    if (++session == SESSIONS) {
      session = 0;
      backToA = !backToA;
    }
    return events.size();
  }
}
