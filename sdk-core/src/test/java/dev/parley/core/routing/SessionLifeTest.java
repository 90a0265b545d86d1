package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.ClientBlocked;
import dev.parley.core.event.Event.CollaboratorChanged;
import dev.parley.core.event.Event.EndReason;
import dev.parley.core.event.Event.FeedbackGiven;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.RefusalReason;
import dev.parley.core.event.Event.SessionAbandoned;
import dev.parley.core.event.Event.SessionAccepted;
import dev.parley.core.event.Event.SessionEnded;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionQueued;
import dev.parley.core.event.Event.SessionRefused;
import dev.parley.core.event.Event.WrapUpCompleted;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A session's life")
class SessionLifeTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;

  @BeforeEach
  void salesWithAliceOnline() {
    f.group(SALES);
    alice = f.online("alice", SALES, Channel.WEB_CHAT, Channel.WHATSAPP, Channel.EMAIL);
  }

  @Nested
  @DisplayName("from arrival to the end")
  class Lifecycle {
    @Test
    @DisplayName("goes queued, offered, active, wrap-up and ended, each told by one event")
    void fullLife() {
      List<Event> arrived = f.chat("s1", SALES);

      assertThat(kinds(arrived)).containsExactly(SessionQueued.class, SessionOffered.class);
      SessionQueued queued = (SessionQueued) arrived.get(0);
      assertThat(queued.session()).isEqualTo(sid("s1"));
      assertThat(queued.group()).isEqualTo(SALES);
      assertThat(queued.operator()).isNull();
      assertThat(queued.reopens()).isNull();
      assertThat(queued.actor()).isEqualTo(Actor.CLIENT);
      assertThat(queued.at()).isEqualTo(f.now);
      SessionOffered offered = (SessionOffered) arrived.get(1);
      assertThat(offered.operators()).containsExactly(alice);
      assertThat(offered.group()).isEqualTo(SALES);
      assertThat(offered.state()).isEqualTo(SessionState.OFFERED);
      assertThat(f.state("s1")).isEqualTo(SessionState.OFFERED);
      assertThat(f.holder("s1")).isEqualTo(alice);

      f.advance(Duration.ofSeconds(5));
      SessionAccepted accepted = one(f.accept("s1", alice), SessionAccepted.class);
      assertThat(accepted.operator()).isEqualTo(alice);
      assertThat(accepted.actor()).isEqualTo(Actor.operator(alice));
      assertThat(accepted.state()).isEqualTo(SessionState.ACTIVE);
      assertThat(f.state("s1")).isEqualTo(SessionState.ACTIVE);

      SessionEnded ended = one(f.end("s1", Actor.operator(alice)), SessionEnded.class);
      assertThat(ended.reason()).isEqualTo(EndReason.OPERATOR_ENDED);
      assertThat(ended.state()).isEqualTo(SessionState.WRAP_UP);
      assertThat(f.state("s1")).isEqualTo(SessionState.WRAP_UP);
      assertThat(f.holder("s1")).as("the operator holds the session during wrap-up").isEqualTo(alice);

      WrapUpCompleted done = one(
          f.apply(new Command.CompleteWrapUp(sid("s1"), alice, "sold", "wants the blue one")), WrapUpCompleted.class);
      assertThat(done.result()).isEqualTo("sold");
      assertThat(done.note()).isEqualTo("wants the blue one");
      assertThat(done.timedOut()).isFalse();
      assertThat(done.actor()).isEqualTo(Actor.operator(alice));
      assertThat(f.state("s1")).isEqualTo(SessionState.ENDED);
      assertThat(f.view("s1").operator()).as("who served it").isEqualTo(alice);
      assertThat(f.core.liveSessions()).isEmpty();
    }

    @Test
    @DisplayName("ends at once, without wrap-up, when the group's wrap-up limit is zero")
    void zeroWrapUp() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      f.serve("s1", SALES, alice);

      List<Event> events = f.end("s1", Actor.operator(alice));

      assertThat(kinds(events)).containsExactly(SessionEnded.class);
      assertThat(((SessionEnded) events.get(0)).state()).isEqualTo(SessionState.ENDED);
      assertThat(f.state("s1")).isEqualTo(SessionState.ENDED);
      assertThat(f.core.nextDeadline()).as("only the retention is left")
          .contains(f.now.plus(TenantSettings.DEFAULTS.endedRetention()));
    }

    @Test
    @DisplayName("completes the wrap-up as timed out when the limit passes, and frees the operator")
    void wrapUpDeadline() {
      f.operator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 1).build());
      f.serve("s1", SALES, alice);
      f.chat("s2", SALES);
      f.end("s1", Actor.operator(alice));
      var endedAt = f.now;
      assertThat(f.state("s2")).as("wrap-up holds the capacity").isEqualTo(SessionState.QUEUED);

      assertThat(f.advance(Duration.ofMinutes(2).minusNanos(1))).isEmpty();
      List<Event> events = f.advance(Duration.ofNanos(1));

      assertThat(kinds(events)).containsExactly(WrapUpCompleted.class, SessionOffered.class);
      WrapUpCompleted done = (WrapUpCompleted) events.get(0);
      assertThat(done.timedOut()).isTrue();
      assertThat(done.result()).isNull();
      assertThat(done.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(done.at()).isEqualTo(endedAt.plus(Duration.ofMinutes(2)));
      assertThat(f.state("s1")).isEqualTo(SessionState.ENDED);
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(alice);
    }

    @Test
    @DisplayName("refuses a wrap-up completed by another operator, and keeps it for its own")
    void wrapUpByAnotherOperator() {
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);
      f.end("s1", Actor.operator(alice));

      f.rejects(new Command.CompleteWrapUp(sid("s1"), bob, "sold", null), NotPermittedException.class);

      assertThat(f.state("s1")).isEqualTo(SessionState.WRAP_UP);
      assertThat(f.apply(new Command.CompleteWrapUp(sid("s1"), alice, "sold", null))).hasSize(1);
    }

    @Test
    @DisplayName("tells who ended it: the client leaving, or an administrator")
    void endReasons() {
      f.serve("s1", SALES, alice);
      f.serve("s2", SALES, alice);

      assertThat(one(f.end("s1", Actor.CLIENT), SessionEnded.class).reason()).isEqualTo(EndReason.CLIENT_LEFT);
      assertThat(one(f.end("s2", ADMIN), SessionEnded.class).reason()).isEqualTo(EndReason.ADMIN_ENDED);
    }

    @Test
    @DisplayName("may be ended only by its own operator, the client or an administrator")
    void endByOthers() {
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);

      f.rejects(new Command.End(sid("s1"), Actor.operator(bob)), NotPermittedException.class);
      f.rejects(new Command.End(sid("s1"), Actor.SYSTEM), NotPermittedException.class);
      assertThat(f.state("s1")).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    @DisplayName("is kept for the tenant's retention after it ended, then forgotten")
    void retention() {
      f.apply(new Command.ConfigureTenant(TenantSettings.builder().endedRetention(Duration.ofHours(1)).build()));
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      f.serve("s1", SALES, alice);
      f.end("s1", Actor.operator(alice));

      f.advance(Duration.ofMinutes(59));
      assertThat(f.core.session(sid("s1"))).isPresent();
      f.apply(new Command.AddNote(sid("s1"), Actor.operator(alice), "called back later"));
      assertThat(f.view("s1").notes()).extracting(SessionView.Note::text).containsExactly("called back later");

      f.advance(Duration.ofMinutes(1));
      assertThat(f.core.session(sid("s1"))).isEmpty();
      f.rejects(new Command.Feedback(sid("s1"), 5, null), NoSuchSessionException.class);
    }

    @Test
    @DisplayName("names the id a command would start a session under while it does not know it: storage may")
    void unknownNewSessions() {
      f.apply(new Command.ConfigureTenant(TenantSettings.builder().endedRetention(Duration.ofHours(1)).build()));
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      Command.Arrive arrival = new Command.Arrive(sid("s1"), CoreFixture.chat(SALES));
      Entry phone = CoreFixture.entry(Channel.WHATSAPP, SALES, "420601234567");
      Command.ClientMessage message = new Command.ClientMessage(sid("s2"), phone, "wamid.1", "Hello", List.of());

      assertThat(f.core.startsUnknownSession(arrival)).contains(sid("s1"));
      assertThat(f.core.startsUnknownSession(message)).contains(sid("s2"));
      assertThat(f.core.startsUnknownSession(new Command.Reopen(sid("s0"), sid("s3"), Actor.CLIENT))).contains(sid("s3"));
      assertThat(f.core.startsUnknownSession(new Command.Abandon(sid("s1")))).isEmpty();

      f.apply(arrival);
      f.apply(message);
      assertThat(f.core.startsUnknownSession(arrival)).as("known: the core refuses it itself").isEmpty();
      assertThat(f.core.startsUnknownSession(new Command.ClientMessage(sid("s4"), phone, "wamid.2", "Still me", List.of())))
          .as("goes into s2").isEmpty();

      f.accept("s1", alice);
      f.end("s1", Actor.operator(alice));
      f.advance(Duration.ofHours(1));
      assertThat(f.core.startsUnknownSession(arrival)).as("forgotten").contains(sid("s1"));
    }
  }

  @Nested
  @DisplayName("at the door")
  class Refusals {
    @Test
    @DisplayName("a blocked client is refused, and nothing about him is kept")
    void blocked() {
      ClientRef client = new ClientRef(Channel.WHATSAPP, "420777123456");
      f.apply(new Command.Block(client, ADMIN, "abuse"));

      List<Event> events = f.arrive("s1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456"));

      SessionRefused refused = one(events, SessionRefused.class);
      assertThat(events).hasSize(1);
      assertThat(refused.reason()).isEqualTo(RefusalReason.BLOCKED);
      assertThat(refused.entry()).isNull();
      assertThat(refused.offlineForm()).isFalse();
      assertThat(refused.state()).isEqualTo(SessionState.REFUSED);
      assertThat(f.core.session(sid("s1"))).isEmpty();
      assertThat(f.core.liveSessions()).isEmpty();
      assertThat(f.core.counts(SALES).waiting()).isZero();
    }

    @Test
    @DisplayName("a client beyond the group's queue limit is refused")
    void queueFull() {
      f.group(SALES, b -> b.maxQueueLength(1));
      f.operator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 1).build());
      f.chat("s1", SALES);
      f.chat("s2", SALES);

      List<Event> events = f.chat("s3", SALES);

      SessionRefused refused = one(events, SessionRefused.class);
      assertThat(refused.reason()).isEqualTo(RefusalReason.QUEUE_FULL);
      assertThat(refused.entry()).isEqualTo(CoreFixture.chat(SALES));
      assertThat(f.core.session(sid("s3"))).isEmpty();
      assertThat(f.state("s2")).isEqualTo(SessionState.QUEUED);
    }

    @Test
    @DisplayName("a web-chat client is shown the offline form when nobody in the group is online")
    void nobodyOnlineOnWebChat() {
      f.status(alice, OperatorStatus.OFFLINE);

      SessionRefused refused = one(f.chat("s1", SALES), SessionRefused.class);

      assertThat(refused.reason()).isEqualTo(RefusalReason.NOBODY_ONLINE);
      assertThat(refused.offlineForm()).isTrue();
      assertThat(refused.entry()).as("the request handed to the tenant").isEqualTo(CoreFixture.chat(SALES));
      assertThat(refused.channel()).isEqualTo(Channel.WEB_CHAT);
      assertThat(f.core.session(sid("s1"))).isEmpty();
    }

    @Test
    @DisplayName("a video call is refused while no online operator of the group takes video, though some are online")
    void nobodyOnlineForTheChannel() {
      SessionRefused refused = one(f.arrive("v1", Entry.builder(Channel.VIDEO_CALL).group(SALES).build()), SessionRefused.class);

      assertThat(refused.reason()).isEqualTo(RefusalReason.NOBODY_ONLINE);
      assertThat(refused.offlineForm()).isTrue();
      assertThat(one(f.chat("s1", SALES), SessionOffered.class).operators()).containsExactly(alice);
    }

    @Test
    @DisplayName("an away operator does not count as online")
    void awayIsNotOnline() {
      f.status(alice, OperatorStatus.away("lunch"));

      assertThat(one(f.chat("s1", SALES), SessionRefused.class).reason()).isEqualTo(RefusalReason.NOBODY_ONLINE);
    }

    @Test
    @DisplayName("a phone caller is refused without an offline form when nobody is online")
    void nobodyOnlineOnPhone() {
      f.status(alice, OperatorStatus.OFFLINE);

      SessionRefused refused = one(f.arrive("p1", CoreFixture.entry(Channel.PHONE, SALES, "+420777")), SessionRefused.class);

      assertThat(refused.reason()).isEqualTo(RefusalReason.NOBODY_ONLINE);
      assertThat(refused.offlineForm()).isFalse();
    }

    @Test
    @DisplayName("a WhatsApp client waits when nobody is online, and is offered when someone logs in")
    void whatsAppQueuesAnyway() {
      f.status(alice, OperatorStatus.OFFLINE);

      List<Event> events = f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456"));

      assertThat(kinds(events)).containsExactly(SessionQueued.class);
      assertThat(f.state("w1")).isEqualTo(SessionState.QUEUED);
      assertThat(f.core.queuePosition(sid("w1"))).hasValue(1);

      List<Event> login = f.status(alice, OperatorStatus.ONLINE);
      assertThat(one(login, SessionOffered.class).operators()).containsExactly(alice);
      assertThat(f.holder("w1")).isEqualTo(alice);
    }

    @Test
    @DisplayName("a client is refused when no group is asked for, no rule matches and there is no default group")
    void noRoute() {
      Entry entry = Entry.builder(Channel.WEB_CHAT).language("de").build();

      SessionRefused refused = one(f.arrive("s1", entry), SessionRefused.class);

      assertThat(refused.reason()).isEqualTo(RefusalReason.NO_ROUTE);
      assertThat(refused.offlineForm()).isFalse();
      assertThat(refused.entry()).isEqualTo(entry);
      assertThat(f.core.session(sid("s1"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("when an offer is not taken")
  class Offers {
    private OperatorId bob;

    @BeforeEach
    void bobIsBusier() {
      bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.operator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 4).build());
      f.status(alice, OperatorStatus.OFFLINE);
      f.serve("s0", SALES, bob);
      f.online(alice);
    }

    @Test
    @DisplayName("a declined session goes to the next operator")
    void declineGoesToNext() {
      f.chat("s1", SALES);
      assertThat(f.holder("s1")).as("alice is the least loaded").isEqualTo(alice);

      List<Event> events = f.decline("s1", alice);

      assertThat(kinds(events)).containsExactly(OfferEnded.class, SessionOffered.class);
      OfferEnded ended = (OfferEnded) events.get(0);
      assertThat(ended.operator()).isEqualTo(alice);
      assertThat(ended.reason()).isEqualTo(OfferEndReason.DECLINED);
      assertThat(ended.state()).isEqualTo(SessionState.QUEUED);
      assertThat(ended.actor()).isEqualTo(Actor.operator(alice));
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(bob);
      assertThat(f.holder("s1")).isEqualTo(bob);
    }

    @Test
    @DisplayName("an offer that times out goes to the next operator")
    void timeoutGoesToNext() {
      f.chat("s1", SALES);
      var offeredAt = f.now;

      assertThat(f.advance(Duration.ofSeconds(30).minusNanos(1))).isEmpty();
      List<Event> events = f.advance(Duration.ofNanos(1));

      assertThat(kinds(events)).containsExactly(OfferEnded.class, SessionOffered.class);
      OfferEnded ended = (OfferEnded) events.get(0);
      assertThat(ended.reason()).isEqualTo(OfferEndReason.TIMED_OUT);
      assertThat(ended.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(ended.at()).isEqualTo(offeredAt.plusSeconds(30));
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(bob);
    }

    @Test
    @DisplayName("the only operator who declines is offered the session again")
    void onlyOperatorGetsItAgain() {
      f.status(bob, OperatorStatus.AWAY);
      f.chat("s1", SALES);

      List<Event> events = f.decline("s1", alice);

      assertThat(kinds(events)).containsExactly(OfferEnded.class, SessionOffered.class);
      assertThat(((SessionOffered) events.get(1)).operators()).containsExactly(alice);
      assertThat(f.state("s1")).isEqualTo(SessionState.OFFERED);
    }

    @Test
    @DisplayName("an offer is accepted on the operator's behalf in an auto-accept group")
    void autoAccept() {
      f.group(SALES, b -> b.autoAccept(true));

      List<Event> events = f.chat("s1", SALES);

      assertThat(kinds(events)).containsExactly(SessionQueued.class, SessionOffered.class, SessionAccepted.class);
      SessionAccepted accepted = (SessionAccepted) events.get(2);
      assertThat(accepted.operator()).isEqualTo(alice);
      assertThat(accepted.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(f.state("s1")).isEqualTo(SessionState.ACTIVE);
      assertThat(f.advance(Duration.ofMinutes(5))).as("no offer time-out is left").isEmpty();
    }
  }

  @Nested
  @DisplayName("when the client leaves while waiting")
  class Abandon {
    @Test
    @DisplayName("the session leaves the middle of the queue and the others keep their order")
    void fromTheMiddle() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      f.operator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 1).build());
      f.serve("s0", SALES, alice);
      f.chat("s1", SALES);
      f.chat("s2", SALES);
      f.chat("s3", SALES);

      List<Event> events = f.apply(new Command.Abandon(sid("s2")));

      SessionAbandoned abandoned = one(events, SessionAbandoned.class);
      assertThat(kinds(events)).containsExactly(SessionAbandoned.class);
      assertThat(one(events, Event.QueueChanged.class)).extracting(Event.QueueChanged::group, Event.QueueChanged::waiting,
          Event.QueueChanged::watchers).containsExactly(SALES, 2, List.of(alice));
      assertThat(abandoned.group()).isEqualTo(SALES);
      assertThat(abandoned.actor()).isEqualTo(Actor.CLIENT);
      assertThat(f.state("s2")).isEqualTo(SessionState.ABANDONED);
      assertThat(f.core.queuePosition(sid("s1"))).hasValue(1);
      assertThat(f.core.queuePosition(sid("s3"))).hasValue(2);
      assertThat(f.core.queuePosition(sid("s2"))).isEmpty();

      f.end("s0", Actor.operator(alice));
      assertThat(f.holder("s1")).isEqualTo(alice);
      f.accept("s1", alice);
      f.end("s1", Actor.operator(alice));
      assertThat(f.holder("s3")).isEqualTo(alice);
    }

    @Test
    @DisplayName("an offered session is taken back and the operator is offered the next one")
    void offeredFreesTheOperator() {
      f.operator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 1).build());
      f.chat("s1", SALES);
      f.chat("s2", SALES);

      List<Event> events = f.apply(new Command.Abandon(sid("s1")));

      assertThat(kinds(events)).containsExactly(OfferEnded.class, SessionAbandoned.class, SessionOffered.class);
      OfferEnded withdrawn = (OfferEnded) events.get(0);
      assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
      assertThat(withdrawn.state()).isEqualTo(SessionState.ABANDONED);
      assertThat(((SessionOffered) events.get(2)).session()).isEqualTo(sid("s2"));
      assertThat(f.holder("s2")).isEqualTo(alice);
      assertThat(f.view("s1").operator()).isNull();
    }

    @Test
    @DisplayName("a session offered to the whole group is taken back from everyone")
    void wholeGroupOffers() {
      f.group(SALES, b -> b.strategy(RoutingStrategy.WHOLE_GROUP));
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.chat("s1", SALES);
      assertThat(f.view("s1").offeredTo()).containsExactly(alice, bob);

      List<Event> events = f.apply(new Command.Abandon(sid("s1")));

      assertThat(kinds(events)).containsExactly(OfferEnded.class, OfferEnded.class, SessionAbandoned.class);
      assertThat(CoreFixture.only(events, OfferEnded.class))
          .extracting(OfferEnded::operator, OfferEnded::reason, OfferEnded::state)
          .containsExactly(
              tuple(alice, OfferEndReason.WITHDRAWN, SessionState.ABANDONED),
              tuple(bob, OfferEndReason.WITHDRAWN, SessionState.ABANDONED));
      assertThat(f.view("s1").offeredTo()).isEmpty();
    }

    @Test
    @DisplayName("a session being served cannot be abandoned: the client ends it instead")
    void notWhenActive() {
      f.serve("s1", SALES, alice);

      IllegalTransitionException e = f.rejects(new Command.Abandon(sid("s1")), IllegalTransitionException.class);

      assertThat(e.state()).isEqualTo(SessionState.ACTIVE);
      assertThat(e.session()).isEqualTo(sid("s1"));
    }
  }

  @Nested
  @DisplayName("with collaborators")
  class Collaborators {
    private OperatorId bob;

    @BeforeEach
    void aliceServes() {
      f.group(GroupId.of("experts"));
      bob = f.online("bob", GroupId.of("experts"), Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);
    }

    @Test
    @DisplayName("the serving operator invites an online operator, who later leaves")
    void inviteAndLeave() {
      CollaboratorChanged joined =
          one(f.apply(new Command.InviteCollaborator(sid("s1"), alice, bob)), CollaboratorChanged.class);
      assertThat(joined.collaborator()).isEqualTo(bob);
      assertThat(joined.joined()).isTrue();
      assertThat(joined.actor()).isEqualTo(Actor.operator(alice));
      assertThat(f.view("s1").collaborators()).containsExactly(bob);
      assertThat(f.holder("s1")).as("the session stays alice's").isEqualTo(alice);

      CollaboratorChanged left =
          one(f.apply(new Command.LeaveCollaboration(sid("s1"), bob)), CollaboratorChanged.class);
      assertThat(left.joined()).isFalse();
      assertThat(left.actor()).isEqualTo(Actor.operator(bob));
      assertThat(f.view("s1").collaborators()).isEmpty();
    }

    @Test
    @DisplayName("collaborators leave with the end of the session")
    void clearedOnEnd() {
      f.apply(new Command.InviteCollaborator(sid("s1"), alice, bob));

      f.end("s1", Actor.operator(alice));

      assertThat(f.view("s1").collaborators()).isEmpty();
    }

    @Test
    @DisplayName("only the serving operator invites, only online operators, only into an active session")
    void refusals() {
      OperatorId carol = f.operator("carol", SALES, Channel.WEB_CHAT);

      f.rejects(new Command.InviteCollaborator(sid("s1"), bob, carol), NotPermittedException.class);
      f.rejects(new Command.InviteCollaborator(sid("s1"), alice, carol), NotPermittedException.class);
      f.apply(new Command.InviteCollaborator(sid("s1"), alice, bob));
      f.rejects(new Command.InviteCollaborator(sid("s1"), alice, bob), IllegalArgumentException.class);
      f.rejects(new Command.LeaveCollaboration(sid("s1"), carol), IllegalArgumentException.class);
      f.end("s1", Actor.operator(alice));
      f.rejects(new Command.InviteCollaborator(sid("s1"), alice, bob), IllegalTransitionException.class);
    }
  }

  @Nested
  @DisplayName("feedback")
  class Feedback {
    @Test
    @DisplayName("is taken once a served session is over, and only once")
    void onceAfterService() {
      f.serve("s1", SALES, alice);
      f.rejects(new Command.Feedback(sid("s1"), 5, null), IllegalTransitionException.class);
      f.end("s1", Actor.operator(alice));

      FeedbackGiven given = one(f.apply(new Command.Feedback(sid("s1"), 4, "quick")), FeedbackGiven.class);

      assertThat(given.rating()).isEqualTo(4);
      assertThat(given.comment()).isEqualTo("quick");
      assertThat(given.state()).isEqualTo(SessionState.WRAP_UP);
      assertThat(given.actor()).isEqualTo(Actor.CLIENT);
      f.apply(new Command.CompleteWrapUp(sid("s1"), alice, "done", null));
      f.rejects(new Command.Feedback(sid("s1"), 1, null), IllegalTransitionException.class);
    }

    @Test
    @DisplayName("is refused for a session that was never served")
    void notWithoutService() {
      f.status(alice, OperatorStatus.OFFLINE);
      f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777"));
      f.apply(new Command.Abandon(sid("w1")));

      f.rejects(new Command.Feedback(sid("w1"), 5, null), IllegalTransitionException.class);
    }
  }

  @Nested
  @DisplayName("reopening")
  class Reopen {
    @BeforeEach
    void noWrapUp() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
    }

    @Test
    @DisplayName("continues an ended WhatsApp session as a new, linked one in the same group")
    void whatsApp() {
      Entry entry = CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456");
      f.arrive("w1", entry);
      f.accept("w1", alice);
      f.end("w1", Actor.operator(alice));

      List<Event> events = f.apply(new Command.Reopen(sid("w1"), sid("w2"), Actor.operator(alice)));

      SessionQueued queued = one(events, SessionQueued.class);
      assertThat(queued.session()).isEqualTo(sid("w2"));
      assertThat(queued.reopens()).isEqualTo(sid("w1"));
      assertThat(queued.group()).isEqualTo(SALES);
      assertThat(queued.entry()).isEqualTo(entry);
      assertThat(queued.actor()).as("who reopened it").isEqualTo(Actor.operator(alice));
      assertThat(one(events, SessionOffered.class).operators()).containsExactly(alice);
      assertThat(f.view("w2").reopens()).isEqualTo(sid("w1"));
      assertThat(f.state("w1")).isEqualTo(SessionState.ENDED);
    }

    @Test
    @DisplayName("is refused for web chat and e-mail, which are not reopenable, and for a session not yet ended")
    void notReopenable() {
      f.serve("s1", SALES, alice);
      f.rejects(new Command.Reopen(sid("s1"), sid("s2"), ADMIN), IllegalTransitionException.class);
      f.end("s1", Actor.operator(alice));
      f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));
      f.accept("e1", alice);
      f.end("e1", Actor.operator(alice));

      IllegalTransitionException chat =
          f.rejects(new Command.Reopen(sid("s1"), sid("s2"), ADMIN), IllegalTransitionException.class);
      f.rejects(new Command.Reopen(sid("e1"), sid("e2"), ADMIN), IllegalTransitionException.class);

      assertThat(chat.state()).isEqualTo(SessionState.ENDED);
      assertThat(f.core.session(sid("s2"))).isEmpty();
      assertThat(f.core.session(sid("e2"))).isEmpty();
      f.rejects(new Command.Reopen(sid("nope"), sid("s3"), ADMIN), NoSuchSessionException.class);
    }
  }

  @Nested
  @DisplayName("blocking the client of a session")
  class BlockClientOf {
    @Test
    @DisplayName("ends the session and refuses the client's later arrivals")
    void blocksAndEnds() {
      f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
      Entry entry = CoreFixture.entry(Channel.WHATSAPP, SALES, "420777");
      f.arrive("w1", entry);
      f.accept("w1", alice);

      List<Event> events = f.apply(new Command.BlockClientOf(sid("w1"), alice, "abuse"));

      assertThat(kinds(events)).containsExactly(ClientBlocked.class, SessionEnded.class);
      assertThat(((ClientBlocked) events.get(0)).client()).isEqualTo(new ClientRef(Channel.WHATSAPP, "420777"));
      assertThat(((SessionEnded) events.get(1)).reason()).isEqualTo(EndReason.CLIENT_BLOCKED);
      assertThat(one(f.arrive("w2", entry), SessionRefused.class).reason()).isEqualTo(RefusalReason.BLOCKED);
    }

    @Test
    @DisplayName("is not permitted when the tenant does not let operators block")
    void forbidden() {
      f.apply(new Command.ConfigureTenant(TenantSettings.builder().operatorsMayBlock(false).build()));
      f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777"));
      f.accept("w1", alice);

      f.rejects(new Command.BlockClientOf(sid("w1"), alice, "abuse"), NotPermittedException.class);
    }
  }

  @Nested
  @DisplayName("an administrator banning the client of a session")
  class BanClient {
    private final Entry entry = CoreFixture.entry(Channel.WHATSAPP, SALES, "420777");

    @Test
    @DisplayName("blocks him and ends his active session, even where operators may not block")
    void endsActive() {
      f.apply(new Command.ConfigureTenant(TenantSettings.builder().operatorsMayBlock(false).build()));
      f.arrive("w1", entry);
      f.accept("w1", alice);

      List<Event> events = f.apply(new Command.BanClient(sid("w1"), ADMIN, "abuse"));

      assertThat(kinds(events)).startsWith(ClientBlocked.class, SessionEnded.class);
      assertThat(one(events, SessionEnded.class).reason()).isEqualTo(EndReason.CLIENT_BLOCKED);
      assertThat(one(f.arrive("w2", entry), SessionRefused.class).reason()).isEqualTo(RefusalReason.BLOCKED);
    }

    @Test
    @DisplayName("abandons his waiting session, and only blocks him once the session is over")
    void waitingAndOver() {
      f.status(alice, OperatorStatus.AWAY);
      f.arrive("w1", entry);

      List<Event> events = f.apply(new Command.BanClient(sid("w1"), ADMIN, "spam"));

      assertThat(one(events, SessionAbandoned.class).reason()).isEqualTo(Event.AbandonReason.CLIENT_BLOCKED);
      assertThat(f.state("w1")).isEqualTo(SessionState.ABANDONED);
      f.apply(new Command.Unblock(new ClientRef(Channel.WHATSAPP, "420777"), ADMIN));
      assertThat(kinds(f.apply(new Command.BanClient(sid("w1"), ADMIN, "again")))).containsExactly(ClientBlocked.class);
    }

    @Test
    @DisplayName("is refused to an operator, for an anonymous visitor and for an unknown session, changing nothing")
    void refusals() {
      f.arrive("w1", entry);
      f.arrive("c1", CoreFixture.chat(SALES));
      f.rejects(new Command.BanClient(sid("w1"), Actor.operator(alice), "abuse"), NotPermittedException.class);
      f.rejects(new Command.BanClient(sid("c1"), ADMIN, "abuse"), IllegalArgumentException.class);
      f.rejects(new Command.BanClient(sid("nope"), ADMIN, "abuse"), NoSuchSessionException.class);
    }
  }
}
