package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.event.Event;
import dev.parley.core.routing.Explanation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's example, kept compiling and true. */
class ReadmeExampleTest {
  @Test
  @DisplayName("the README example runs as it says")
  void readmeExample() {
    List<Event> heard = Collections.synchronizedList(new ArrayList<>());
    Explanation why;
    try (Parley parley = Parley.builder().listener(heard::add).build()) {
      Tenant acme = parley.tenant(TenantId.of("acme"));
      GroupId sales = GroupId.of("sales");
      OperatorId alice = OperatorId.of("alice");

      acme.defineGroup(GroupSpec.builder(sales)
          .strategy(RoutingStrategy.BY_UTILIZATION)
          .offerTimeout(Duration.ofSeconds(20))
          .wrapUpLimit(Duration.ofMinutes(2))
          .build());
      acme.defineOperator(OperatorSpec.builder(alice).group(sales)
          .channel(Channel.WEB_CHAT, 4).channel(Channel.VIDEO_CALL).build());
      acme.setStatus(alice, OperatorStatus.ONLINE);

      SessionId s = SessionId.of("s-1");
      List<Event> arrival = acme.arrive(s, Entry.builder(Channel.WEB_CHAT).group(sales).language("en").build()).join();
      assertThat(arrival).hasSize(2).last().isInstanceOfSatisfying(Event.SessionOffered.class,
          o -> assertThat(o.operators()).containsExactly(alice));
      assertThat(acme.accept(s, alice).join()).singleElement().isInstanceOf(Event.SessionAccepted.class);
      assertThat(acme.end(s, Actor.operator(alice)).join()).singleElement()
          .isInstanceOfSatisfying(Event.SessionEnded.class, e -> assertThat(e.state()).isEqualTo(SessionState.WRAP_UP));
      assertThat(acme.completeWrapUp(s, alice, "solved").join()).singleElement().isInstanceOf(Event.WrapUpCompleted.class);
      why = parley.explain(acme.id(), s).join();
    }
    assertThat(why.state()).isEqualTo(SessionState.ENDED);
    assertThat(heard).filteredOn(e -> e instanceof Event.WrapUpCompleted).hasSize(1);
  }
}
