package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.InvitationCreated;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.PhoneLineChanged;
import dev.parley.core.event.Event.SessionAccepted;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionQueued;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Routing")
class RoutingStrategiesTest {
  private final CoreFixture f = new CoreFixture();

  private OperatorId chatOperator(String name, int capacity) {
    return f.operator(OperatorSpec.builder(OperatorId.of(name)).group(SALES).channel(Channel.WEB_CHAT, capacity).build());
  }

  /** A chat arrives one second after the last command, and its holder is returned. */
  private OperatorId next(String session) {
    f.advance(Duration.ofSeconds(1));
    f.chat(session, SALES);
    return f.holder(session);
  }

  /** Ends an active chat one second after the last command (the group has no wrap-up). */
  private void finish(String session) {
    f.advance(Duration.ofSeconds(1));
    f.end(session, Actor.operator(f.holder(session)));
  }

  @Nested
  @DisplayName("by utilization")
  class ByUtilization {
    @BeforeEach
    void group() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.BY_UTILIZATION).wrapUpLimit(Duration.ZERO));
    }

    @Test
    @DisplayName("offers to the lowest load relative to capacity on the client's channel")
    void lowestRelativeLoad() {
      OperatorId alice = f.online(chatOperator("alice", 4));
      OperatorId bob = f.online(chatOperator("bob", 2));

      assertThat(next("s1")).isEqualTo(alice); // 0/4 = 0/2: alice, defined first, idle as long
      assertThat(next("s2")).isEqualTo(bob); // 1/4 > 0/2
      assertThat(next("s3")).isEqualTo(alice); // 1/4 < 1/2
      assertThat(next("s4")).as("2/4 = 1/2, bob idle longer").isEqualTo(bob);
      assertThat(next("s5")).isEqualTo(alice); // 2/4 < 2/2 (full)
      assertThat(next("s6")).isEqualTo(alice); // 3/4, bob full
      f.chat("s7", SALES);
      assertThat(f.state("s7")).as("both are full").isEqualTo(SessionState.QUEUED);
    }

    @Test
    @DisplayName("breaks ties by the time idle on that channel, not on others")
    void tiesByIdleOnTheChannel() {
      OperatorId alice = f.online(chatOperator("alice", 3));
      OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES)
          .channel(Channel.WEB_CHAT, 3).channel(Channel.EMAIL, 3).build()));
      assertThat(next("s1")).isEqualTo(alice);
      f.accept("s1", alice);
      finish("s1");
      f.advance(Duration.ofSeconds(1));
      f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));
      assertThat(f.holder("e1")).isEqualTo(bob);
      f.accept("e1", bob);
      finish("e1");

      assertThat(next("s2")).as("bob has not had a chat since he logged in").isEqualTo(bob);
    }
  }

  @Nested
  @DisplayName("to the longest idle")
  class LongestIdle {
    @Test
    @DisplayName("offers to the operator idle on the channel the longest, whatever his load")
    void longestIdleWhateverTheLoad() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.LONGEST_IDLE).wrapUpLimit(Duration.ZERO));
      OperatorId alice = f.online(chatOperator("alice", 3));
      OperatorId bob = f.online(chatOperator("bob", 3));
      assertThat(next("s1")).isEqualTo(alice);
      assertThat(next("s2")).isEqualTo(bob);
      assertThat(next("s3")).isEqualTo(alice);
      f.accept("s2", bob);
      finish("s2");

      assertThat(next("s4")).as("alice holds two but her load last changed before bob's").isEqualTo(alice);
    }
  }

  @Nested
  @DisplayName("round robin")
  class RoundRobin {
    @BeforeEach
    void group() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.ROUND_ROBIN).wrapUpLimit(Duration.ZERO));
    }

    @Test
    @DisplayName("takes the candidates in turn, whatever their load")
    void inTurn() {
      OperatorId alice = f.online(chatOperator("alice", 3));
      OperatorId bob = f.online(chatOperator("bob", 3));
      OperatorId carol = f.online(chatOperator("carol", 3));

      assertThat(next("s1")).isEqualTo(alice);
      assertThat(next("s2")).isEqualTo(bob);
      f.accept("s2", bob);
      finish("s2");
      assertThat(next("s3")).isEqualTo(carol);
      assertThat(next("s4")).as("bob is idle, but alice's turn came first").isEqualTo(alice);
      assertThat(next("s5")).isEqualTo(bob);
    }

    @Test
    @DisplayName("counts the turn per group, across the channels")
    void turnAcrossChannels() {
      OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES)
          .channel(Channel.WEB_CHAT).channel(Channel.EMAIL).build()));
      OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES)
          .channel(Channel.WEB_CHAT).channel(Channel.EMAIL).build()));
      assertThat(next("s1")).isEqualTo(alice);

      f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));

      assertThat(f.holder("e1")).as("bob was offered a session of this group longer ago").isEqualTo(bob);
    }
  }

  @Nested
  @DisplayName("in fixed order")
  class FixedOrder {
    @Test
    @DisplayName("offers to the lowest rank first, equal ranks in the order defined")
    void byRank() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.FIXED_ORDER));
      OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES, 2)
          .channel(Channel.WEB_CHAT, 1).build()));
      OperatorId dave = f.online(f.operator(OperatorSpec.builder(OperatorId.of("dave")).group(SALES, 0)
          .channel(Channel.WEB_CHAT, 1).build()));
      OperatorId carl = f.online(f.operator(OperatorSpec.builder(OperatorId.of("carl")).group(SALES, 0)
          .channel(Channel.WEB_CHAT, 1).build()));
      OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES, 1)
          .channel(Channel.WEB_CHAT, 1).build()));

      assertThat(next("s1")).isEqualTo(dave);
      assertThat(next("s2")).isEqualTo(carl);
      assertThat(next("s3")).isEqualTo(bob);
      assertThat(next("s4")).isEqualTo(alice);
    }
  }

  @Nested
  @DisplayName("to the whole group")
  class WholeGroup {
    private OperatorId alice;
    private OperatorId bob;
    private OperatorId carol;

    @BeforeEach
    void group() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.WHOLE_GROUP));
      alice = f.online(chatOperator("alice", 1));
      bob = f.online(chatOperator("bob", 1));
      carol = f.online(chatOperator("carol", 1));
      f.apply(new Command.SwitchChannel(carol, Channel.WEB_CHAT, false, Actor.operator(carol)));
    }

    @Test
    @DisplayName("offers the session to every eligible operator at once")
    void offersToAll() {
      List<Event> events = f.chat("s1", SALES);

      assertThat(kinds(events)).containsExactly(SessionQueued.class, SessionOffered.class);
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(alice, bob);
      SessionView view = f.view("s1");
      assertThat(view.state()).isEqualTo(SessionState.OFFERED);
      assertThat(view.offeredTo()).containsExactly(alice, bob);
      assertThat(view.operator()).isNull();
      assertThat(f.advance(Duration.ofHours(1))).as("whole-group offers do not time out").isEmpty();
    }

    @Test
    @DisplayName("gives the session to the first who accepts and withdraws the others' offers")
    void firstAcceptWins() {
      f.chat("s1", SALES);

      List<Event> events = f.accept("s1", bob);

      assertThat(kinds(events)).containsExactly(SessionAccepted.class, OfferEnded.class);
      assertThat(((SessionAccepted) events.get(0)).operator()).isEqualTo(bob);
      OfferEnded withdrawn = (OfferEnded) events.get(1);
      assertThat(withdrawn.operator()).isEqualTo(alice);
      assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
      assertThat(withdrawn.state()).isEqualTo(SessionState.ACTIVE);
      assertThat(f.holder("s1")).isEqualTo(bob);
      assertThat(f.view("s1").offeredTo()).isEmpty();
      f.rejects(new Command.Accept(sid("s1"), alice), IllegalTransitionException.class);
    }

    @Test
    @DisplayName("holds no capacity until accepted, so accepting when full is refused")
    void acceptWhenFull() {
      f.chat("s1", SALES);
      f.chat("s2", SALES);
      assertThat(f.view("s2").offeredTo()).as("offers hold no capacity").containsExactly(alice, bob);
      f.accept("s1", alice);

      CapacityExceededException e = f.rejects(new Command.Accept(sid("s2"), alice), CapacityExceededException.class);

      assertThat(e.operator()).isEqualTo(alice);
      assertThat(e.load()).isEqualTo(1);
      assertThat(e.capacity()).isEqualTo(1);
      assertThat(f.accept("s2", bob)).isNotEmpty();
      assertThat(f.holder("s2")).isEqualTo(bob);
    }

    @Test
    @DisplayName("keeps the other offers standing when one operator declines")
    void declineOne() {
      f.chat("s1", SALES);

      OfferEnded declined = one(f.decline("s1", alice), OfferEnded.class);

      assertThat(declined.reason()).isEqualTo(OfferEndReason.DECLINED);
      assertThat(declined.state()).isEqualTo(SessionState.OFFERED);
      assertThat(f.view("s1").offeredTo()).containsExactly(bob);
    }

    @Test
    @DisplayName("offers a waiting session to an operator who becomes eligible")
    void latecomer() {
      f.chat("s1", SALES);

      List<Event> events =
          f.apply(new Command.SwitchChannel(carol, Channel.WEB_CHAT, true, Actor.operator(carol)));

      assertThat(one(events, SessionOffered.class).operators()).containsExactly(carol);
      assertThat(f.view("s1").offeredTo()).containsExactly(alice, bob, carol);
    }
  }

  @Nested
  @DisplayName("by invitation")
  class Direct {
    @Test
    @DisplayName("goes only to the operator who made the code, even when he is full and others are free")
    void onlyToHim() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      OperatorId alice = f.online(chatOperator("alice", 1));
      OperatorId bob = f.online(chatOperator("bob", 3));
      f.serve("s0", SALES, alice);
      String code = one(f.apply(new Command.CreateInvitation(alice, true, null)), InvitationCreated.class).code();

      List<Event> events = f.arrive("i1", Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());

      SessionQueued queued = one(events, SessionQueued.class);
      assertThat(queued.operator()).isEqualTo(alice);
      assertThat(queued.group()).isNull();
      assertThat(CoreFixture.only(events, SessionOffered.class)).isEmpty();
      assertThat(f.view("i1").waitsFor()).isEqualTo(alice);
      assertThat(f.core.waitingFor(bob)).isEmpty();

      List<Event> freed = f.end("s0", Actor.operator(alice));
      SessionOffered offered = one(freed, SessionOffered.class);
      assertThat(offered.operators()).containsExactly(alice);
      assertThat(offered.group()).isNull();
    }
  }

  @Nested
  @DisplayName("of exclusive media")
  class Exclusive {
    private OperatorId alice;
    private OperatorId bob;

    @BeforeEach
    void operators() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      alice = f.online(f.operator("alice", SALES, Channel.WEB_CHAT, Channel.VIDEO_CALL));
      bob = f.online(f.operator("bob", SALES, Channel.WEB_CHAT, Channel.VIDEO_CALL));
    }

    @Test
    @DisplayName("offers a video call only to an operator with nothing in hand")
    void onlyToTheFree() {
      f.serve("s1", SALES, alice);

      f.arrive("v1", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
      assertThat(f.holder("v1")).isEqualTo(bob);

      f.arrive("v2", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
      assertThat(f.state("v2")).as("alice has a chat, bob a call").isEqualTo(SessionState.QUEUED);

      f.end("s1", Actor.operator(alice));
      assertThat(f.holder("v2")).isEqualTo(alice);
    }

    @Test
    @DisplayName("offers nothing else to an operator while he has a video call")
    void nothingElseDuringACall() {
      f.status(bob, OperatorStatus.OFFLINE);
      f.arrive("v1", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
      f.accept("v1", alice);

      f.chat("s1", SALES);
      assertThat(f.state("s1")).isEqualTo(SessionState.QUEUED);

      List<Event> events = f.end("v1", Actor.operator(alice));
      assertThat(one(events, SessionOffered.class).session()).isEqualTo(sid("s1"));
    }

    @Test
    @DisplayName("counts an offered, not yet accepted call as in hand")
    void offeredCallIsInHand() {
      f.status(bob, OperatorStatus.OFFLINE);
      f.arrive("v1", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
      assertThat(f.state("v1")).isEqualTo(SessionState.OFFERED);

      f.chat("s1", SALES);

      assertThat(f.state("s1")).isEqualTo(SessionState.QUEUED);
    }

    @Test
    @DisplayName("offers a phone call only to an operator whose phone line is available")
    void phoneNeedsTheLine() {
      OperatorId carol = f.online(f.operator(OperatorSpec.builder(OperatorId.of("carol")).group(SALES)
          .channel(Channel.PHONE).phoneLine(false).build()));
      f.status(alice, OperatorStatus.OFFLINE);
      f.status(bob, OperatorStatus.OFFLINE);

      f.arrive("p1", CoreFixture.entry(Channel.PHONE, SALES, "+420777"));
      assertThat(f.state("p1")).isEqualTo(SessionState.QUEUED);

      List<Event> events = f.apply(new Command.SetPhoneLine(carol, true));
      assertThat(kinds(events)).containsExactly(PhoneLineChanged.class, SessionOffered.class);
      assertThat(((PhoneLineChanged) events.get(0)).available()).isTrue();
      assertThat(f.holder("p1")).isEqualTo(carol);

      f.accept("p1", carol);
      f.apply(new Command.SetPhoneLine(carol, false));
      f.end("p1", Actor.CLIENT);
      f.arrive("p2", CoreFixture.entry(Channel.PHONE, SALES, "+420778"));
      assertThat(f.state("p2")).isEqualTo(SessionState.QUEUED);
    }
  }

  @Nested
  @DisplayName("with capacity and queues")
  class Queues {
    @BeforeEach
    void group() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
    }

    @Test
    @DisplayName("gives an operator three web chats at once; the fourth waits for room")
    void webChatCapacity() {
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT, Channel.EMAIL);
      f.chat("s1", SALES);
      f.chat("s2", SALES);
      f.chat("s3", SALES);

      f.chat("s4", SALES);
      assertThat(f.state("s4")).isEqualTo(SessionState.QUEUED);
      f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));
      assertThat(f.holder("e1")).as("capacity is per channel").isEqualTo(alice);

      f.accept("s2", alice);
      f.end("s2", Actor.operator(alice));
      assertThat(f.holder("s4")).isEqualTo(alice);
    }

    @Test
    @DisplayName("serves higher priority first, and first come first served within a priority")
    void priorityThenFifo() {
      OperatorId alice = f.online(chatOperator("alice", 1));
      f.serve("s0", SALES, alice);
      f.arrive("s1", Entry.builder(Channel.WEB_CHAT).group(SALES).build());
      f.arrive("s2", Entry.builder(Channel.WEB_CHAT).group(SALES).build());
      f.arrive("s3", Entry.builder(Channel.WEB_CHAT).group(SALES).priority(5).build());
      f.arrive("s4", Entry.builder(Channel.WEB_CHAT).group(SALES).priority(5).build());

      assertThat(f.core.queuePosition(sid("s3"))).hasValue(1);
      assertThat(f.core.queuePosition(sid("s4"))).hasValue(2);
      assertThat(f.core.queuePosition(sid("s1"))).hasValue(3);
      assertThat(f.core.queuePosition(sid("s2"))).hasValue(4);
      String previous = "s0";
      for (String expected : List.of("s3", "s4", "s1", "s2")) {
        f.end(previous, Actor.operator(alice));
        assertThat(f.holder(expected)).as("after %s", previous).isEqualTo(alice);
        f.accept(expected, alice);
        previous = expected;
      }
    }

    @Test
    @DisplayName("lets an operator in two groups take the waiting client of the higher-priority group first")
    void groupPriority() {
      f.group(SUPPORT, b -> b.priority(5).wrapUpLimit(Duration.ZERO));
      OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice"))
          .group(SALES).group(SUPPORT).channel(Channel.WEB_CHAT, 1).build()));
      f.serve("s0", SALES, alice);
      f.arrive("s1", Entry.builder(Channel.WEB_CHAT).group(SALES).priority(10).build());
      f.chat("t1", SUPPORT);

      f.end("s0", Actor.operator(alice));
      assertThat(f.holder("t1")).isEqualTo(alice);
      assertThat(f.state("s1")).isEqualTo(SessionState.QUEUED);

      f.accept("t1", alice);
      f.end("t1", Actor.operator(alice));
      assertThat(f.holder("s1")).isEqualTo(alice);
    }
  }
}
