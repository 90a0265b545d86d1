package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random traffic through the engine; now and then the incremental figures are compared with a
 * recount: the counts now with the routing snapshot, the window's figures with a brute-force pass
 * over every event heard.
 */
@DisplayName("Statistics against a recount")
class RecountTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int BUCKETS = 10;
  private static final GroupId[] GROUPS = {GroupId.of("sales"), GroupId.of("support")};
  private static final long THRESHOLD = Duration.ofSeconds(20).toNanos();

  private final ManualClock clock = new ManualClock(T0);
  private final List<Event> heard = new ArrayList<>();
  private final List<OperatorId> operators = new ArrayList<>();
  private SplittableRandom random;
  private long mostWaiting;
  private Tenant acme;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  @DisplayName("the incremental figures equal a recount, after every hundred random commands")
  void incrementalEqualsRecount(long seed) {
    random = new SplittableRandom(seed);
    try (Parley parley = Parley.builder().sameThread().keepNothing().clock(clock).listener(heard::add)
        .statistics(StatisticsSettings.builder().window(WINDOW).buckets(BUCKETS).build()).build()) {
      acme = parley.tenant(TenantId.of("acme"));
      acme.defineGroup(GroupSpec.builder(GROUPS[0]).autoAccept(true).wrapUpLimit(Duration.ofMinutes(1)).build()).join();
      acme.defineGroup(GroupSpec.builder(GROUPS[1]).offerTimeout(Duration.ofSeconds(40)).wrapUpLimit(Duration.ZERO).build())
          .join();
      for (int i = 0; i < 6; i++) {
        OperatorId op = OperatorId.of("op" + i);
        OperatorSpec.Builder spec = OperatorSpec.builder(op).group(GROUPS[i % 2]).channel(Channel.WEB_CHAT, 1 + i % 2);
        if (i % 3 == 0) {
          spec.group(GROUPS[(i + 1) % 2]);
        }
        acme.defineOperator(spec.build()).join();
        acme.setStatus(op, OperatorStatus.ONLINE).join();
        operators.add(op);
      }
      for (int step = 1; step <= 3_000; step++) {
        clock.advance(Duration.ofMillis(random.nextLong(20_000)));
        parley.tick();
        act(step);
        if (step % 100 == 0) {
          check(acme.statistics(), acme.snapshot());
        }
      }
    }
    assertThat(heard).as("the traffic went through every path counted")
        .anyMatch(e -> e instanceof Event.SessionAbandoned)
        .anyMatch(e -> e instanceof Event.SessionRequeued)
        .anyMatch(e -> e instanceof Event.WrapUpCompleted w && w.timedOut());
    assertThat(mostWaiting).as("clients queued at some check").isGreaterThan(1);
  }

  private void act(int step) {
    List<SessionView> live = acme.snapshot().sessions();
    SessionView any = live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    Actor admin = Actor.admin("root");
    Command command;
    int dice = random.nextInt(100);
    if (dice < 35 || any == null) {
      command = new Command.Arrive(SessionId.of("s" + step), Entry.builder(Channel.WEB_CHAT).group(pick(GROUPS)).build(), null);
    } else if (dice < 90) {
      command = next(any);
    } else if (dice < 95) {
      command = random.nextBoolean() ? Command.Redirect.toGroup(any.id(), admin, pick(GROUPS), null)
          : Command.Redirect.toOperator(any.id(), admin, operators.get(random.nextInt(operators.size())), null);
    } else {
      OperatorStatus[] statuses = {OperatorStatus.ONLINE, OperatorStatus.away("lunch"), OperatorStatus.OFFLINE};
      command = new Command.SetStatus(operators.get(random.nextInt(operators.size())), pick(statuses));
    }
    try {
      acme.submit(command).join();
    } catch (CompletionException refused) {
      // a random command may be illegal; it changed nothing
    }
  }

  /** The next step of a session's life: accepted, ended, wrapped up, or abandoned while it waits. */
  private Command next(SessionView s) {
    if (s.state().waiting()) {
      List<OperatorId> offered = s.operator() != null ? List.of(s.operator()) : s.offeredTo();
      return offered.isEmpty() || random.nextInt(4) == 0 ? new Command.Abandon(s.id())
          : new Command.Accept(s.id(), offered.get(random.nextInt(offered.size())));
    }
    if (s.state() == SessionState.ACTIVE) {
      return new Command.End(s.id(), Actor.operator(s.operator()));
    }
    return new Command.CompleteWrapUp(s.id(), s.operator(), "done", null);
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private void check(TenantStatistics stats, TenantSnapshot routing) {
    long now = TenantTally.nanos(clock.instant());
    Map<GroupId, Recount> recounts = recount(now);
    for (GroupId g : GROUPS) {
      GroupStatistics figures = stats.group(g).orElseThrow();
      Recount r = recounts.get(g);
      long waiting = 0;
      long earliest = Long.MAX_VALUE;
      int inService = 0;
      for (SessionView s : routing.sessions()) {
        if (!g.equals(s.group())) {
          continue;
        }
        if (s.state().waiting()) {
          waiting++;
          earliest = Math.min(earliest, TenantTally.nanos(s.waitingSince()));
        } else if (s.state() == SessionState.ACTIVE || s.state() == SessionState.WRAP_UP) {
          inService++;
        }
      }
      assertThat(figures.waiting()).as("waiting in %s", g).isEqualTo(waiting);
      mostWaiting = Math.max(mostWaiting, waiting);
      assertThat(figures.longestWait().toNanos()).as("longest wait in %s", g).isEqualTo(waiting == 0 ? 0 : now - earliest);
      assertThat(figures.inService()).as("in service in %s", g).isEqualTo(inService);
      assertThat(new long[] {figures.service().answered(), figures.answeredInThreshold(), figures.abandoned(),
          figures.answeredWait().toNanos(), figures.service().handled(), figures.service().handleTime().toNanos(),
          figures.service().wrappedUp(), figures.service().wrapUpTime().toNanos()})
          .as("window figures of %s", g).containsExactly(r.figures);
    }
    for (OperatorId op : operators) {
      long inHand = routing.sessions().stream().filter(s -> op.equals(s.operator())
          && (s.state() == SessionState.ACTIVE || s.state() == SessionState.WRAP_UP)).count();
      assertThat(stats.operator(op).orElseThrow().inHand()).as("in hand of %s", op).isEqualTo(inHand);
    }
  }

  /** The window's figures per group, from every event heard: answered, in threshold, abandoned, wait, handled, handle time, wrapped up, wrap-up time. */
  private Map<GroupId, Recount> recount(long now) {
    long resolution = WINDOW.toNanos() / BUCKETS;
    long from = (Math.floorDiv(now, resolution) - BUCKETS + 1) * resolution;
    Map<GroupId, Recount> recounts = new HashMap<>();
    for (GroupId g : GROUPS) {
      recounts.put(g, new Recount());
    }
    Map<SessionId, GroupId> groupOf = new HashMap<>();
    Map<SessionId, Long> since = new HashMap<>();
    Map<SessionId, Long> acceptedAt = new HashMap<>();
    Map<SessionId, Long> endedAt = new HashMap<>();
    for (Event e : heard) {
      long at = TenantTally.nanos(e.at());
      boolean in = at >= from;
      if (e instanceof Event.SessionQueued q) {
        groupOf.compute(q.session(), (s, old) -> q.group());
        since.put(q.session(), at);
      } else if (e instanceof Event.SessionRequeued r) {
        if (r.group() != null) {
          groupOf.put(r.session(), r.group());
        }
        since.put(r.session(), at);
        acceptedAt.remove(r.session());
        endedAt.remove(r.session());
      } else if (e instanceof Event.SessionAccepted a) {
        long wait = at - since.remove(a.session());
        acceptedAt.put(a.session(), at);
        recounts.get(groupOf.get(a.session())).add(in, 1, wait <= THRESHOLD ? 1 : 0, 0, wait, 0, 0, 0, 0);
      } else if (e instanceof Event.SessionAbandoned a) {
        since.remove(a.session());
        recounts.get(groupOf.get(a.session())).add(in, 0, 0, 1, 0, 0, 0, 0, 0);
      } else if (e instanceof Event.SessionEnded s) {
        endedAt.put(s.session(), at);
        recounts.get(groupOf.get(s.session())).add(in, 0, 0, 0, 0, 1, at - acceptedAt.get(s.session()), 0, 0);
      } else if (e instanceof Event.WrapUpCompleted w) {
        recounts.get(groupOf.get(w.session())).add(in, 0, 0, 0, 0, 0, 0, 1, at - endedAt.get(w.session()));
      }
    }
    return recounts;
  }

  private static final class Recount {
    final long[] figures = new long[8];

    void add(boolean inWindow, long... values) {
      for (int i = 0; inWindow && i < values.length; i++) {
        figures[i] += values[i];
      }
    }
  }
}
