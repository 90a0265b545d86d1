package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One tenant's {@link RoutingCore} driven at a manual instant, with short ways to define groups and
 * operators, bring clients in and read the result. Every test makes its own.
 */
final class CoreFixture {
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId SUPPORT = GroupId.of("support");
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Actor ADMIN = Actor.admin("root");

  final RoutingCore core = new RoutingCore(TenantId.of("acme"), 42);
  Instant now = START;
  private final Set<SessionId> sessions = new LinkedHashSet<>();
  private final Set<OperatorId> operators = new LinkedHashSet<>();

  /** Applies a command at {@link #now}. */
  List<Event> apply(Command command) {
    if (command instanceof Command.Arrive) {
      sessions.add(((Command.Arrive) command).session());
    } else if (command instanceof Command.Reopen) {
      sessions.add(((Command.Reopen) command).session());
    }
    return core.apply(command, now);
  }

  /** Moves the clock on and fires what falls due. */
  List<Event> advance(Duration by) {
    now = now.plus(by);
    return core.advanceTo(now);
  }

  /** Defines a group with the defaults changed by {@code settings}. */
  void group(GroupId id, UnaryOperator<GroupSpec.Builder> settings) {
    apply(new Command.DefineGroup(settings.apply(GroupSpec.builder(id)).build()));
  }

  void group(GroupId id) {
    group(id, b -> b);
  }

  /** Defines an operator (offline) in {@code group} with the given channels at default capacity. */
  OperatorId operator(String name, GroupId group, Channel... channels) {
    OperatorSpec.Builder b = OperatorSpec.builder(OperatorId.of(name)).group(group);
    for (Channel c : channels) {
      b.channel(c);
    }
    return operator(b.build());
  }

  OperatorId operator(OperatorSpec spec) {
    apply(new Command.DefineOperator(spec));
    operators.add(spec.id());
    return spec.id();
  }

  /** Defines an operator as {@link #operator} does and logs him in. */
  OperatorId online(String name, GroupId group, Channel... channels) {
    return online(operator(name, group, channels));
  }

  OperatorId online(OperatorId operator) {
    status(operator, OperatorStatus.ONLINE);
    return operator;
  }

  List<Event> status(OperatorId operator, OperatorStatus status) {
    return apply(new Command.SetStatus(operator, status));
  }

  static Entry chat(GroupId group) {
    return Entry.builder(Channel.WEB_CHAT).group(group).build();
  }

  static Entry entry(Channel channel, GroupId group, String client) {
    return Entry.builder(channel).group(group).client(client).build();
  }

  List<Event> arrive(String session, Entry entry) {
    return apply(new Command.Arrive(SessionId.of(session), entry));
  }

  /** A web-chat client asking for {@code group}. */
  List<Event> chat(String session, GroupId group) {
    return arrive(session, chat(group));
  }

  List<Event> accept(String session, OperatorId operator) {
    return apply(new Command.Accept(SessionId.of(session), operator));
  }

  List<Event> decline(String session, OperatorId operator) {
    return apply(new Command.Decline(SessionId.of(session), operator));
  }

  List<Event> end(String session, Actor by) {
    return apply(new Command.End(SessionId.of(session), by));
  }

  /** Brings a chat in and has {@code operator}, whom it must be offered to, accept it. */
  void serve(String session, GroupId group, OperatorId operator) {
    chat(session, group);
    assertThat(holder(session)).as("holder of %s", session).isEqualTo(operator);
    accept(session, operator);
  }

  SessionView view(String session) {
    return core.session(SessionId.of(session)).orElseThrow(() -> new AssertionError("no session " + session));
  }

  SessionState state(String session) {
    return view(session).state();
  }

  OperatorId holder(String session) {
    return view(session).operator();
  }

  /** Everything a reader can see of the sessions and operators this fixture made. */
  Snapshot snapshot() {
    Map<SessionId, Object> bySession = new LinkedHashMap<>();
    for (SessionId id : sessions) {
      Optional<SessionView> view = core.session(id);
      bySession.put(id, view.isPresent() ? List.of(view.get(), core.explain(id), core.queuePosition(id)) : "none");
    }
    Map<OperatorId, Object> byOperator = new LinkedHashMap<>();
    for (OperatorId id : operators) {
      Optional<OperatorStatus> status = core.status(id);
      byOperator.put(id, status.isPresent() ? List.of(status.get(), core.waitingFor(id)) : "none");
    }
    return new Snapshot(core.liveSessions(), bySession, byOperator, core.redirectPicker(), core.nextDeadline());
  }

  /**
   * Applies a command that must fail with {@code type}, and checks that it changed nothing anyone
   * can read.
   */
  <X extends Throwable> X rejects(Command command, Class<X> type) {
    Snapshot before = snapshot();
    X thrown = catchThrowableOfType(type, () -> core.apply(command, now));
    assertThat(thrown).as("%s throws %s", command, type.getSimpleName()).isNotNull();
    assertThat(snapshot()).as("state after the refused %s", command).isEqualTo(before);
    return thrown;
  }

  /** The events of one kind, in order. */
  static <E extends Event> List<E> only(List<Event> events, Class<E> kind) {
    List<E> found = new ArrayList<>();
    for (Event e : events) {
      if (kind.isInstance(e)) {
        found.add(kind.cast(e));
      }
    }
    return found;
  }

  /** The one event of a kind; fails when there is none or more. */
  static <E extends Event> E one(List<Event> events, Class<E> kind) {
    List<E> found = only(events, kind);
    assertThat(found).as("%s in %s", kind.getSimpleName(), events).hasSize(1);
    return found.get(0);
  }

  /**
   * The kinds of the events, in order, leaving out the {@link Event.QueueChanged} summaries that
   * close a command (QueueChangedTest checks those).
   */
  static List<Class<?>> kinds(List<Event> events) {
    List<Class<?>> kinds = new ArrayList<>();
    for (Event e : events) {
      if (!(e instanceof Event.QueueChanged)) {
        kinds.add(e.getClass());
      }
    }
    return kinds;
  }

  static SessionId sid(String session) {
    return SessionId.of(session);
  }

  /** What the core shows to readers at one moment. */
  record Snapshot(
      List<SessionId> live,
      Map<SessionId, Object> sessions,
      Map<OperatorId, Object> operators,
      List<GroupCounts> picker,
      Optional<Instant> nextDeadline) {}
}
