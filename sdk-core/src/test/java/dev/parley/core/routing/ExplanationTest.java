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
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event.InvitationCreated;
import dev.parley.core.event.Event.SessionQueued;
import dev.parley.core.routing.Explanation.Candidate;
import dev.parley.core.routing.Explanation.Exclusion;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An explanation")
class ExplanationTest {
  private final CoreFixture f = new CoreFixture();

  private OperatorId chat(String name, int capacity) {
    return f.operator(OperatorSpec.builder(OperatorId.of(name)).group(SALES).channel(Channel.WEB_CHAT, capacity).build());
  }

  @Test
  @DisplayName("lists the eligible operators in strategy order, then every other one with why he is excluded")
  void everyOperatorWithItsReason() {
    f.group(SALES);
    f.group(SUPPORT);
    OperatorId alice = f.online(chat("alice", 1));
    f.serve("s0", SALES, alice);
    OperatorId bob = chat("bob", 3);
    OperatorId carol = chat("carol", 3);
    OperatorId dave = chat("dave", 3);
    OperatorId erin = f.operator("erin", SALES, Channel.EMAIL);
    OperatorId frank = f.operator("frank", SUPPORT, Channel.WEB_CHAT);
    OperatorId gina = f.online(f.operator("gina", SALES, Channel.WEB_CHAT, Channel.VIDEO_CALL));
    f.arrive("v0", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
    f.accept("v0", gina);
    OperatorId hank = f.online(chat("hank", 3));
    f.serve("h1", SALES, hank);
    f.serve("h2", SALES, hank);
    f.status(f.online(carol), OperatorStatus.away("lunch"));
    f.online(dave);
    f.apply(new Command.SwitchChannel(dave, Channel.WEB_CHAT, false, Actor.operator(dave)));
    f.online(erin);
    f.online(frank);
    OperatorId ivan = f.online(chat("ivan", 3));

    f.chat("s1", SALES);
    Explanation why = f.core.explain(sid("s1"));

    assertThat(why.session()).isEqualTo(sid("s1"));
    assertThat(why.state()).isEqualTo(SessionState.OFFERED);
    assertThat(why.group()).isEqualTo(SALES);
    assertThat(why.waitsFor()).isNull();
    assertThat(why.strategy()).isEqualTo(RoutingStrategy.BY_UTILIZATION);
    assertThat(why.routedBy()).isEqualTo("the entry asked for group sales");
    assertThat(why.offer()).hasValueSatisfying(offer -> {
      assertThat(offer.operator()).isEqualTo(ivan);
      assertThat(offer.candidates()).as("ivan and hank could take it").isEqualTo(2);
      assertThat(offer.key()).startsWith("load 0/3");
    });
    assertThat(why.candidates())
        .extracting(Candidate::operator, Candidate::exclusion)
        .containsExactly(
            tuple(ivan, null),
            tuple(hank, null),
            tuple(alice, Exclusion.FULL),
            tuple(bob, Exclusion.OFFLINE),
            tuple(carol, Exclusion.AWAY),
            tuple(dave, Exclusion.CHANNEL_OFF),
            tuple(erin, Exclusion.CHANNEL_NOT_ASSIGNED),
            tuple(frank, Exclusion.NOT_IN_GROUP),
            tuple(gina, Exclusion.IN_EXCLUSIVE_SESSION));
    assertThat(why.candidates().get(0).key()).startsWith("load 1/3");
    assertThat(why.candidates().get(1).key()).startsWith("load 2/3");
    assertThat(why.candidates().get(0).eligible()).isTrue();
    assertThat(why.candidates().get(2).eligible()).isFalse();
    assertThat(why.toString())
        .contains("session s1 is OFFERED")
        .contains("last offer: ivan")
        .contains("candidate ivan")
        .contains("excluded  alice: FULL");
  }

  @Test
  @DisplayName("excludes from a call an operator with other sessions, and from a phone call one without a line")
  void exclusiveAndPhone() {
    f.group(SALES);
    OperatorId alice = f.online(f.operator("alice", SALES, Channel.WEB_CHAT, Channel.VIDEO_CALL));
    OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES)
        .channel(Channel.PHONE).phoneLine(false).build()));
    f.serve("s1", SALES, alice);

    f.arrive("v1", Entry.builder(Channel.VIDEO_CALL).group(SALES).build());
    f.arrive("p1", CoreFixture.entry(Channel.PHONE, SALES, "+420777"));

    assertThat(f.core.explain(sid("v1")).candidates())
        .extracting(Candidate::operator, Candidate::exclusion)
        .containsExactly(tuple(alice, Exclusion.NOT_FREE_FOR_EXCLUSIVE), tuple(bob, Exclusion.CHANNEL_NOT_ASSIGNED));
    assertThat(f.core.explain(sid("p1")).candidates())
        .extracting(Candidate::operator, Candidate::exclusion)
        .containsExactly(tuple(alice, Exclusion.CHANNEL_NOT_ASSIGNED), tuple(bob, Exclusion.NO_PHONE_LINE));
    assertThat(f.core.explain(sid("v1")).offer()).as("never offered").isEmpty();
  }

  @Test
  @DisplayName("marks an operator who declined the session as passed")
  void passed() {
    f.group(SALES);
    OperatorId alice = f.online(chat("alice", 3));
    OperatorId bob = f.online(chat("bob", 3));
    f.serve("s0", SALES, alice);
    f.chat("s1", SALES);
    assertThat(f.holder("s1")).isEqualTo(bob);

    f.decline("s1", bob);

    assertThat(f.core.explain(sid("s1")).candidates())
        .extracting(Candidate::operator, Candidate::exclusion)
        .containsExactly(tuple(alice, null), tuple(bob, Exclusion.PASSED));
  }

  @Test
  @DisplayName("orders the candidates of a fixed-order group by rank")
  void fixedOrder() {
    f.group(SALES, b -> b.strategy(RoutingStrategy.FIXED_ORDER));
    OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES, 2)
        .channel(Channel.WEB_CHAT).build()));
    OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES, 1)
        .channel(Channel.WEB_CHAT).build()));

    f.chat("s1", SALES);

    Explanation why = f.core.explain(sid("s1"));
    assertThat(why.strategy()).isEqualTo(RoutingStrategy.FIXED_ORDER);
    assertThat(why.offer()).hasValueSatisfying(o -> assertThat(o.operator()).isEqualTo(bob));
    assertThat(why.candidates()).extracting(Candidate::operator).containsExactly(bob, alice);
  }

  @Test
  @DisplayName("orders the candidates of a round-robin group by turn")
  void roundRobin() {
    f.group(SALES, b -> b.strategy(RoutingStrategy.ROUND_ROBIN));
    OperatorId alice = f.online(chat("alice", 3));
    OperatorId bob = f.online(chat("bob", 3));

    f.chat("s1", SALES);

    assertThat(f.core.explain(sid("s1")).candidates()).extracting(Candidate::operator).containsExactly(bob, alice);
    assertThat(f.core.explain(sid("s1")).candidates().get(1).key()).startsWith("turn 1");
  }

  @Test
  @DisplayName("of an invitation names the operator, and nobody else is in scope")
  void invitation() {
    f.group(SALES);
    OperatorId alice = f.online(chat("alice", 3));
    OperatorId bob = f.online(chat("bob", 3));
    String code = one(f.apply(new Command.CreateInvitation(alice, false, null)), InvitationCreated.class).code();

    f.arrive("i1", Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());

    Explanation why = f.core.explain(sid("i1"));
    assertThat(why.waitsFor()).isEqualTo(alice);
    assertThat(why.group()).isNull();
    assertThat(why.strategy()).isNull();
    assertThat(why.routedBy()).isEqualTo("invitation code of operator alice");
    assertThat(why.candidates())
        .extracting(Candidate::operator, Candidate::exclusion)
        .containsExactly(tuple(alice, null), tuple(bob, Exclusion.NOT_IN_GROUP));
  }

  @Test
  @DisplayName("tells which routing rule chose the group, or that the default group did")
  void rules() {
    f.group(SALES);
    f.group(SUPPORT);
    f.online(f.operator("alice", SALES, Channel.WEB_CHAT));
    f.online(f.operator("bob", SUPPORT, Channel.WEB_CHAT));
    f.apply(new Command.ConfigureTenant(TenantSettings.builder()
        .rules(List.of(RoutingRule.to(SUPPORT).language("cs").priority(5).build()))
        .defaultGroup(SALES)
        .build()));

    SessionQueued czech = one(f.arrive("s1", Entry.builder(Channel.WEB_CHAT).language("CS").build()), SessionQueued.class);
    f.arrive("s2", Entry.builder(Channel.WEB_CHAT).language("de").build());

    assertThat(czech.group()).isEqualTo(SUPPORT);
    assertThat(czech.priority()).as("the rule's priority is added").isEqualTo(5);
    assertThat(f.core.explain(sid("s1")).routedBy()).startsWith("rule 1 ");
    assertThat(f.view("s2").group()).isEqualTo(SALES);
    assertThat(f.core.explain(sid("s2")).routedBy()).isEqualTo("no rule matched; the tenant's default group");
  }

  @Test
  @DisplayName("of an unknown session is refused")
  void unknown() {
    assertThatThrownBy(() -> f.core.explain(sid("nope")))
        .isInstanceOf(NoSuchSessionException.class)
        .extracting(e -> ((NoSuchSessionException) e).session())
        .isEqualTo(sid("nope"));
  }
}
