package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RoutingCore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Estimates of a queue at once, and events taken in batches")
class QueueEstimatesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");

  private final ManualClock clock = new ManualClock(T0);
  private final RoutingCore core = new RoutingCore(ACME, 1);
  /** Hears each event alone and is asked one client at a time. */
  private final LiveStatistics one = new LiveStatistics(StatisticsSettings.DEFAULTS, clock);
  /** Hears each command's events as a batch and is asked for the queue at once. */
  private final LiveStatistics batch = new LiveStatistics(StatisticsSettings.DEFAULTS, clock);

  @Test
  @DisplayName("are the estimates of each client in turn, checked against the answers alike")
  void sameAsOneByOne() {
    apply(new Command.DefineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()), 0);
    for (String name : List.of("alice", "bob")) {
      OperatorId op = OperatorId.of(name);
      apply(new Command.DefineOperator(OperatorSpec.builder(op).group(SALES).channel(Channel.WEB_CHAT, 1).build()), 0);
      apply(new Command.SetStatus(op, OperatorStatus.ONLINE), 0);
    }
    int second = 0;
    List<SessionId> queue = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      SessionId s = SessionId.of("s" + i);
      apply(new Command.Arrive(s, Entry.builder(Channel.WEB_CHAT).group(SALES).build()), second += 7);
      if (core.queuePosition(s).isPresent()) {
        queue.add(s);
      }
    }
    assertThat(batch.estimates(ACME, SALES, queue, 1)).as("nobody served yet: no figures").isEmpty();
    for (int turn = 0; !queue.isEmpty(); turn++) {
      SessionId head = queue.get(0);
      List<WaitEstimate> told = new ArrayList<>();
      for (int i = 1; i < queue.size(); i++) {
        one.estimate(ACME, queue.get(i), SALES, i + 1).ifPresent(told::add);
      }
      List<WaitEstimate> atOnce = batch.estimates(ACME, SALES, queue.subList(1, queue.size()), 2);
      assertThat(atOnce).as("turn %s", turn).isEqualTo(told);
      endOneInService(second += 40 + 13 * turn);
      assertThat(core.queuePosition(head)).as("the first in the queue is answered").isEmpty();
      queue.remove(head);
    }
    TenantStatistics a = one.statistics(ACME, core.snapshot(0));
    TenantStatistics b = batch.statistics(ACME, core.snapshot(0));
    assertThat(b).isEqualTo(a);
    assertThat(b.allEstimates().estimates()).isPositive();
  }

  @Test
  @DisplayName("take places from 1 on")
  void placesFromOne() {
    assertThatThrownBy(() -> batch.estimates(ACME, SALES, List.of(SessionId.of("s1")), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-based, not 0");
    assertThat(batch.estimates(ACME, SALES, List.of(), 1)).isEmpty();
  }

  /** Ends the session in service that was accepted first. */
  private void endOneInService(int second) {
    Optional<SessionId> longest = core.liveSessions().stream()
        .filter(s -> core.session(s).orElseThrow().operator() != null)
        .findFirst();
    SessionId s = longest.orElseThrow();
    apply(new Command.End(s, Actor.operator(core.session(s).orElseThrow().operator())), second);
  }

  private void apply(Command command, int second) {
    Instant now = T0.plusSeconds(second);
    clock.set(now);
    List<Event> events = core.apply(command, now);
    events.forEach(one::onEvent);
    batch.onEvents(events);
  }
}
