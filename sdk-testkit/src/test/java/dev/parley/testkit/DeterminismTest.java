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
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.RequeueReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Determinism")
class DeterminismTest {
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId CZECH = GroupId.of("czech");
  // The set-up as a host keeps it: constants (the specs compare by identity, the events by value).
  static final GroupSpec SALES_DESK = GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(15)).build();
  static final GroupSpec CZECH_DESK = GroupSpec.builder(CZECH).escalateAfter(Duration.ofMinutes(1), SALES).build();
  static final TenantSettings RULES = TenantSettings.builder()
      .rules(List.of(RoutingRule.to(CZECH).language("cs").build())).defaultGroup(SALES).build();
  static final OperatorSpec ALICE = OperatorSpec.builder(OperatorId.of("alice"))
      .group(SALES).group(CZECH).channel(Channel.WEB_CHAT, 2).build();
  static final OperatorSpec BOB = OperatorSpec.builder(OperatorId.of("bob")).group(SALES).channel(Channel.WEB_CHAT, 2).build();

  /** A morning at the desk: rules, offers timing out, escalation, an invitation, feedback, an abandon. */
  private static List<Event> morning(TestContactCenter center) {
    center.group(SALES_DESK).group(CZECH_DESK).configure(RULES);
    ScriptedOperator alice = center.operator(ALICE).online();
    ScriptedOperator bob = center.operator(BOB).online();

    List<ScriptedClient> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clients.add(center.arrive(Entry.builder(Channel.WEB_CHAT).language(i % 2 == 0 ? "cs" : "en").build()));
      center.advance(Duration.ofSeconds(7));
    }
    alice.accept(clients.get(0));
    center.advance(Duration.ofMinutes(2));
    String code = bob.invite();
    ScriptedClient invited = center.arrive(Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());
    center.advance(Duration.ofMinutes(1));
    alice.end(clients.get(0));
    clients.get(0).feedback(5, "quick");
    center.advance(Duration.ofMinutes(3));
    invited.abandon();
    return center.events();
  }

  @Test
  @DisplayName("two runs of the same script give equal events, instants and invitation codes included")
  void sameScriptSameEvents() {
    try (TestContactCenter a = TestContactCenter.create(); TestContactCenter b = TestContactCenter.create()) {
      List<Event> first = morning(a);
      List<Event> second = morning(b);

      assertThat(first).hasSizeGreaterThan(30).isEqualTo(second);
      assertThat(first).hasAtLeastOneElementOfType(Event.InvitationCreated.class)
          .anyMatch(e -> e instanceof Event.SessionRequeued && ((Event.SessionRequeued) e).reason() == RequeueReason.ESCALATED)
          .anyMatch(e -> e instanceof Event.OfferEnded && ((Event.OfferEnded) e).reason() == OfferEndReason.TIMED_OUT);
      assertThat(a.events(Event.SessionQueued.class)).extracting(e -> e.session().value())
          .startsWith("session-1", "session-2", "session-3");
    }
  }

  private static String firstCodeWithSeed(long seed) {
    try (TestContactCenter center = TestContactCenter.builder().seed(seed).build()) {
      return center.operator(OperatorSpec.builder(OperatorId.of("alice")).channel(Channel.WEB_CHAT).build()).invite();
    }
  }

  @Test
  @DisplayName("the seed decides the invitation codes")
  void seedDecidesCodes() {
    assertThat(firstCodeWithSeed(1)).isEqualTo(firstCodeWithSeed(1)).isNotEqualTo(firstCodeWithSeed(2));
  }
}
