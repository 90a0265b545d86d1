package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.ChannelSwitched;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.OperatorStatusChanged;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionRequeued;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An operator's status and switches")
class OperatorStatusTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;
  private OperatorId bob;

  /** Alice serves s1 and is offered s2, which went to her because bob is busier. */
  @BeforeEach
  void aliceServesOneAndIsOfferedAnother() {
    f.group(SALES);
    alice = f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES)
        .channel(Channel.WEB_CHAT, 4).channel(Channel.EMAIL).build());
    bob = f.online("bob", SALES, Channel.WEB_CHAT);
    f.serve("s0", SALES, bob);
    f.serve("s00", SALES, bob);
    f.online(alice);
    f.serve("s1", SALES, alice);
    f.chat("s2", SALES);
    assertThat(f.holder("s2")).isEqualTo(alice);
  }

  @Test
  @DisplayName("a new operator is offline until he logs in")
  void newOperatorIsOffline() {
    OperatorId carol = f.operator("carol", SALES, Channel.WEB_CHAT);

    assertThat(f.core.status(carol)).contains(OperatorStatus.OFFLINE);
    assertThat(f.core.status(OperatorId.of("nobody"))).isEmpty();
  }

  @Test
  @DisplayName("going away keeps the active sessions and sends the pending offers to others")
  void away() {
    List<Event> events = f.status(alice, OperatorStatus.away("lunch"));

    assertThat(kinds(events)).containsExactly(OperatorStatusChanged.class, OfferEnded.class, SessionOffered.class);
    OperatorStatusChanged changed = (OperatorStatusChanged) events.get(0);
    assertThat(changed.from()).isEqualTo(OperatorStatus.ONLINE);
    assertThat(changed.to()).isEqualTo(OperatorStatus.away("lunch"));
    assertThat(changed.actor()).isEqualTo(Actor.operator(alice));
    OfferEnded withdrawn = (OfferEnded) events.get(1);
    assertThat(withdrawn.session()).isEqualTo(sid("s2"));
    assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
    assertThat(withdrawn.state()).isEqualTo(SessionState.QUEUED);
    assertThat(((SessionOffered) events.get(2)).operators()).containsExactly(bob);
    assertThat(f.holder("s1")).isEqualTo(alice);
    assertThat(f.state("s1")).isEqualTo(SessionState.ACTIVE);
    assertThat(f.core.status(alice)).contains(OperatorStatus.away("lunch"));

    f.chat("s3", SALES);
    assertThat(f.state("s3")).as("an away operator gets nothing new").isEqualTo(SessionState.QUEUED);
    f.end("s1", Actor.operator(alice));
    assertThat(f.state("s3")).isEqualTo(SessionState.QUEUED);
  }

  @Test
  @DisplayName("going away withdraws whole-group offers too")
  void awayWithdrawsWholeGroupOffers() {
    f.group(SUPPORT, b -> b.strategy(RoutingStrategy.WHOLE_GROUP));
    OperatorId carol = f.online("carol", SUPPORT, Channel.WEB_CHAT);
    OperatorId dave = f.online("dave", SUPPORT, Channel.WEB_CHAT);
    f.chat("t1", SUPPORT);

    OfferEnded withdrawn = one(f.status(carol, OperatorStatus.AWAY), OfferEnded.class);

    assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
    assertThat(withdrawn.state()).isEqualTo(SessionState.OFFERED);
    assertThat(f.view("t1").offeredTo()).containsExactly(dave);
  }

  @Test
  @DisplayName("logging out sends the active sessions back to their queue, and on to others")
  void offline() {
    f.apply(new Command.DefineOperator(OperatorSpec.builder(bob).group(SALES).channel(Channel.WEB_CHAT, 10).build()));

    List<Event> events = f.status(alice, OperatorStatus.OFFLINE);

    assertThat(kinds(events)).containsExactly(
        OperatorStatusChanged.class,
        SessionRequeued.class, SessionOffered.class,
        OfferEnded.class, SessionOffered.class);
    SessionRequeued requeued = (SessionRequeued) events.get(1);
    assertThat(requeued.session()).isEqualTo(sid("s1"));
    assertThat(requeued.reason()).isEqualTo(RequeueReason.OPERATOR_LOGGED_OUT);
    assertThat(requeued.previousOperator()).isEqualTo(alice);
    assertThat(requeued.group()).isEqualTo(SALES);
    assertThat(requeued.operator()).isNull();
    assertThat(requeued.actor()).isEqualTo(Actor.operator(alice));
    assertThat(((SessionOffered) events.get(2)).operators()).containsExactly(bob);
    assertThat(((OfferEnded) events.get(3)).session()).isEqualTo(sid("s2"));
    assertThat(f.holder("s1")).isEqualTo(bob);
    assertThat(f.holder("s2")).isEqualTo(bob);
    assertThat(f.state("s1")).isEqualTo(SessionState.OFFERED);
  }

  @Test
  @DisplayName("logging out sends a session back to waiting as of now, without its collaborators")
  void offlineRequeuesAsOfNow() {
    f.group(SUPPORT);
    f.group(SALES, b -> b.escalateAfter(Duration.ofMinutes(2), SUPPORT));
    f.apply(new Command.Abandon(sid("s2")));
    f.apply(new Command.InviteCollaborator(sid("s1"), alice, bob));
    f.status(bob, OperatorStatus.AWAY);
    f.advance(Duration.ofMinutes(10));

    f.status(alice, OperatorStatus.OFFLINE);

    SessionView view = f.view("s1");
    assertThat(view.state()).as("nobody is online").isEqualTo(SessionState.QUEUED);
    assertThat(view.waitingSince()).isEqualTo(f.now);
    assertThat(view.collaborators()).as("collaborators belong to an active session").isEmpty();
    assertThat(f.advance(Duration.ofMinutes(1))).as("it has waited one minute, not eleven").isEmpty();
    assertThat(f.view("s1").group()).isEqualTo(SALES);
  }

  @Test
  @DisplayName("logging in again makes him a candidate for the waiting clients")
  void backOnline() {
    f.status(alice, OperatorStatus.OFFLINE);
    f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));
    assertThat(f.state("e1")).isEqualTo(SessionState.QUEUED);

    List<Event> events = f.status(alice, OperatorStatus.ONLINE);

    assertThat(CoreFixture.only(events, SessionOffered.class))
        .extracting(SessionOffered::session)
        .as("s2, which bob had no room for, and the e-mail")
        .containsExactly(sid("s2"), sid("e1"));
    assertThat(f.holder("e1")).isEqualTo(alice);
  }

  @Test
  @DisplayName("setting the status he already has changes nothing")
  void sameStatus() {
    assertThat(f.status(alice, OperatorStatus.ONLINE)).isEmpty();
  }

  @Test
  @DisplayName("switching a channel off stops routing of that channel only")
  void switchOff() {
    f.status(bob, OperatorStatus.AWAY);
    List<Event> events = f.apply(new Command.SwitchChannel(alice, Channel.WEB_CHAT, false, Actor.operator(alice)));
    ChannelSwitched switched = one(events, ChannelSwitched.class);
    assertThat(switched.on()).isFalse();
    assertThat(switched.channel()).isEqualTo(Channel.WEB_CHAT);

    f.chat("s3", SALES);
    f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));

    assertThat(f.state("s3")).isEqualTo(SessionState.QUEUED);
    assertThat(f.holder("e1")).isEqualTo(alice);
    assertThat(f.holder("s1")).as("what he has stays").isEqualTo(alice);
    List<Event> on = f.apply(new Command.SwitchChannel(alice, Channel.WEB_CHAT, true, Actor.operator(alice)));
    assertThat(one(on, SessionOffered.class).session()).isEqualTo(sid("s3"));
  }

  @Test
  @DisplayName("a channel not assigned to him cannot be switched")
  void unassignedChannel() {
    f.rejects(new Command.SwitchChannel(bob, Channel.EMAIL, false, Actor.operator(bob)), IllegalArgumentException.class);
  }

  @Test
  @DisplayName("locked switches are refused to the operator himself but allowed to an administrator")
  void lockedSwitches() {
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().switchesLocked(true).build()));

    NotPermittedException e = f.rejects(
        new Command.SwitchChannel(alice, Channel.WEB_CHAT, false, Actor.operator(alice)), NotPermittedException.class);
    assertThat(e.actor()).isEqualTo(Actor.operator(alice));

    ChannelSwitched switched =
        one(f.apply(new Command.SwitchChannel(alice, Channel.WEB_CHAT, false, ADMIN)), ChannelSwitched.class);
    assertThat(switched.actor()).isEqualTo(ADMIN);
    f.status(bob, OperatorStatus.AWAY);
    f.chat("s3", SALES);
    assertThat(f.state("s3")).isEqualTo(SessionState.QUEUED);
  }

  @Test
  @DisplayName("time away does not count as idle time once he is back")
  void idleRestartsOnLogin() {
    f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
    f.end("s1", Actor.operator(alice));
    f.accept("s2", alice);
    f.end("s2", Actor.operator(alice));
    f.end("s0", Actor.operator(bob));
    f.end("s00", Actor.operator(bob));
    f.advance(Duration.ofMinutes(1));
    f.status(alice, OperatorStatus.OFFLINE);
    f.advance(Duration.ofMinutes(1));

    f.status(alice, OperatorStatus.ONLINE);
    f.chat("s3", SALES);

    assertThat(f.holder("s3")).as("bob has been idle since before alice came back").isEqualTo(bob);
  }

  @Test
  @DisplayName("with the tenant's own away reasons, an away status carries one of them, the engine's own or none")
  void awayReasons() {
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().awayReasons(List.of("lunch", "training")).build()));

    f.rejects(new Command.SetStatus(bob, OperatorStatus.away("coffee")), IllegalArgumentException.class);

    assertThat(f.status(bob, OperatorStatus.away("lunch"))).isNotEmpty();
    assertThat(f.status(bob, OperatorStatus.AWAY)).isNotEmpty();
    assertThat(f.status(bob, OperatorStatus.away(TenantSettings.DISCONNECTED))).isNotEmpty();
    assertThatThrownBy(() -> TenantSettings.builder().awayReasons(List.of("lunch"))
        .goneOperatorStatus(OperatorStatus.away("asleep")).build()).hasMessageContaining("asleep");
    assertThatThrownBy(() -> TenantSettings.builder().awayReasons(List.of("lunch", "lunch"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> TenantSettings.builder().tag("vip", "blue")).hasMessageContaining("#1e88e5");
  }
}
