package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.DuplicateException;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.InvitationNotValidException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionState;
import dev.parley.core.StillInUseException;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.OfferEnded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command the core cannot carry out throws its typed exception and leaves everything a
 * reader can see as it was.
 */
@DisplayName("An illegal command")
class IllegalCommandsTest {
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final OperatorId BOB = OperatorId.of("bob");
  private static final OperatorId CAROL = OperatorId.of("carol");
  private static final OperatorId NOBODY = OperatorId.of("nobody");
  private static final GroupId NOWHERE = GroupId.of("nowhere");

  /**
   * Sessions in every state: "active" and "wrapup" with alice (full on web chat), "offered" to bob
   * (full), "queued" behind them, "ended" (WhatsApp), "abandoned". Carol, of support, is offline.
   */
  private static CoreFixture world() {
    CoreFixture f = new CoreFixture();
    f.group(SALES);
    f.group(SUPPORT);
    f.operator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 2).channel(Channel.WHATSAPP).build());
    f.operator(OperatorSpec.builder(BOB).group(SALES).channel(Channel.WEB_CHAT, 1).build());
    f.operator("carol", SUPPORT, Channel.WEB_CHAT);
    f.online(ALICE);
    f.serve("active", SALES, ALICE);
    f.serve("wrapup", SALES, ALICE);
    f.end("wrapup", Actor.operator(ALICE));
    f.online(BOB);
    f.chat("offered", SALES);
    f.chat("queued", SALES);
    f.arrive("ended", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777"));
    f.accept("ended", ALICE);
    f.end("ended", Actor.CLIENT);
    f.apply(new Command.CompleteWrapUp(sid("ended"), ALICE, "done", null));
    f.chat("abandoned", SALES);
    f.apply(new Command.Abandon(sid("abandoned")));
    f.advance(Duration.ofSeconds(5));
    assertThat(List.of(f.state("active"), f.state("wrapup"), f.state("offered"), f.state("queued"),
            f.state("ended"), f.state("abandoned")))
        .containsExactly(SessionState.ACTIVE, SessionState.WRAP_UP, SessionState.OFFERED, SessionState.QUEUED,
            SessionState.ENDED, SessionState.ABANDONED);
    assertThat(f.holder("offered")).isEqualTo(BOB);
    return f;
  }

  private record Case(String name, Command command, Class<? extends Throwable> thrown) {}

  private static Case refuse(String name, Command command, Class<? extends Throwable> thrown) {
    return new Case(name, command, thrown);
  }

  @TestFactory
  @DisplayName("throws its typed exception and changes nothing")
  Stream<DynamicTest> refusedWithoutChange() {
    List<Case> cases = new ArrayList<>(List.of(
        // unknown ids
        refuse("accepting an unknown session", new Command.Accept(sid("nope"), ALICE), NoSuchSessionException.class),
        refuse("accepting as an unknown operator", new Command.Accept(sid("offered"), NOBODY), NoSuchOperatorException.class),
        refuse("abandoning an unknown session", new Command.Abandon(sid("nope")), NoSuchSessionException.class),
        refuse("noting an unknown session", new Command.AddNote(sid("nope"), ADMIN, "x"), NoSuchSessionException.class),
        refuse("feedback on an unknown session", new Command.Feedback(sid("nope"), 3, null), NoSuchSessionException.class),
        refuse("reopening an unknown session", new Command.Reopen(sid("nope"), sid("n2"), ADMIN), NoSuchSessionException.class),
        refuse("setting an unknown operator's status", new Command.SetStatus(NOBODY, OperatorStatus.ONLINE),
            NoSuchOperatorException.class),
        refuse("setting an unknown operator's phone line", new Command.SetPhoneLine(NOBODY, true),
            NoSuchOperatorException.class),
        refuse("switching an unknown operator's channel",
            new Command.SwitchChannel(NOBODY, Channel.WEB_CHAT, false, ADMIN), NoSuchOperatorException.class),
        refuse("removing an unknown operator", new Command.RemoveOperator(NOBODY), NoSuchOperatorException.class),
        refuse("removing an unknown group", new Command.RemoveGroup(NOWHERE), NoSuchGroupException.class),
        refuse("arriving for an unknown group", new Command.Arrive(sid("n1"), CoreFixture.chat(NOWHERE)),
            NoSuchGroupException.class),
        refuse("redirecting to an unknown group", Command.Redirect.toGroup(sid("queued"), ADMIN, NOWHERE, null),
            NoSuchGroupException.class),
        refuse("redirecting to an unknown operator", Command.Redirect.toOperator(sid("queued"), ADMIN, NOBODY, null),
            NoSuchOperatorException.class),
        refuse("inviting an unknown collaborator", new Command.InviteCollaborator(sid("active"), ALICE, NOBODY),
            NoSuchOperatorException.class),
        refuse("invalidating an unknown invitation", new Command.InvalidateInvitation("123456", ADMIN),
            InvitationNotValidException.class),
        refuse("entering with an unknown code",
            new Command.Arrive(sid("n1"), Entry.builder(Channel.WEB_CHAT).invitationCode("123456").build()),
            InvitationNotValidException.class),
        refuse("defining an operator in an unknown group",
            new Command.DefineOperator(OperatorSpec.builder(OperatorId.of("dave")).group(NOWHERE).build()),
            NoSuchGroupException.class),
        refuse("defining a group escalating to an unknown one",
            new Command.DefineGroup(GroupSpec.builder(SALES).escalateAfter(Duration.ofMinutes(1), NOWHERE).build()),
            NoSuchGroupException.class),
        refuse("configuring a rule to an unknown group",
            new Command.ConfigureTenant(TenantSettings.builder().rules(List.of(RoutingRule.to(NOWHERE).build())).build()),
            NoSuchGroupException.class),
        refuse("configuring an unknown default group",
            new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(NOWHERE).build()),
            NoSuchGroupException.class),
        // duplicates
        refuse("arriving with a session id in use", new Command.Arrive(sid("queued"), CoreFixture.chat(SALES)),
            DuplicateException.class),
        refuse("reopening into a session id in use", new Command.Reopen(sid("ended"), sid("queued"), ADMIN),
            DuplicateException.class),
        // wrong state
        refuse("accepting a queued session", new Command.Accept(sid("queued"), ALICE), IllegalTransitionException.class),
        refuse("accepting an active session", new Command.Accept(sid("active"), ALICE), IllegalTransitionException.class),
        refuse("accepting an ended session", new Command.Accept(sid("ended"), ALICE), IllegalTransitionException.class),
        refuse("declining a queued session", new Command.Decline(sid("queued"), BOB), IllegalTransitionException.class),
        refuse("declining an active session", new Command.Decline(sid("active"), ALICE), IllegalTransitionException.class),
        refuse("abandoning an active session", new Command.Abandon(sid("active")), IllegalTransitionException.class),
        refuse("abandoning a session in wrap-up", new Command.Abandon(sid("wrapup")), IllegalTransitionException.class),
        refuse("abandoning an abandoned session", new Command.Abandon(sid("abandoned")), IllegalTransitionException.class),
        refuse("ending a queued session", new Command.End(sid("queued"), ADMIN), IllegalTransitionException.class),
        refuse("ending an offered session", new Command.End(sid("offered"), Actor.operator(BOB)),
            IllegalTransitionException.class),
        refuse("ending a session in wrap-up", new Command.End(sid("wrapup"), ADMIN), IllegalTransitionException.class),
        refuse("ending an ended session", new Command.End(sid("ended"), ADMIN), IllegalTransitionException.class),
        refuse("wrapping up an active session", new Command.CompleteWrapUp(sid("active"), ALICE, "x", null),
            IllegalTransitionException.class),
        refuse("wrapping up an ended session", new Command.CompleteWrapUp(sid("ended"), ALICE, "x", null),
            IllegalTransitionException.class),
        refuse("redirecting a session in wrap-up", Command.Redirect.toGroup(sid("wrapup"), ADMIN, SUPPORT, null),
            IllegalTransitionException.class),
        refuse("redirecting an ended session", Command.Redirect.toGroup(sid("ended"), ADMIN, SUPPORT, null),
            IllegalTransitionException.class),
        refuse("inviting into a queued session", new Command.InviteCollaborator(sid("queued"), ALICE, BOB),
            IllegalTransitionException.class),
        refuse("feedback on an active session", new Command.Feedback(sid("active"), 5, null),
            IllegalTransitionException.class),
        refuse("feedback on an abandoned session", new Command.Feedback(sid("abandoned"), 5, null),
            IllegalTransitionException.class),
        refuse("reopening an active session", new Command.Reopen(sid("active"), sid("n2"), ADMIN),
            IllegalTransitionException.class),
        refuse("reopening an abandoned session", new Command.Reopen(sid("abandoned"), sid("n2"), ADMIN),
            IllegalTransitionException.class),
        refuse("an offline form for an unknown session", new Command.SubmitOfflineForm(sid("nope"), Map.of("text", "x")),
            NoSuchSessionException.class),
        refuse("an offline form for a served session", new Command.SubmitOfflineForm(sid("active"), Map.of("text", "x")),
            IllegalTransitionException.class),
        refuse("a transcript of an unknown session", new Command.SendTranscript(sid("nope"), ADMIN, "a@b.cz"),
            NoSuchSessionException.class),
        refuse("a transcript of a queued session", new Command.SendTranscript(sid("queued"), ADMIN, "a@b.cz"),
            IllegalTransitionException.class),
        refuse("a transcript of an abandoned session", new Command.SendTranscript(sid("abandoned"), Actor.CLIENT, "a@b.cz"),
            IllegalTransitionException.class),
        refuse("a transcript of another operator's session",
            new Command.SendTranscript(sid("active"), Actor.operator(BOB), "a@b.cz"), NotPermittedException.class),
        // not his
        refuse("accepting a session offered to another", new Command.Accept(sid("offered"), ALICE),
            NotPermittedException.class),
        refuse("declining a session offered to another", new Command.Decline(sid("offered"), ALICE),
            NotPermittedException.class),
        refuse("ending another operator's session", new Command.End(sid("active"), Actor.operator(BOB)),
            NotPermittedException.class),
        refuse("wrapping up another operator's session", new Command.CompleteWrapUp(sid("wrapup"), BOB, "x", null),
            NotPermittedException.class),
        refuse("redirecting another operator's session",
            Command.Redirect.toGroup(sid("active"), Actor.operator(BOB), SUPPORT, null), NotPermittedException.class),
        refuse("redirecting a session waiting outside his groups",
            Command.Redirect.toGroup(sid("queued"), Actor.operator(CAROL), SUPPORT, null), NotPermittedException.class),
        refuse("inviting into another operator's session", new Command.InviteCollaborator(sid("active"), BOB, CAROL),
            NotPermittedException.class),
        refuse("inviting an offline collaborator", new Command.InviteCollaborator(sid("active"), ALICE, CAROL),
            NotPermittedException.class),
        refuse("editing the client of an unknown session", new Command.EditClient(sid("nope"), ADMIN, "email", "a@b.cz"),
            NoSuchSessionException.class),
        refuse("editing the client of another operator's session",
            new Command.EditClient(sid("active"), Actor.operator(BOB), "email", "a@b.cz"), NotPermittedException.class),
        refuse("editing the client of a session waiting for him",
            new Command.EditClient(sid("offered"), Actor.operator(BOB), "name", "Jana"), NotPermittedException.class),
        refuse("a client editing himself", new Command.EditClient(sid("active"), Actor.CLIENT, "name", "Jana"),
            NotPermittedException.class),
        refuse("a client posting a hero card", new Command.PostMessage(sid("active"), Actor.CLIENT, "card-1", "Shirt",
            List.of(), new OutboundMessage.Card("Shirt", "", null, List.of())), NotPermittedException.class),
        refuse("posting a card into another operator's session", new Command.PostMessage(sid("active"),
            Actor.operator(BOB), "card-1", "Shirt", List.of(), new OutboundMessage.Card("Shirt", "", null, List.of())),
            NotPermittedException.class),
        refuse("blocking the client of a session he does not serve", new Command.BlockClientOf(sid("queued"), ALICE, "x"),
            NotPermittedException.class),
        // argument mistakes found against the state
        refuse("blocking an anonymous web visitor", new Command.BlockClientOf(sid("active"), ALICE, "x"),
            IllegalArgumentException.class),
        refuse("leaving a session he does not collaborate on", new Command.LeaveCollaboration(sid("active"), BOB),
            IllegalArgumentException.class),
        refuse("switching a channel not assigned to him", new Command.SwitchChannel(BOB, Channel.EMAIL, false, ADMIN),
            IllegalArgumentException.class),
        // still in use
        refuse("removing a group with members", new Command.RemoveGroup(SALES), StillInUseException.class),
        refuse("removing an online operator", new Command.RemoveOperator(ALICE), StillInUseException.class),
        refuse("switching a group with waiting clients to the whole group",
            new Command.DefineGroup(GroupSpec.builder(SALES).strategy(RoutingStrategy.WHOLE_GROUP).build()),
            StillInUseException.class),
        refuse("lowering a capacity below the load",
            new Command.DefineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1)
                .channel(Channel.WHATSAPP).build()),
            CapacityExceededException.class),
        refuse("taking away a channel in use",
            new Command.DefineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WHATSAPP).build()),
            CapacityExceededException.class)));
    return cases.stream().map(c -> dynamicTest(
        c.name() + " is refused with " + c.thrown().getSimpleName(),
        () -> world().rejects(c.command(), c.thrown())));
  }

  @Test
  @DisplayName("after deadlines that fell due still lets them fire, and changes nothing itself")
  void deadlinesBeforeAFailedCommand() {
    CoreFixture f = world();
    f.now = f.now.plus(Duration.ofSeconds(40));
    List<Event> sink = new ArrayList<>();

    assertThatThrownBy(() -> f.core.apply(new Command.Accept(sid("queued"), ALICE), f.now, sink))
        .isInstanceOf(IllegalTransitionException.class);

    assertThat(CoreFixture.only(sink, OfferEnded.class))
        .as("bob's offer timed out before the command")
        .extracting(OfferEnded::session)
        .containsExactly(sid("offered"));
    assertThat(f.core.now()).isEqualTo(f.now);
  }

  @Test
  @DisplayName("at an instant before the last one is refused: time runs forward")
  void timeRunsForward() {
    CoreFixture f = world();
    CoreFixture.Snapshot before = f.snapshot();

    assertThatThrownBy(() -> f.core.apply(new Command.Abandon(sid("queued")), f.now.minusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("leaves the core working: the next legal command goes through")
  void coreStillWorks() {
    CoreFixture f = world();
    f.rejects(new Command.Accept(sid("offered"), ALICE), NotPermittedException.class);

    f.accept("offered", BOB);

    assertThat(f.state("offered")).isEqualTo(SessionState.ACTIVE);
  }
}
