package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event.RefusalReason;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each check passes on the right state, and fails on a wrong one saying what it expected and found. */
@DisplayName("Session assertions")
class SessionAssertTest {
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId SUPPORT = GroupId.of("support");
  static final GroupId TEAM = GroupId.of("team");

  private TestContactCenter center;
  private ScriptedOperator alice;
  private ScriptedOperator bob;

  @BeforeEach
  void desk() {
    center = TestContactCenter.create();
    center.group(GroupSpec.builder(SALES).strategy(RoutingStrategy.FIXED_ORDER).offerTimeout(Duration.ofSeconds(20)).build())
        .group(GroupSpec.builder(SUPPORT).build())
        .group(GroupSpec.builder(TEAM).strategy(RoutingStrategy.WHOLE_GROUP).build());
    alice = center.operator(OperatorSpec.builder(OperatorId.of("alice"))
        .group(SALES, 0).group(TEAM).channel(Channel.WEB_CHAT, 1).build()).online();
    bob = center.operator(OperatorSpec.builder(OperatorId.of("bob"))
        .group(SALES, 1).group(TEAM).channel(Channel.WEB_CHAT, 1).build()).online();
  }

  @AfterEach
  void close() {
    center.close();
  }

  private ScriptedClient chat(GroupId group) {
    return center.arrive(Entry.builder(Channel.WEB_CHAT).group(group).build());
  }

  /** Expects an {@link AssertionError} whose message has every fragment, plus the story and the explanation. */
  private static void fails(ThrowingCallable check, String... fragments) {
    assertThatThrownBy(check).isInstanceOf(AssertionError.class)
        .hasMessageContainingAll(fragments)
        .hasMessageContaining("What happened to ")
        .hasMessageContaining("The engine's explanation:");
  }

  @Nested
  @DisplayName("isQueued")
  class IsQueued {
    @Test
    @DisplayName("passes while the session waits, and names the offer when it is offered instead")
    void queued() {
      ScriptedClient first = chat(SALES);
      chat(SALES);
      ScriptedClient third = chat(SALES);

      third.assertThat().isQueued();
      fails(() -> first.assertThat().isQueued(),
          "Expected session-1 to be QUEUED", "but it is OFFERED to [alice] in group sales");
    }
  }

  @Nested
  @DisplayName("isOfferedTo and isOfferedToAll")
  class IsOffered {
    @Test
    @DisplayName("isOfferedTo passes for the operator offered, and fails for another with the candidates")
    void offeredTo() {
      ScriptedClient jana = chat(SALES);

      jana.assertThat().isOfferedTo(alice);
      fails(() -> jana.assertThat().isOfferedTo(bob),
          "Expected session-1 to be offered to bob", "but it is OFFERED to [alice] in group sales",
          "offered to [alice] from group sales", "last offer: alice", "candidate bob");
    }

    @Test
    @DisplayName("isOfferedToAll passes for exactly the whole group, and fails for part of it")
    void offeredToAll() {
      ScriptedClient jana = chat(TEAM);

      jana.assertThat().isOfferedToAll(bob, alice).isOfferedTo(bob);
      fails(() -> jana.assertThat().isOfferedToAll(alice),
          "to be offered to all of [alice] and no one else", "but it is OFFERED to [alice, bob] in group team");
    }

    @Test
    @DisplayName("isOfferedTo fails on a session nobody was offered, saying where it waits")
    void notOffered() {
      alice.accept(chat(SALES));
      bob.accept(chat(SALES));
      ScriptedClient jana = chat(SALES);

      fails(() -> jana.assertThat().isOfferedTo(alice),
          "to be offered to alice", "but it is QUEUED in group sales at position 1", "excluded  alice: FULL");
    }
  }

  @Nested
  @DisplayName("isActiveWith, isInWrapUp and isEnded")
  class Serving {
    @Test
    @DisplayName("isActiveWith passes for the serving operator, and fails for another")
    void activeWith() {
      ScriptedClient jana = chat(SALES);
      fails(() -> jana.assertThat().isActiveWith(alice), "to be ACTIVE with alice", "but it is OFFERED to [alice]");

      alice.accept(jana);

      jana.assertThat().isActiveWith(alice);
      fails(() -> jana.assertThat().isActiveWith(bob),
          "to be ACTIVE with bob", "but it is ACTIVE with alice (group sales)", "accepted by alice");
    }

    @Test
    @DisplayName("isInWrapUp passes after the end, and fails while the conversation goes on")
    void wrapUp() {
      ScriptedClient jana = chat(SALES);
      alice.accept(jana);
      fails(() -> jana.assertThat().isInWrapUp(), "to be WRAP_UP", "but it is ACTIVE with alice");

      alice.end(jana);

      jana.assertThat().isInWrapUp();
    }

