package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event.InvitationCreated;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading the core")
class ReadsTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;

  /** Alice, in sales and support, takes one web chat at a time and no e-mail. */
  @BeforeEach
  void aliceInTwoGroups() {
    f.group(SALES);
    f.group(SUPPORT);
    alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SUPPORT).group(SALES)
        .channel(Channel.WEB_CHAT, 1).build()));
  }

  private void invite(String session, OperatorId operator) {
    String code = one(f.apply(new Command.CreateInvitation(operator, false, null)), InvitationCreated.class).code();
    f.arrive(session, Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());
  }

  @Test
  @DisplayName("a session's place in its queue is told while it waits, and only then")
  void queuePosition() {
    f.chat("s0", SALES);
    f.chat("s1", SALES);
    f.chat("s2", SALES);

    assertThat(f.core.queuePosition(sid("s0"))).as("offered").isEmpty();
    assertThat(f.core.queuePosition(sid("s1"))).hasValue(1);
    assertThat(f.core.queuePosition(sid("s2"))).hasValue(2);
    assertThat(f.view("s2").position()).isEqualTo(2);
    assertThat(f.view("s0").position()).isZero();
    assertThat(f.core.queuePosition(sid("nope"))).isEmpty();

    f.decline("s0", alice);
    f.accept("s0", alice);
    assertThat(f.core.queuePosition(sid("s0"))).as("active").isEmpty();
  }

  @Test
  @DisplayName("an operator's waiting list shows the clients waiting for him alone, then those of his groups")
  void waitingFor() {
    OperatorId bob = f.operator("bob", SALES, Channel.WEB_CHAT, Channel.EMAIL);
    f.group(GroupId.of("elsewhere"));
    OperatorId dave = f.online(f.operator("dave", GroupId.of("elsewhere"), Channel.WEB_CHAT));
    f.apply(new Command.SwitchChannel(dave, Channel.WEB_CHAT, false, Actor.operator(dave)));
    f.serve("s0", SALES, alice);
    f.chat("s1", SALES);
    f.arrive("s2", Entry.builder(Channel.WEB_CHAT).group(SALES).priority(3).build());
    f.chat("t1", SUPPORT);
    f.arrive("e1", CoreFixture.entry(Channel.EMAIL, SALES, "jana@example.com"));
    invite("i1", alice);
    f.chat("x1", GroupId.of("elsewhere"));
    assertThat(f.state("x1")).isEqualTo(SessionState.QUEUED);

    assertThat(f.core.waitingFor(alice))
        .extracting(SessionView::id, SessionView::position)
        .containsExactly(tuple(sid("i1"), 1), tuple(sid("s2"), 1), tuple(sid("s1"), 2), tuple(sid("t1"), 1));
    assertThat(f.core.waitingFor(bob))
        .extracting(SessionView::id)
        .as("bob takes e-mail too, and nothing waits for him alone")
        .containsExactly(sid("s2"), sid("s1"), sid("e1"));
    assertThatThrownBy(() -> f.core.waitingFor(OperatorId.of("nobody"))).isInstanceOf(NoSuchOperatorException.class);
  }

  @Test
  @DisplayName("the redirect picker counts each group's online, busy and away operators and waiting clients")
  void redirectPicker() {
    OperatorId bob = f.online(f.operator("bob", SALES, Channel.EMAIL));
    OperatorId carol = f.online(f.operator("carol", SALES, Channel.WEB_CHAT));
    f.operator("dave", SALES, Channel.WEB_CHAT);
    f.group(GroupId.of("night"));
    OperatorId erin = f.operator("erin", GroupId.of("night"), Channel.WEB_CHAT);
    f.serve("s0", SALES, alice);
    f.serve("c0", SALES, carol);
    f.status(carol, OperatorStatus.away("lunch"));
    f.chat("s1", SALES);
    f.chat("s2", SALES);
    invite("i1", alice);

    assertThat(f.core.redirectPicker())
        .extracting(GroupCounts::group)
        .as("night has nobody logged in")
        .containsExactly(SALES, SUPPORT);
    GroupCounts sales = f.core.redirectPicker().get(0);
    assertThat(sales.online()).isEqualTo(2);
    assertThat(sales.busy()).as("carol is away, so not busy").isEqualTo(1);
    assertThat(sales.away()).isEqualTo(1);
    assertThat(sales.waiting()).isEqualTo(2);
    assertThat(sales.operators())
        .extracting(GroupCounts.OperatorRow::operator, GroupCounts.OperatorRow::status,
            GroupCounts.OperatorRow::sessions, GroupCounts.OperatorRow::waiting)
        .containsExactly(
            tuple(alice, OperatorStatus.ONLINE, 1, 1),
            tuple(bob, OperatorStatus.ONLINE, 0, 0),
            tuple(carol, OperatorStatus.away("lunch"), 1, 0));
    assertThat(f.core.counts(SALES))
        .extracting(GroupCounts::online, GroupCounts::busy, GroupCounts::away, GroupCounts::waiting)
        .containsExactly(2, 1, 1, 2);

    f.status(erin, OperatorStatus.AWAY);
    assertThat(f.core.redirectPicker()).extracting(GroupCounts::group).containsExactly(SALES, SUPPORT, GroupId.of("night"));
    assertThatThrownBy(() -> f.core.counts(GroupId.of("nowhere"))).isInstanceOf(NoSuchGroupException.class);
  }

  @Test
  @DisplayName("the live sessions are listed in arrival order, without those that are over")
  void liveSessions() {
    f.group(SALES, b -> b.wrapUpLimit(Duration.ZERO));
    f.serve("s0", SALES, alice);
    f.chat("s1", SALES);
    f.chat("s2", SALES);
    f.chat("s3", SALES);
    f.apply(new Command.Abandon(sid("s2")));
    f.end("s0", Actor.operator(alice));

    assertThat(f.core.liveSessions()).containsExactly(sid("s1"), sid("s3"));
  }

  @Test
  @DisplayName("a session's view shows its entry, times and priority")
  void view() {
    Entry entry = Entry.builder(Channel.WEB_CHAT).group(SALES).name("Jana").language("cs").priority(2).build();
    f.serve("s0", SALES, alice);
    var arrivedAt = f.now;
    f.arrive("s1", entry);
    f.advance(Duration.ofMinutes(1));

    f.apply(Command.Redirect.toGroup(sid("s1"), Actor.operator(alice), SUPPORT, null));

    SessionView view = f.view("s1");
    assertThat(view.entry()).isEqualTo(entry);
    assertThat(view.priority()).isEqualTo(2);
    assertThat(view.arrivedAt()).isEqualTo(arrivedAt);
    assertThat(view.waitingSince()).as("since the redirect").isEqualTo(f.now);
    assertThat(view.groupId()).contains(SUPPORT);
    assertThat(view.state()).isEqualTo(SessionState.QUEUED);
  }

  @Test
  @DisplayName("the next deadline is the earliest offer time-out, wrap-up limit, escalation or expiry")
  void nextDeadline() {
    assertThat(f.core.nextDeadline()).isEmpty();
    f.chat("s1", SALES);
    assertThat(f.core.nextDeadline()).contains(f.now.plusSeconds(30));
    f.advance(Duration.ofSeconds(10));
    f.accept("s1", alice);
    f.end("s1", Actor.operator(alice));
    assertThat(f.core.nextDeadline()).contains(f.now.plus(Duration.ofMinutes(2)));
  }

  @Test
  @DisplayName("an operator's groups are read in a fixed order, whatever order his spec's map has")
  void groupsInIdOrder() {
    OperatorSpec.Builder spec = OperatorSpec.builder(OperatorId.of("bob")).channel(Channel.WHATSAPP);
    for (String name : new String[] {"g4", "g1", "g6", "g3", "g5", "g2"}) {
      f.group(GroupId.of(name));
      spec.group(GroupId.of(name));
      f.arrive("w-" + name, CoreFixture.entry(Channel.WHATSAPP, GroupId.of(name), "client-" + name));
    }
    OperatorId bob = f.operator(spec.build());

    assertThat(f.core.waitingFor(bob))
        .extracting(SessionView::id)
        .containsExactly(sid("w-g1"), sid("w-g2"), sid("w-g3"), sid("w-g4"), sid("w-g5"), sid("w-g6"));
  }
}
