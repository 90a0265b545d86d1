package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionRequeued;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Redirects and escalation")
class RedirectAndEscalationTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;
  private OperatorId bob;

  /** Alice serves sales one chat at a time; bob serves support. */
  @BeforeEach
  void salesAndSupport() {
    f.group(SALES);
    f.group(SUPPORT);
    alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES)
        .channel(Channel.WEB_CHAT, 1).build()));
    bob = f.online("bob", SUPPORT, Channel.WEB_CHAT);
  }

  private List<Event> redirectToGroup(String session, Actor by, String note) {
    return f.apply(Command.Redirect.toGroup(sid(session), by, SUPPORT, note));
  }

  @Nested
  @DisplayName("to a group")
  class ToGroup {
    @Test
    @DisplayName("before acceptance, from the preview, with a note the next operator sees")
    void waitingSession() {
      f.serve("s0", SALES, alice);
      f.chat("s1", SALES);
      assertThat(f.core.waitingFor(alice)).extracting(SessionView::id).containsExactly(sid("s1"));

      List<Event> events = redirectToGroup("s1", Actor.operator(alice), "wants a refund");

      assertThat(kinds(events)).containsExactly(SessionRequeued.class, SessionOffered.class);
      SessionRequeued requeued = (SessionRequeued) events.get(0);
      assertThat(requeued.reason()).isEqualTo(RequeueReason.REDIRECTED);
      assertThat(requeued.actor()).isEqualTo(Actor.operator(alice));
      assertThat(requeued.previousOperator()).isNull();
      assertThat(requeued.group()).isEqualTo(SUPPORT);
      assertThat(requeued.operator()).isNull();
      assertThat(requeued.note()).isEqualTo("wants a refund");
      SessionOffered offered = (SessionOffered) events.get(1);
      assertThat(offered.group()).isEqualTo(SUPPORT);
      assertThat(offered.operators()).containsExactly(bob);
      SessionView view = f.view("s1");
      assertThat(view.group()).isEqualTo(SUPPORT);
      assertThat(view.notes()).containsExactly(new SessionView.Note(f.now, Actor.operator(alice), "wants a refund"));
      assertThat(f.core.counts(SALES).waiting()).isZero();
    }

    @Test
    @DisplayName("while it is offered, by the operator it is offered to")
    void offeredSession() {
      f.chat("s1", SALES);

      List<Event> events = redirectToGroup("s1", Actor.operator(alice), "not mine");

      assertThat(kinds(events)).containsExactly(OfferEnded.class, SessionRequeued.class, SessionOffered.class);
      OfferEnded withdrawn = (OfferEnded) events.get(0);
      assertThat(withdrawn.operator()).isEqualTo(alice);
      assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
      assertThat(withdrawn.state()).isEqualTo(SessionState.QUEUED);
      assertThat(((SessionRequeued) events.get(1)).previousOperator()).isEqualTo(alice);
      assertThat(f.holder("s1")).isEqualTo(bob);
    }

    @Test
    @DisplayName("after acceptance, freeing the operator for the next client")
    void activeSession() {
      f.serve("s1", SALES, alice);
      f.chat("s2", SALES);

      List<Event> events = redirectToGroup("s1", Actor.operator(alice), "for support");

      assertThat(kinds(events)).containsExactly(SessionRequeued.class, SessionOffered.class, SessionOffered.class);
      assertThat(((SessionRequeued) events.get(0)).previousOperator()).isEqualTo(alice);
      assertThat(f.holder("s1")).isEqualTo(bob);
      assertThat(f.state("s1")).isEqualTo(SessionState.OFFERED);
      assertThat(f.holder("s2")).isEqualTo(alice);
      f.accept("s1", bob);
      assertThat(f.view("s1").notes()).extracting(SessionView.Note::text).containsExactly("for support");
    }

    @Test
    @DisplayName("carries the earlier notes along, oldest first")
    void notesTravel() {
      f.serve("s1", SALES, alice);
      f.apply(new Command.AddNote(sid("s1"), Actor.operator(alice), "order 1234"));
      f.advance(Duration.ofSeconds(10));

      redirectToGroup("s1", Actor.operator(alice), "refund please");
      f.accept("s1", bob);

      assertThat(f.view("s1").notes())
          .extracting(SessionView.Note::text)
          .containsExactly("order 1234", "refund please");
    }
  }

  @Nested
  @DisplayName("to an operator")
  class ToOperator {
    private OperatorId carol;

    @BeforeEach
    void carolInSupport() {
      carol = f.online(f.operator(OperatorSpec.builder(OperatorId.of("carol")).group(SUPPORT)
          .channel(Channel.WEB_CHAT, 1).build()));
    }

    @Test
    @DisplayName("after acceptance, offering it to him alone")
    void activeSession() {
      f.serve("s1", SALES, alice);

      List<Event> events =
          f.apply(Command.Redirect.toOperator(sid("s1"), Actor.operator(alice), carol, "she knows the case"));

      assertThat(kinds(events)).containsExactly(SessionRequeued.class, SessionOffered.class);
      SessionRequeued requeued = (SessionRequeued) events.get(0);
      assertThat(requeued.operator()).isEqualTo(carol);
      assertThat(requeued.group()).isNull();
      assertThat(requeued.previousOperator()).isEqualTo(alice);
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(carol);
      f.accept("s1", carol);
      assertThat(f.holder("s1")).isEqualTo(carol);
      assertThat(f.view("s1").notes()).extracting(SessionView.Note::text).containsExactly("she knows the case");
    }

    @Test
    @DisplayName("before acceptance; when he has no room it waits for him alone")
    void waitsForHim() {
      f.status(bob, OperatorStatus.AWAY);
      f.serve("c0", SUPPORT, carol);
      f.status(bob, OperatorStatus.ONLINE);
      f.chat("s1", SALES);

      f.apply(Command.Redirect.toOperator(sid("s1"), Actor.operator(alice), carol, null));

      SessionView view = f.view("s1");
      assertThat(view.state()).isEqualTo(SessionState.QUEUED);
      assertThat(view.waitsFor()).isEqualTo(carol);
      assertThat(f.core.waitingFor(carol)).extracting(SessionView::id).containsExactly(sid("s1"));
      assertThat(f.core.waitingFor(bob)).isEmpty();
      f.end("c0", Actor.operator(carol));
      f.apply(new Command.CompleteWrapUp(sid("c0"), carol, "done", null));
      assertThat(f.holder("s1")).isEqualTo(carol);
    }

    @Test
    @DisplayName("is refused when the channel is not assigned to him, or he has it already")
    void refusals() {
      OperatorId erin = f.operator("erin", SUPPORT, Channel.EMAIL);
      f.serve("s1", SALES, alice);

      f.rejects(Command.Redirect.toOperator(sid("s1"), Actor.operator(alice), erin, null), CapacityExceededException.class);
      f.rejects(Command.Redirect.toOperator(sid("s1"), ADMIN, alice, null), IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("permissions")
  class Permissions {
    @Test
    @DisplayName("an operator may not redirect a session that is neither his nor waiting in his groups")
    void notHis() {
      OperatorId dave = f.online(f.operator("dave", SALES, Channel.EMAIL));
      f.chat("s1", SALES);
      f.accept("s1", alice);
      f.chat("s2", SALES);

      f.rejects(Command.Redirect.toGroup(sid("s2"), Actor.operator(bob), SUPPORT, null), NotPermittedException.class);
      f.rejects(Command.Redirect.toGroup(sid("s1"), Actor.operator(dave), SUPPORT, null), NotPermittedException.class);
      f.rejects(Command.Redirect.toGroup(sid("s1"), Actor.CLIENT, SUPPORT, null), NotPermittedException.class);
      assertThat(f.apply(Command.Redirect.toGroup(sid("s2"), Actor.operator(dave), SUPPORT, null)))
          .as("dave sees s2 waiting in his group").isNotEmpty();
    }

    @Test
    @DisplayName("an administrator re-routes any live session, accepted or not")
    void admin() {
      f.serve("s1", SALES, alice);
      f.chat("s2", SALES);

      SessionRequeued first = (SessionRequeued) redirectToGroup("s1", ADMIN, "re-routed").get(0);
      f.apply(Command.Redirect.toOperator(sid("s2"), ADMIN, bob, null));

      assertThat(first.actor()).isEqualTo(ADMIN);
      assertThat(first.previousOperator()).isEqualTo(alice);
      assertThat(f.holder("s1")).isEqualTo(bob);
      assertThat(f.holder("s2")).isEqualTo(bob);
    }

    @Test
    @DisplayName("a session that is over or in wrap-up cannot be redirected, nor to an unknown group")
    void illegal() {
      f.serve("s1", SALES, alice);
      f.rejects(Command.Redirect.toGroup(sid("s1"), ADMIN, GroupId.of("nowhere"), null), NoSuchGroupException.class);
      f.end("s1", Actor.operator(alice));

      f.rejects(Command.Redirect.toGroup(sid("s1"), ADMIN, SUPPORT, null), IllegalTransitionException.class);
    }
  }

  @Nested
  @DisplayName("escalation")
  class Escalation {
    @BeforeEach
    void salesEscalatesToSupport() {
      f.group(SALES, b -> b.escalateAfter(Duration.ofMinutes(2), SUPPORT));
    }

    @Test
    @DisplayName("moves a client who waited too long to the other group")
    void escalates() {
      f.serve("s0", SALES, alice);
      f.chat("s1", SALES);
      var arrivedAt = f.now;

      assertThat(f.advance(Duration.ofMinutes(2).minusNanos(1))).isEmpty();
      List<Event> events = f.advance(Duration.ofNanos(1));

      assertThat(kinds(events)).containsExactly(SessionRequeued.class, SessionOffered.class);
      SessionRequeued requeued = (SessionRequeued) events.get(0);
      assertThat(requeued.reason()).isEqualTo(RequeueReason.ESCALATED);
      assertThat(requeued.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(requeued.group()).isEqualTo(SUPPORT);
      assertThat(requeued.at()).isEqualTo(arrivedAt.plus(Duration.ofMinutes(2)));
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(bob);
      assertThat(f.view("s1").group()).isEqualTo(SUPPORT);
    }

    @Test
    @DisplayName("keeps the client's place by arrival in the other group's queue")
    void keepsPlace() {
      f.operator(OperatorSpec.builder(bob).group(SUPPORT).channel(Channel.WEB_CHAT, 1).build());
      f.serve("s0", SALES, alice);
      f.serve("t0", SUPPORT, bob);
      f.chat("s1", SALES);
      f.advance(Duration.ofMinutes(1));
      f.chat("t1", SUPPORT);

      f.advance(Duration.ofMinutes(1));

      assertThat(f.view("s1").group()).isEqualTo(SUPPORT);
      assertThat(f.core.queuePosition(sid("s1"))).hasValue(1);
      assertThat(f.core.queuePosition(sid("t1"))).hasValue(2);
    }

    @Test
    @DisplayName("does not move a client who was served in time")
    void servedInTime() {
      f.group(SALES, b -> b.escalateAfter(Duration.ofMinutes(2), SUPPORT).wrapUpLimit(Duration.ZERO));
      f.serve("s0", SALES, alice);
      f.chat("s1", SALES);
      f.advance(Duration.ofMinutes(1));
      f.end("s0", Actor.operator(alice));
      f.accept("s1", alice);

      assertThat(f.advance(Duration.ofMinutes(5))).isEmpty();
      assertThat(f.view("s1").group()).isEqualTo(SALES);
    }
  }
}
