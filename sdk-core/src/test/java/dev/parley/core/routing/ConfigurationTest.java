package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingDecision;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.StillInUseException;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.GroupDefined;
import dev.parley.core.event.Event.GroupRemoved;
import dev.parley.core.event.Event.InvitationCreated;
import dev.parley.core.event.Event.InvitationEndReason;
import dev.parley.core.event.Event.InvitationEnded;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.OfferEnded;
import dev.parley.core.event.Event.OperatorDefined;
import dev.parley.core.event.Event.OperatorRemoved;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.TenantConfigured;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuring groups, operators and the tenant")
class ConfigurationTest {
  private final CoreFixture f = new CoreFixture();

  private static OperatorSpec chat(String name, int capacity, GroupId group) {
    return OperatorSpec.builder(OperatorId.of(name)).group(group).channel(Channel.WEB_CHAT, capacity).build();
  }

  @Test
  @DisplayName("defining a group, an operator and the settings is told as events")
  void defineEvents() {
    GroupSpec spec = GroupSpec.builder(SALES).build();
    OperatorSpec alice = chat("alice", 3, SALES);

    GroupDefined group = one(f.apply(new Command.DefineGroup(spec)), GroupDefined.class);
    OperatorDefined operator = one(f.apply(new Command.DefineOperator(alice)), OperatorDefined.class);
    TenantConfigured configured =
        one(f.apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(SALES).build())), TenantConfigured.class);

    assertThat(group.spec()).isSameAs(spec);
    assertThat(operator.spec()).isSameAs(alice);
    assertThat(configured.settings().defaultGroup()).contains(SALES);
    assertThat(f.core.status(alice.id())).contains(OperatorStatus.OFFLINE);
  }

  @Test
  @DisplayName("raising an operator's capacity offers him a waiting client at once")
  void raiseCapacity() {
    f.group(SALES);
    OperatorId alice = f.online(f.operator(chat("alice", 1, SALES)));
    f.serve("s0", SALES, alice);
    f.chat("s1", SALES);

    List<Event> events = f.apply(new Command.DefineOperator(chat("alice", 2, SALES)));

    assertThat(kinds(events)).containsExactly(OperatorDefined.class, SessionOffered.class);
    assertThat(f.holder("s1")).isEqualTo(alice);
    assertThat(f.holder("s0")).as("what he had stays his").isEqualTo(alice);
  }

  @Test
  @DisplayName("taking an operator out of a whole-group group withdraws his offers there")
  void leaveWholeGroup() {
    f.group(SALES, b -> b.strategy(RoutingStrategy.WHOLE_GROUP));
    f.group(SUPPORT);
    OperatorId alice = f.online(f.operator(chat("alice", 3, SALES)));
    OperatorId bob = f.online(f.operator(chat("bob", 3, SALES)));
    f.chat("s1", SALES);

    List<Event> events = f.apply(new Command.DefineOperator(chat("alice", 3, SUPPORT)));

    OfferEnded withdrawn = one(events, OfferEnded.class);
    assertThat(withdrawn.operator()).isEqualTo(alice);
    assertThat(withdrawn.reason()).isEqualTo(OfferEndReason.WITHDRAWN);
    assertThat(f.view("s1").offeredTo()).containsExactly(bob);
  }

  @Test
  @DisplayName("changing a group's strategy re-orders its candidates")
  void changeStrategy() {
    f.group(SALES);
    OperatorId alice = f.online(f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES, 5)
        .channel(Channel.WEB_CHAT).build()));
    OperatorId bob = f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES, 1)
        .channel(Channel.WEB_CHAT).build()));
    f.serve("s1", SALES, alice);

    f.group(SALES, b -> b.strategy(RoutingStrategy.FIXED_ORDER));
    f.chat("s2", SALES);
    f.chat("s3", SALES);

    assertThat(f.holder("s2")).isEqualTo(bob);
    assertThat(f.holder("s3")).isEqualTo(bob);
  }

  @Test
  @DisplayName("removing an operator invalidates his invitations; not while he is logged in or awaited")
  void removeOperator() {
    f.group(SALES);
    OperatorId alice = f.online(f.operator(chat("alice", 1, SALES)));
    f.serve("s0", SALES, alice);
    String code = one(f.apply(new Command.CreateInvitation(alice, true, null)), InvitationCreated.class).code();
    f.arrive("i1", Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());
    f.rejects(new Command.RemoveOperator(alice), StillInUseException.class);
    f.end("s0", Actor.operator(alice));
    f.apply(new Command.CompleteWrapUp(sid("s0"), alice, "done", null));
    f.accept("i1", alice);
    f.end("i1", Actor.operator(alice));
    f.status(alice, OperatorStatus.OFFLINE);

    List<Event> events = f.apply(new Command.RemoveOperator(alice));

    assertThat(kinds(events)).containsExactly(InvitationEnded.class, OperatorRemoved.class);
    assertThat(((InvitationEnded) events.get(0)).reason()).isEqualTo(InvitationEndReason.INVALIDATED);
    assertThat(f.core.status(alice)).isEmpty();
  }

  @Test
  @DisplayName("a group is removed only when nobody belongs to it, and no rule, default or escalation points to it")
  void removeGroup() {
    f.group(SALES);
    f.group(SUPPORT);
    f.group(SALES, b -> b.escalateAfter(Duration.ofMinutes(5), SUPPORT));
    f.operator(chat("alice", 3, SUPPORT));
    f.rejects(new Command.RemoveGroup(SUPPORT), StillInUseException.class);
    f.apply(new Command.DefineOperator(chat("alice", 3, SALES)));
    f.rejects(new Command.RemoveGroup(SUPPORT), StillInUseException.class);
    f.group(SALES);
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().rules(List.of(RoutingRule.to(SUPPORT).build())).build()));
    f.rejects(new Command.RemoveGroup(SUPPORT), StillInUseException.class);
    f.apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(SUPPORT).build()));
    f.rejects(new Command.RemoveGroup(SUPPORT), StillInUseException.class);
    f.apply(new Command.ConfigureTenant(TenantSettings.DEFAULTS));

    GroupRemoved removed = one(f.apply(new Command.RemoveGroup(SUPPORT)), GroupRemoved.class);

    assertThat(removed.group()).isEqualTo(SUPPORT);
    assertThat(removed.actor()).isEqualTo(Actor.SYSTEM);
  }

  @Test
  @DisplayName("a group with a live session is not removed")
  void removeGroupWithSessions() {
    f.group(SALES);
    f.group(SUPPORT);
    OperatorId alice = f.online(f.operator(chat("alice", 3, SUPPORT)));
    f.serve("t1", SUPPORT, alice);
    f.apply(new Command.DefineOperator(chat("alice", 3, SALES)));

    StillInUseException e = f.rejects(new Command.RemoveGroup(SUPPORT), StillInUseException.class);

    assertThat(e.id()).isEqualTo(SUPPORT.value());
    f.apply(Command.Redirect.toGroup(sid("t1"), ADMIN, SALES, null));
    assertThat(one(f.apply(new Command.RemoveGroup(SUPPORT)), GroupRemoved.class).group()).isEqualTo(SUPPORT);
  }

  @Test
  @DisplayName("a dry run of the rules decides as an arrival does: the group, the priority and the rule")
  void dryRunAgreesWithArrivals() {
    f.group(SALES);
    f.group(SUPPORT);
    TenantSettings settings = TenantSettings.builder().defaultGroup(SALES).rules(List.of(
        RoutingRule.to(SUPPORT).language("cs").priority(3).build(),
        RoutingRule.to(SALES).widget("shop").channels(Channel.WHATSAPP).build())).build();
    f.apply(new Command.ConfigureTenant(settings));
    Entry[] entries = {
        Entry.builder(Channel.WHATSAPP).client("1").language("CS").build(),
        Entry.builder(Channel.WHATSAPP).client("2").widget("shop").priority(1).build(),
        Entry.builder(Channel.WHATSAPP).client("3").build(),
        Entry.builder(Channel.WHATSAPP).client("4").language("cs").group(SALES).build()};
    RoutingDecision.Reason[] reasons = {RoutingDecision.Reason.RULE, RoutingDecision.Reason.RULE,
        RoutingDecision.Reason.DEFAULT_GROUP, RoutingDecision.Reason.GROUP_ASKED};

    for (int i = 0; i < entries.length; i++) {
      RoutingDecision decision = settings.decide(entries[i]);
      f.arrive("d" + i, entries[i]);
      SessionView arrived = f.view("d" + i);
      assertThat(decision.reason()).as("entry %s", i).isEqualTo(reasons[i]);
      assertThat(decision.chosen()).as("entry %s", i).isEqualTo(arrived.groupId());
      assertThat(decision.priority()).as("entry %s", i).isEqualTo(arrived.priority());
    }
    assertThat(settings.decide(entries[1]).matchedRule()).hasValue(1);
    assertThat(settings.decide(entries[1]).why()).contains("rule 2").contains("shop");
    RoutingDecision nowhere = TenantSettings.builder().build().decide(entries[2]);
    assertThat(nowhere.chosen()).isEmpty();
    assertThat(nowhere.reason()).isEqualTo(RoutingDecision.Reason.NO_ROUTE);
  }

  @Test
  @DisplayName("a snapshot tells the groups, operators, switches and chatbots as defined last")
  void snapshotTellsTheConfiguration() {
    f.group(SALES);
    f.group(SUPPORT, b -> b.maxQueueLength(7));
    OperatorId alice = f.operator(chat("alice", 4, SUPPORT));
    f.apply(new Command.SwitchChannel(alice, Channel.WEB_CHAT, false, ADMIN));

    dev.parley.core.routing.TenantSnapshot snapshot = f.core.snapshot(1);

    assertThat(snapshot.groups().get(SUPPORT).maxQueueLength()).isEqualTo(7);
    assertThat(snapshot.groups()).containsKey(SALES);
    assertThat(snapshot.operator(alice)).hasValue(chat("alice", 4, SUPPORT));
    assertThat(snapshot.operators()).extracting(OperatorSpec::id).contains(alice);
    assertThat(snapshot.switchedOff(alice)).containsExactly(Channel.WEB_CHAT);
    assertThat(snapshot.chatbots()).isEmpty();
    f.apply(new Command.RemoveOperator(alice));
    f.apply(new Command.RemoveGroup(SUPPORT));
    assertThat(f.core.snapshot(2).groups()).doesNotContainKey(SUPPORT);
    assertThat(f.core.snapshot(2).operator(alice)).isEmpty();
  }
}
