package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wait estimates")
class EstimatesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final ManualClock clock = new ManualClock(T0);
  private final Parley parley = Parley.builder().sameThread().keepNothing().clock(clock).build();
  private final Tenant acme = parley.tenant(TenantId.of("acme"));

  @AfterEach
  void close() {
    parley.close();
  }

  /** Alice serves sales one chat at a time, auto-accepting, without wrap-up; she has served s0 in 100 s. */
  @BeforeEach
  void aliceHasServedOne() {
    acme.defineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    arrive("s0");
    assertThat(acme.estimate(sid("s0"))).as("served at once: no place in a queue").isEmpty();
    at(100);
    end("s0");
  }

  private static SessionId sid(String id) {
    return SessionId.of(id);
  }

  private void arrive(String session) {
    acme.arrive(sid(session), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
  }

  private void end(String session) {
    acme.end(sid(session), Actor.operator(ALICE)).join();
  }

  private void at(int seconds) {
    clock.set(T0.plusSeconds(seconds));
  }

  @Test
  @DisplayName("a waiting client is told his place and a wait of his place times the mean holding time per session in service")
  void placeAndWait() {
    arrive("s1");
    at(110);
    arrive("s2");
    at(120);
    arrive("s3");

    assertThat(acme.estimate(sid("s2"))).hasValue(
        new WaitEstimate(sid("s2"), SALES, 1, Duration.ofSeconds(100), T0.plusSeconds(120)));
    List<WaitEstimate> queue = parley.estimates(acme.id(), SALES);
    assertThat(queue).extracting(WaitEstimate::session).containsExactly(sid("s2"), sid("s3"));
    assertThat(queue.get(1).position()).isEqualTo(2);
    assertThat(queue.get(1).expectedAnswerAt()).isEqualTo(T0.plusSeconds(320));
  }

  @Test
  @DisplayName("each estimate is compared with the answer that followed: the first one, and one per place passed")
  void accuracy() {
    arrive("s1"); // served at once
    at(110);
    arrive("s2");
    assertThat(acme.estimate(sid("s2")).orElseThrow().expectedAnswerAt()).isEqualTo(T0.plusSeconds(210));
    at(120);
    arrive("s3");
    assertThat(acme.estimate(sid("s3")).orElseThrow().expectedAnswerAt()).isEqualTo(T0.plusSeconds(320));
    at(130);
    assertThat(acme.estimate(sid("s3")).orElseThrow().expectedAnswerAt())
        .as("asked again at the same place: told again, recorded once").isEqualTo(T0.plusSeconds(330));

    at(160);
    end("s1"); // s2 answered 50 s before told; holding time now (100 + 60) / 2
    assertThat(acme.estimate(sid("s3")).orElseThrow().expectedAnswerAt()).isEqualTo(T0.plusSeconds(240));
    at(250);
    end("s2"); // s3 answered: 70 s before its first estimate, 10 s after its second

    TenantStatistics stats = acme.statistics();
    EstimateAccuracy first = stats.firstEstimates();
    assertThat(first.estimates()).isEqualTo(2);
    assertThat(first.meanAbsoluteError()).hasValue(Duration.ofSeconds(60));
    assertThat(first.meanError()).hasValue(Duration.ofSeconds(-60));
    assertThat(first.shareWithinTolerance()).hasValue(0.0);
    EstimateAccuracy all = stats.allEstimates();
    assertThat(all.estimates()).isEqualTo(3);
    assertThat(all.totalAbsoluteError()).isEqualTo(Duration.ofSeconds(130));
    assertThat(all.withinTolerance()).isEqualTo(1);
    assertThat(stats.group(SALES).orElseThrow().allEstimates()).isEqualTo(all);
  }

  @Test
  @DisplayName("a client who leaves before being answered is not counted: his real wait is unknown")
  void abandonsAreNotCounted() {
    arrive("s1");
    arrive("s2");
    assertThat(acme.estimate(sid("s2"))).isPresent();
    acme.abandon(sid("s2")).join();
    assertThat(acme.statistics().firstEstimates().estimates()).isZero();
  }

  @Test
  @DisplayName("there is no estimate while nobody serves the group")
  void nobodyServing() {
    acme.setStatus(ALICE, OperatorStatus.away("lunch")).join();
    acme.arrive(sid("s1"), Entry.builder(Channel.EMAIL).group(SALES).client("jana@example.com").build()).join(); // e-mail waits

    assertThat(acme.snapshot().queuePosition(sid("s1"))).hasValue(1);
    assertThat(acme.estimate(sid("s1"))).isEmpty();
  }
}
