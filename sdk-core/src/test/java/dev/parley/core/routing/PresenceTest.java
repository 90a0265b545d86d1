package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.only;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.AbandonReason;
import dev.parley.core.event.Event.ClientPresenceChanged;
import dev.parley.core.event.Event.EndReason;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.OperatorPresenceChanged;
import dev.parley.core.event.Event.OperatorStatusChanged;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.event.Event.SessionAbandoned;
import dev.parley.core.event.Event.SessionEnded;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionRequeued;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Presence: clients and operators whose connections are gone")
class PresenceTest {
  private final CoreFixture f = new CoreFixture();

  private List<Event> client(String session, String connection, boolean open) {
    return f.apply(new Command.ClientConnection(sid(session), connection, open));
  }

  private List<Event> console(OperatorId operator, String connection, boolean open) {
    return f.apply(new Command.OperatorConnection(operator, connection, open));
  }

  private void configure(TenantSettings settings) {
    f.apply(new Command.ConfigureTenant(settings));
  }

  /** An online operator of {@code group} busy with one chat, so that the next clients wait (and are not refused). */
  private OperatorId busy(GroupId group) {
    OperatorId dan = f.online(f.operator(OperatorSpec.builder(OperatorId.of("dan-" + group.value()))
        .group(group).channel(Channel.WEB_CHAT, 1).build()));
    f.serve("busy-" + group.value(), group, dan);
    return dan;
  }

  @Nested
  @DisplayName("a web-chat client")
  class Clients {
    @Test
    @DisplayName("who closed his only tab while waiting is abandoned when his grace ends, not a moment before")
    void waitingClientAbandoned() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      f.serve("s0", SALES, alice);
      f.serve("s1", SALES, alice);
      f.serve("s2", SALES, alice);
      f.chat("s3", SALES);
      client("s3", "tab-1", true);

      List<Event> gone = client("s3", "tab-1", false);
      ClientPresenceChanged fact = one(gone, ClientPresenceChanged.class);
      assertThat(fact.connected()).isFalse();
      assertThat(fact.graceEnds()).isEqualTo(f.now.plusSeconds(60));

      assertThat(f.advance(Duration.ofSeconds(59))).isEmpty();
      assertThat(f.state("s3")).isEqualTo(SessionState.QUEUED);
      List<Event> left = f.advance(Duration.ofSeconds(1));
      SessionAbandoned abandoned = one(left, SessionAbandoned.class);
      assertThat(abandoned.reason()).isEqualTo(AbandonReason.CLIENT_GONE);
      assertThat(abandoned.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(f.state("s3")).isEqualTo(SessionState.ABANDONED);
    }

    @Test
    @DisplayName("who was served and stays gone ends the session as the client who left, and his operator is told")
    void servedClientEnded() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);
      client("s1", "tab-1", true);
      client("s1", "tab-1", false);

      SessionEnded ended = one(f.advance(Duration.ofSeconds(60)), SessionEnded.class);
      assertThat(ended.reason()).isEqualTo(EndReason.CLIENT_LEFT);
      assertThat(ended.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(ended.audience()).containsExactly(alice);
      assertThat(f.state("s1")).isEqualTo(SessionState.WRAP_UP);
    }

    @Test
    @DisplayName("who comes back within his grace finds nothing changed")
    void backWithinGrace() {
      f.group(SALES);
      busy(SALES);
      f.chat("s1", SALES);
      client("s1", "tab-1", true);
      client("s1", "tab-1", false);
      f.advance(Duration.ofSeconds(30));
      SessionView before = f.view("s1");

      ClientPresenceChanged back = one(client("s1", "tab-2", true), ClientPresenceChanged.class);
      assertThat(back.connected()).isTrue();
      assertThat(back.graceEnds()).isNull();
      assertThat(f.advance(Duration.ofMinutes(10))).isEmpty();
      assertThat(f.view("s1")).isEqualTo(before);
    }