    @Test
    @DisplayName("isEnded passes after the wrap-up, and fails during it")
    void ended() {
      ScriptedClient jana = chat(SALES);
      alice.accept(jana).end(jana);
      fails(() -> jana.assertThat().isEnded(), "to be ENDED", "but it is in WRAP_UP with alice");

      alice.wrapUp(jana, "sold");

      jana.assertThat().isEnded().hasState(SessionState.ENDED).inGroup(SALES);
      fails(() -> jana.assertThat().isActiveWith(alice), "to be ACTIVE with alice", "but it is ENDED (last in group sales)",
          "wrap-up completed by alice: sold");
    }

    @Test
    @DisplayName("isEnded passes when the wrap-up limit runs out")
    void wrapUpTimesOut() {
      ScriptedClient jana = chat(SALES);
      alice.accept(jana).end(jana);

      center.advance(Duration.ofMinutes(2));

      jana.assertThat().isEnded();
    }
  }

  @Nested
  @DisplayName("isAbandoned and wasRefused")
  class NotServed {
    @Test
    @DisplayName("isAbandoned passes after the client left the queue, and fails while he waits")
    void abandoned() {
      ScriptedClient jana = chat(SALES);
      fails(() -> jana.assertThat().isAbandoned(), "to be ABANDONED", "but it is OFFERED to [alice]");

      jana.abandon();

      jana.assertThat().isAbandoned();
    }

    @Test
    @DisplayName("wasRefused passes for the reason given, and fails for another without an explanation to give")
    void refused() {
      ScriptedClient lost = center.arrive(Entry.builder(Channel.WEB_CHAT).build());

      lost.assertThat().wasRefused(RefusalReason.NO_ROUTE).hasState(SessionState.REFUSED);
      fails(() -> lost.assertThat().wasRefused(RefusalReason.QUEUE_FULL),
          "to have been REFUSED (QUEUE_FULL)", "but it is REFUSED (NO_ROUTE)", "refused: NO_ROUTE",
          "the engine does not know session-1");
    }

    @Test
    @DisplayName("wasRefused fails on a session that was let in")
    void notRefused() {
      ScriptedClient jana = chat(SALES);

      fails(() -> jana.assertThat().wasRefused(RefusalReason.NOBODY_ONLINE),
          "to have been REFUSED (NOBODY_ONLINE)", "but it is OFFERED to [alice]");
    }
  }

  @Nested
  @DisplayName("inGroup, waitsFor and atPosition")
  class Where {
    @Test
    @DisplayName("inGroup passes for the session's group, and fails for another")
    void inGroup() {
      ScriptedClient jana = chat(SALES);

      jana.assertThat().inGroup(SALES);
      fails(() -> jana.assertThat().inGroup(SUPPORT), "to be in group support", "but it is OFFERED to [alice] in group sales");
    }

    @Test
    @DisplayName("waitsFor passes for the operator a redirect named, and fails for another")
    void waitsFor() {
      ScriptedClient busy = chat(SALES);
      ScriptedClient other = chat(SALES);
      alice.accept(busy);
      bob.accept(other);

      alice.redirectTo(busy, bob, "asks for Bob");

      busy.assertThat().waitsFor(bob).isQueued().hasNote("asks for Bob");
      fails(() -> busy.assertThat().waitsFor(alice), "to wait for operator alice", "but it is QUEUED for operator bob at position 1");
    }

    @Test
    @DisplayName("atPosition passes for the place in the queue, and fails for another")
    void atPosition() {
      chat(SALES);
      chat(SALES);
      chat(SALES);
      ScriptedClient fourth = chat(SALES);

      fourth.assertThat().isQueued().atPosition(2);
      fails(() -> fourth.assertThat().atPosition(1), "to wait at position 1", "but it is QUEUED in group sales at position 2");
    }
  }

  @Nested
  @DisplayName("hasNote and wasOfferedTo")
  class History {
    @Test
    @DisplayName("hasNote passes for a redirect's note, and fails for another text listing the notes")
    void note() {
      ScriptedClient jana = chat(SALES);
      alice.accept(jana).redirect(jana, SUPPORT, "wants a refund");

      jana.assertThat().hasNote("wants a refund").inGroup(SUPPORT);
      fails(() -> jana.assertThat().hasNote("wants a discount"),
          "to have the note \"wants a discount\"", "but it has the notes [wants a refund]");
    }

    @Test
    @DisplayName("wasOfferedTo passes for the offers in order, and fails for another order")
    void offers() {
      ScriptedClient jana = chat(SALES);
      center.advance(Duration.ofSeconds(20));

      jana.assertThat().wasOfferedTo(alice, bob);
      fails(() -> jana.assertThat().wasOfferedTo(bob, alice),
          "to have been offered to [bob, alice], in this order", "but it was offered to [alice, bob]; it is OFFERED to [bob]",
          "offer to alice ended: TIMED_OUT");
    }
  }

  @Test
  @DisplayName("a check of a session that never arrived says so")
  void unknownSession() {
    ScriptedClient ghost = center.client(SessionId.of("ghost"));

    fails(() -> ghost.assertThat().isQueued(),
        "Expected ghost to be QUEUED", "but it is unknown to the engine: no event names it", "it never arrived");
  }
}
