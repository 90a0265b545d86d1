package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.OfferEndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Offers that are not answered")
class OfferTimeoutTest {
  static final GroupId SALES = GroupId.of("sales");
  static final Instant T0 = TestContactCenter.DEFAULT_START;

  private final TestContactCenter center = TestContactCenter.create();
  private ScriptedOperator alice;
  private ScriptedOperator bob;
  private ScriptedOperator carol;

  private void salesDesk(Duration offerTimeout) {
    center.group(GroupSpec.builder(SALES).strategy(RoutingStrategy.FIXED_ORDER).offerTimeout(offerTimeout).build());
    alice = operator("alice", 0);
    bob = operator("bob", 1);
    carol = operator("carol", 2);
  }

  private ScriptedOperator operator(String name, int rank) {
    return center.operator(OperatorSpec.builder(OperatorId.of(name)).group(SALES, rank).channel(Channel.WEB_CHAT).build())
        .online();
  }

  private ScriptedClient chat() {
    return center.arrive(Entry.builder(Channel.WEB_CHAT).group(SALES).build());
  }

  @AfterEach
  void close() {
    center.close();
  }

  @Test
  @DisplayName("an offer Alice lets time out moves to Bob when the clock passes the time-out, not before")
  void timeOutMovesToTheNextOperator() {
    salesDesk(Duration.ofSeconds(20));
    ScriptedClient jana = chat();
    jana.assertThat().isOfferedTo(alice);

    assertThat(center.advance(Duration.ofSeconds(19))).isEmpty();
    jana.assertThat().isOfferedTo(alice);

    List<Event> moved = center.advance(Duration.ofSeconds(1));

    assertThat(moved).hasSize(2);
    assertThat(moved.get(0)).isInstanceOfSatisfying(Event.OfferEnded.class, e -> {
      assertThat(e.operator()).isEqualTo(alice.id());
      assertThat(e.reason()).isEqualTo(OfferEndReason.TIMED_OUT);
    });
    jana.assertThat().isOfferedTo(bob).wasOfferedTo(alice, bob);
    bob.accept(jana);
    jana.assertThat().isActiveWith(bob);
  }

  @Test
  @DisplayName("advancing a whole minute fires each time-out at its own instant, and the offer goes round again")
  void eachDeadlineAtItsOwnInstant() {
    salesDesk(Duration.ofSeconds(20));
    ScriptedClient jana = chat();

    List<Event> minute = center.advance(Duration.ofMinutes(1));

    assertThat(minute).filteredOn(Event.OfferEnded.class::isInstance)
        .extracting(Event::at)
        .containsExactly(T0.plusSeconds(20), T0.plusSeconds(40), T0.plusSeconds(60));
    jana.assertThat().isOfferedTo(alice).wasOfferedTo(alice, bob, carol, alice);
    assertThat(center.now()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  @DisplayName("a decline moves the offer on at once, without waiting for the time-out")
  void declineMovesOnAtOnce() {
    salesDesk(Duration.ofSeconds(20));
    ScriptedClient jana = chat();

    alice.decline(jana);

    jana.assertThat().isOfferedTo(bob).wasOfferedTo(alice, bob);
    assertThat(center.now()).isEqualTo(T0);
  }

  @Test
  @DisplayName("with no time-out an offer stands however long the clock runs")
  void noTimeOut() {
    salesDesk(Duration.ZERO);
    ScriptedClient jana = chat();

    assertThat(center.advance(Duration.ofHours(8))).isEmpty();

    jana.assertThat().isOfferedTo(alice).wasOfferedTo(alice);
  }
}