    @Test
    @DisplayName("with two tabs is gone only when the last one closes, and a fact told twice changes nothing")
    void lastTabCounts() {
      f.group(SALES);
      busy(SALES);
      f.chat("s1", SALES);
      assertThat(kinds(client("s1", "tab-1", true))).containsExactly(ClientPresenceChanged.class);
      assertThat(client("s1", "tab-2", true)).isEmpty();
      assertThat(client("s1", "tab-1", true)).isEmpty();
      assertThat(client("s1", "tab-1", false)).isEmpty();
      assertThat(client("s1", "tab-1", false)).isEmpty();
      assertThat(f.advance(Duration.ofMinutes(5))).isEmpty();
      assertThat(kinds(client("s1", "tab-2", false))).containsExactly(ClientPresenceChanged.class);
      assertThat(client("s1", "tab-2", false)).isEmpty();
      assertThat(one(f.advance(Duration.ofMinutes(1)), SessionAbandoned.class).reason()).isEqualTo(AbandonReason.CLIENT_GONE);
    }

    @Test
    @DisplayName("is given his group's own grace over the tenant's, and a grace of zero means at once")
    void groupGrace() {
      f.group(SALES, b -> b.clientGrace(Duration.ofSeconds(10)));
      f.group(CoreFixture.SUPPORT, b -> b.clientGrace(Duration.ZERO));
      busy(SALES);
      busy(CoreFixture.SUPPORT);
      f.chat("s1", SALES);
      f.chat("s2", CoreFixture.SUPPORT);
      client("s1", "t", false);

      assertThat(only(client("s2", "t", false), SessionAbandoned.class)).hasSize(1);
      assertThat(f.advance(Duration.ofSeconds(9))).isEmpty();
      assertThat(one(f.advance(Duration.ofSeconds(1)), SessionAbandoned.class).session()).isEqualTo(sid("s1"));
    }

    @Test
    @DisplayName("whose tab closed before its opening was told is gone all the same")
    void closeBeforeOpen() {
      f.group(SALES);
      busy(SALES);
      f.chat("s1", SALES);
      assertThat(one(client("s1", "tab-1", false), ClientPresenceChanged.class).connected()).isFalse();
      assertThat(one(f.advance(Duration.ofSeconds(60)), SessionAbandoned.class).reason()).isEqualTo(AbandonReason.CLIENT_GONE);
    }

