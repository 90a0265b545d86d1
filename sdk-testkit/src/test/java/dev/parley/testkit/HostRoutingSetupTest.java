package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingRule;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.RefusalReason;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.routing.Explanation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a host's own test of its routing setup looks like: a shop with an English support desk
 * (the default), a Czech desk that hands clients to support after two minutes, and video calls for
 * one operator who takes them only when she has nothing else in hand.
 */
@DisplayName("A host's routing setup, tested with the kit")
class HostRoutingSetupTest {
  static final GroupId SUPPORT = GroupId.of("support");
  static final GroupId CZECH = GroupId.of("czech");
  static final GroupId VIDEO = GroupId.of("video");

  private TestContactCenter center;
  private ScriptedOperator petra;
  private ScriptedOperator john;
  private ScriptedOperator vera;

  @BeforeEach
  void shop() {
    center = TestContactCenter.create();
    center.group(GroupSpec.builder(SUPPORT).build())
        .group(GroupSpec.builder(CZECH).escalateAfter(Duration.ofMinutes(2), SUPPORT).build())
        .group(GroupSpec.builder(VIDEO).build())
        .configure(TenantSettings.builder()
            .rules(List.of(
                RoutingRule.to(VIDEO).channels(Channel.VIDEO_CALL).build(),
                RoutingRule.to(CZECH).language("cs").build()))
            .defaultGroup(SUPPORT)
            .build());
    petra = center.operator(OperatorSpec.builder(OperatorId.of("petra"))
        .group(CZECH).channel(Channel.WEB_CHAT, 1).build()).online();
    john = center.operator(OperatorSpec.builder(OperatorId.of("john")) // his shift starts later: offline
        .group(SUPPORT).channel(Channel.WEB_CHAT, 2).build());
    vera = center.operator(OperatorSpec.builder(OperatorId.of("vera"))
        .group(SUPPORT).group(VIDEO).channel(Channel.WEB_CHAT, 2).channel(Channel.VIDEO_CALL).build()).online();
  }

  @AfterEach
  void close() {
    center.close();
  }

  private static Entry chat(String language) {
    return Entry.builder(Channel.WEB_CHAT).language(language).build();
  }

  @Test
  @DisplayName("a Czech-speaking visitor goes to the Czech desk by the language rule")
  void czechByLanguage() {
    ScriptedClient jana = center.arrive(chat("cs"));

    jana.assertThat().isOfferedTo(petra).inGroup(CZECH);
    assertThat(jana.explain().routedBy()).contains("rule 2");
  }

  @Test
  @DisplayName("a visitor no rule matches goes to the default support desk")
  void othersToDefault() {
    ScriptedClient tom = center.arrive(chat("en"));

    tom.assertThat().isOfferedTo(vera).inGroup(SUPPORT);
    assertThat(tom.explain().routedBy()).contains("default group");
  }

  @Test
  @DisplayName("a video call waits while Vera is in a chat and is offered to her once she is free")
  void videoToAnExclusiveOperator() {
    ScriptedClient tom = center.arrive(chat("en"));
    vera.accept(tom);

    ScriptedClient caller = center.arrive(Entry.builder(Channel.VIDEO_CALL).build());
    caller.assertThat().isQueued().inGroup(VIDEO).atPosition(1);
    assertThat(caller.explain().candidates())
        .filteredOn(c -> c.operator().equals(vera.id()))
        .extracting(Explanation.Candidate::exclusion)
        .containsExactly(Explanation.Exclusion.NOT_FREE_FOR_EXCLUSIVE);

    vera.end(tom).wrapUp(tom, "answered");
    caller.assertThat().isOfferedTo(vera);
    vera.accept(caller);
    caller.assertThat().isActiveWith(vera);

    ScriptedClient next = center.arrive(chat("en"));
    next.assertThat().isQueued().inGroup(SUPPORT);
    john.online();
    next.assertThat().isOfferedTo(john);
    center.assertNoOneWaitsWhileSomeoneCouldServe();
  }

  @Test
  @DisplayName("a Czech visitor who waits two minutes escalates to the support desk")
  void escalationAfterAWait() {
    vera.offline();
    john.online();
    ScriptedClient first = center.arrive(chat("cs"));
    petra.accept(first);
    ScriptedClient second = center.arrive(chat("cs"));
    second.assertThat().isQueued().inGroup(CZECH).atPosition(1);

    assertThat(center.advance(Duration.ofSeconds(119))).isEmpty();
    second.assertThat().isQueued().inGroup(CZECH);

    List<Event> escalation = center.advance(Duration.ofSeconds(1));

    assertThat(escalation).first().isInstanceOfSatisfying(Event.SessionRequeued.class, e -> {
      assertThat(e.reason()).isEqualTo(RequeueReason.ESCALATED);
      assertThat(e.group()).isEqualTo(SUPPORT);
      assertThat(e.at()).isEqualTo(TestContactCenter.DEFAULT_START.plusSeconds(120));
    });
    second.assertThat().inGroup(SUPPORT).isOfferedTo(john);
    first.assertThat().isActiveWith(petra).inGroup(CZECH);
  }

  @Test
  @DisplayName("after hours a Czech chat is refused with the offline form")
  void afterHours() {
    petra.offline();

    ScriptedClient jana = center.arrive(chat("cs"));

    jana.assertThat().wasRefused(RefusalReason.NOBODY_ONLINE);
    assertThat(center.events(Event.SessionRefused.class)).singleElement()
        .satisfies(r -> assertThat(r.offlineForm()).isTrue());
  }
}