    @Test
    @DisplayName("of a messaging channel has no connection: a fact about him is refused and changes nothing")
    void messagingChannelsHaveNone() {
      f.group(SALES);
      f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "+420601123456"));
      f.rejects(new Command.ClientConnection(sid("w1"), "t", false), IllegalArgumentException.class);
    }

    @Test
    @DisplayName("who closes his tab after the session ended changes nothing")
    void afterTheEnd() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);
      client("s1", "t", true);
      f.end("s1", Actor.operator(alice));
      assertThat(client("s1", "t", false)).isEmpty();
      assertThat(f.advance(Duration.ofMinutes(5))).noneMatch(e -> e instanceof SessionEnded || e instanceof SessionAbandoned);
    }
  }

  @Nested
  @DisplayName("a client leaving")
  class Leaving {
    @Test
    @DisplayName("abandons a waiting session, ends an active one as the client, and does nothing in wrap-up")
    void byState() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      f.serve("s1", SALES, alice);
      f.serve("s2", SALES, alice);
      f.serve("s3", SALES, alice);
      f.chat("s4", SALES);

      SessionAbandoned abandoned = one(f.apply(Command.ClientLeaves.session(sid("s4"))), SessionAbandoned.class);
      assertThat(abandoned.reason()).isEqualTo(AbandonReason.CLIENT_LEFT);
      assertThat(abandoned.actor()).isEqualTo(Actor.CLIENT);
      SessionEnded ended = one(f.apply(Command.ClientLeaves.session(sid("s1"))), SessionEnded.class);
      assertThat(ended.reason()).isEqualTo(EndReason.CLIENT_LEFT);
      assertThat(ended.actor()).isEqualTo(Actor.CLIENT);
      assertThat(f.apply(Command.ClientLeaves.session(sid("s1")))).isEmpty();
      assertThat(f.apply(Command.ClientLeaves.session(sid("s4")))).isEmpty();
    }

    @Test
    @DisplayName("by his identity leaves his latest session, and a client with none leaves nothing")
    void byIdentity() {
      f.group(SALES);
      f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "+420601123456"));
      ClientRef him = new ClientRef(Channel.WHATSAPP, "+420601123456");
      assertThat(one(f.apply(Command.ClientLeaves.client(him)), SessionAbandoned.class).session()).isEqualTo(sid("w1"));
      assertThat(f.apply(Command.ClientLeaves.client(new ClientRef(Channel.WHATSAPP, "+1555")))).isEmpty();
    }
  }

  @Nested
  @DisplayName("an operator")
  class Operators {
    @Test
    @DisplayName("whose last console closed is offered nothing from then on: offers standing to him go to the next one at once")
    void offersMoveOnAtOnce() {
      f.group(SALES, b -> b.offerTimeout(Duration.ofMinutes(5)));
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "c1", true);
      f.chat("s1", SALES);
      assertThat(f.holder("s1")).isEqualTo(alice);
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);

      List<Event> gone = console(alice, "c1", false);

      OperatorPresenceChanged fact = one(gone, OperatorPresenceChanged.class);
      assertThat(fact.connected()).isFalse();
      assertThat(fact.graceEnds()).isEqualTo(f.now.plusSeconds(60));
      assertThat(one(gone, OfferEnded.class).reason()).isEqualTo(OfferEndReason.WITHDRAWN);
      assertThat(one(gone, SessionOffered.class).operators()).containsExactly(bob);
      assertThat(f.core.status(alice)).contains(OperatorStatus.ONLINE);
      assertThat(f.core.counts(SALES).online()).as("still counted online within his grace").isEqualTo(2);
      f.chat("s2", SALES);
      assertThat(f.holder("s2")).isEqualTo(bob);
      assertThat(f.core.explain(sid("s2")).candidates()).filteredOn(c -> c.operator().equals(alice))
          .extracting(Explanation.Candidate::exclusion).containsExactly(Explanation.Exclusion.DISCONNECTED);
    }

    @Test
    @DisplayName("back within his grace finds nothing changed and is offered again")
    void backWithinGrace() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "c1", true);
      f.serve("s1", SALES, alice);
      console(alice, "c1", false);
      f.advance(Duration.ofSeconds(59));

      assertThat(one(console(alice, "c2", true), OperatorPresenceChanged.class).connected()).isTrue();
      assertThat(f.advance(Duration.ofMinutes(10))).isEmpty();
      assertThat(f.core.status(alice)).contains(OperatorStatus.ONLINE);
      assertThat(f.state("s1")).isEqualTo(SessionState.ACTIVE);
      f.chat("s2", SALES);
      assertThat(f.holder("s2")).isEqualTo(alice);
    }

    @Test
    @DisplayName("gone past his grace is set away, and his active sessions go back to the queue keeping their wait, with a note")
    void pastGrace() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "c1", true);
      f.chat("s1", SALES);
      SessionView waiting = f.view("s1");
      f.accept("s1", alice);
      f.advance(Duration.ofMinutes(3));
      console(alice, "c1", false);
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.serve("s2", SALES, bob);
      f.serve("s3", SALES, bob);
      f.serve("s4", SALES, bob);

      List<Event> events = f.advance(Duration.ofSeconds(60));

      OperatorStatusChanged away = one(events, OperatorStatusChanged.class);
      assertThat(away.to()).isEqualTo(OperatorStatus.away(TenantSettings.DISCONNECTED));
      assertThat(away.actor()).isEqualTo(Actor.SYSTEM);
      SessionRequeued requeued = one(events, SessionRequeued.class);
      assertThat(requeued.reason()).isEqualTo(RequeueReason.OPERATOR_GONE);
      assertThat(requeued.previousOperator()).isEqualTo(alice);
      assertThat(requeued.waitingSince()).isEqualTo(waiting.waitingSince());
      assertThat(f.view("s1").waitingSince()).isEqualTo(waiting.waitingSince());
      assertThat(f.view("s1").notes()).extracting(SessionView.Note::text).singleElement().asString()
          .contains("alice").contains("gone");
      assertThat(f.state("s1")).isEqualTo(SessionState.QUEUED);
    }

    @Test
    @DisplayName("keeps his sessions for the sessions' wait, and finds them on his return within it")
    void sessionsWait() {
      configure(TenantSettings.builder().sessionsWaitForGoneOperator(Duration.ofMinutes(2)).build());
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "c1", true);
      f.serve("s1", SALES, alice);
      f.serve("s2", SALES, alice);
      console(alice, "c1", false);

      assertThat(kinds(f.advance(Duration.ofSeconds(60)))).containsExactly(OperatorStatusChanged.class);
      assertThat(f.advance(Duration.ofSeconds(119))).isEmpty();
      console(alice, "c1", true);
      assertThat(f.advance(Duration.ofMinutes(10))).isEmpty();
      assertThat(f.holder("s1")).isEqualTo(alice);

      console(alice, "c1", false);
      f.advance(Duration.ofSeconds(60));
      assertThat(only(f.advance(Duration.ofMinutes(2)), SessionRequeued.class)).extracting(SessionRequeued::session)
          .containsExactly(sid("s1"), sid("s2"));
    }

    @Test
    @DisplayName("can be logged out instead, and one already away keeps his own reason")
    void goneStatus() {
      configure(TenantSettings.builder().goneOperatorStatus(OperatorStatus.OFFLINE).build());
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "c1", true);
      console(alice, "c1", false);
      assertThat(one(f.advance(Duration.ofSeconds(60)), OperatorStatusChanged.class).to()).isEqualTo(OperatorStatus.OFFLINE);

      configure(TenantSettings.DEFAULTS);
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.status(bob, OperatorStatus.away("lunch"));
      console(bob, "c1", true);
      console(bob, "c1", false);
      assertThat(f.advance(Duration.ofSeconds(60))).noneMatch(e -> e instanceof OperatorStatusChanged);
      assertThat(f.core.status(bob)).contains(OperatorStatus.away("lunch"));
    }

    @Test
    @DisplayName("with two consoles is gone only when the last one closes")
    void twoConsoles() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      console(alice, "tab-1", true);
      assertThat(console(alice, "tab-2", true)).isEmpty();
      assertThat(console(alice, "tab-1", false)).isEmpty();
      f.chat("s1", SALES);
      assertThat(f.holder("s1")).isEqualTo(alice);
      assertThat(kinds(console(alice, "tab-2", false))).containsExactly(OperatorPresenceChanged.class, OfferEnded.class);
    }

    @Test
    @DisplayName("logged out is not affected by his console closing")
    void loggedOut() {
      f.group(SALES);
      OperatorId alice = f.operator("alice", SALES, Channel.WEB_CHAT);
      assertThat(one(console(alice, "c1", false), OperatorPresenceChanged.class).graceEnds()).isNull();
      assertThat(f.core.nextDeadline()).isEmpty();
    }
  }

  @Nested
  @DisplayName("a client without a reply")
  class Unanswered {
    @Test
    @DisplayName("goes to another operator after the group's unanswered time, keeping his place; a reply resets the clock")
    void reassigned() {
      f.group(SALES, b -> b.reassignUnanswered(Duration.ofMinutes(2)));
      OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES)
          .channel(Channel.WEB_CHAT, 1).build()));
      f.serve("s1", SALES, alice);
      SessionView served = f.view("s1");
      f.apply(new Command.PostMessage(sid("s1"), Actor.CLIENT, "m1", "hello?", List.of()));
      f.advance(Duration.ofSeconds(100));
      f.apply(new Command.PostMessage(sid("s1"), Actor.operator(alice), "m2", "hi", List.of()));
      assertThat(f.advance(Duration.ofSeconds(100))).isEmpty();
      f.apply(new Command.PostMessage(sid("s1"), Actor.CLIENT, "m3", "still there?", List.of()));
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);

      List<Event> events = f.advance(Duration.ofMinutes(2));

      SessionRequeued requeued = one(events, SessionRequeued.class);
      assertThat(requeued.reason()).isEqualTo(RequeueReason.UNANSWERED);
      assertThat(requeued.waitingSince()).isEqualTo(served.waitingSince());
      assertThat(one(events, SessionOffered.class).operators()).containsExactly(bob);
    }

    @Test
    @DisplayName("who wrote while waiting gives the operator the whole time from his acceptance")
    void fromAcceptance() {
      f.group(SALES, b -> b.reassignUnanswered(Duration.ofMinutes(2)));
      busy(SALES);
      f.chat("s1", SALES);
      f.apply(new Command.PostMessage(sid("s1"), Actor.CLIENT, "m1", "anyone?", List.of()));
      f.advance(Duration.ofMinutes(5));
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      f.accept("s1", alice);
      assertThat(f.advance(Duration.ofSeconds(119))).isEmpty();
      assertThat(one(f.advance(Duration.ofSeconds(1)), SessionRequeued.class).reason()).isEqualTo(RequeueReason.UNANSWERED);
    }
  }

  @Nested
  @DisplayName("events tell the edges who must hear them")
  class Told {
    @Test
    @DisplayName("a queue's change once per command, with its count and the operators who watch it")
    void queueChanged() {
      f.group(SALES);
      OperatorId dan = busy(SALES);
      OperatorId alice = f.operator("alice", SALES, Channel.WEB_CHAT);
      f.operator("bob", SALES, Channel.EMAIL);
      List<Event> arrived = f.chat("s1", SALES);
      Event.QueueChanged changed = one(arrived, Event.QueueChanged.class);
      assertThat(changed.group()).isEqualTo(SALES);
      assertThat(changed.channel()).isEqualTo(Channel.WEB_CHAT);
      assertThat(changed.waiting()).isEqualTo(1);
      assertThat(changed.watchers()).containsExactly(dan, alice);
      assertThat(arrived.get(arrived.size() - 1)).as("last, after the events that changed it").isSameAs(changed);

      f.online(alice);
      f.accept("s1", alice);
      List<Event> straightThrough = f.chat("s2", SALES);
      assertThat(only(straightThrough, Event.QueueChanged.class)).as("offered at once: no queue changed").isEmpty();
    }

    @Test
    @DisplayName("a message and an end reach the serving operator and the collaborators, none while the session waits")
    void audience() {
      f.group(SALES);
      OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
      OperatorId bob = f.online("bob", SALES, Channel.WEB_CHAT);
      f.chat("s0", SALES);
      assertThat(one(f.apply(new Command.PostMessage(sid("s0"), Actor.CLIENT, "m0", "hi", List.of())),
          Event.MessagePosted.class).audience()).as("offered, not accepted").isEmpty();
      OperatorId holder = f.holder("s0");
      OperatorId other = holder.equals(alice) ? bob : alice;
      f.accept("s0", holder);
      f.apply(new Command.InviteCollaborator(sid("s0"), holder, other));
      assertThat(one(f.apply(new Command.PostMessage(sid("s0"), Actor.CLIENT, "m1", "hi", List.of())),
          Event.MessagePosted.class).audience()).containsExactly(holder, other);
      assertThat(one(f.end("s0", Actor.operator(holder)), SessionEnded.class).audience()).containsExactly(holder, other);
      SessionOffered offer = one(f.chat("s1", SALES), SessionOffered.class);
      assertThat(offer.preview().id()).isEqualTo(sid("s1"));
      assertThat(offer.preview().state()).isEqualTo(SessionState.OFFERED);
    }
  }
}
