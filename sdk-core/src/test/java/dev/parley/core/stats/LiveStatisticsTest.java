package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live statistics")
class LiveStatisticsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final GroupId SALES = GroupId.of("sales");
  private static final GroupId SUPPORT = GroupId.of("support");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final OperatorId BOB = OperatorId.of("bob");

  private final ManualClock clock = new ManualClock(T0);
  private Parley parley = Parley.builder().sameThread().keepNothing().clock(clock)
      .statistics(StatisticsSettings.builder().window(Duration.ofMinutes(10)).buckets(10).build()).build();
  private final Tenant acme = parley.tenant(TenantId.of("acme"));

  @AfterEach
  void close() {
    parley.close();
  }

  private void group(GroupId id, boolean autoAccept, Duration wrapUp) {
    acme.defineGroup(GroupSpec.builder(id).autoAccept(autoAccept).offerTimeout(Duration.ofHours(1))
        .wrapUpLimit(wrapUp).build()).join();
  }

  private void operator(OperatorId id, int chats, GroupId... groups) {
    OperatorSpec.Builder spec = OperatorSpec.builder(id).channel(Channel.WEB_CHAT, chats);
    for (GroupId g : groups) {
      spec.group(g);
    }
    acme.defineOperator(spec.build()).join();
    acme.setStatus(id, OperatorStatus.ONLINE).join();
  }

  private void arrive(String session, GroupId group) {
    acme.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(group).build()).join();
  }

  private void at(int seconds) {
    clock.set(T0.plusSeconds(seconds));
  }

  private GroupStatistics sales() {
    return acme.statistics().group(SALES).orElseThrow();
  }

  @Test
  @DisplayName("waiting clients are counted, and the longest wait moves to the next client as the head is served")
  void waitingAndLongestWait() {
    group(SALES, false, Duration.ZERO);
    operator(ALICE, 1, SALES);
    arrive("s1", SALES); // offered to alice: still waiting until she accepts
    at(10);
    arrive("s2", SALES);
    at(20);
    arrive("s3", SALES);
    at(30);
    assertThat(sales().waiting()).isEqualTo(3);
    assertThat(sales().longestWait()).isEqualTo(Duration.ofSeconds(30));

    acme.accept(SessionId.of("s1"), ALICE).join();
    assertThat(sales().waiting()).isEqualTo(2);
    assertThat(sales().longestWait()).as("s2, since 10 s").isEqualTo(Duration.ofSeconds(20));
    at(45);
    assertThat(sales().longestWait()).isEqualTo(Duration.ofSeconds(35));

    acme.abandon(SessionId.of("s2")).join();
    assertThat(sales().waiting()).isEqualTo(1);
    assertThat(sales().longestWait()).as("s3, since 20 s").isEqualTo(Duration.ofSeconds(25));
    acme.abandon(SessionId.of("s3")).join();
    assertThat(sales().waiting()).isZero();
    assertThat(sales().longestWait()).isZero();
  }

  @Test
  @DisplayName("the service level counts answers within the threshold among the clients answered or abandoned")
  void serviceLevel() {
    group(SALES, false, Duration.ZERO);
    operator(ALICE, 3, SALES);
    arrive("in", SALES);
    arrive("late", SALES);
    arrive("gone", SALES);
    at(10);
    acme.accept(SessionId.of("in"), ALICE).join();
    at(40);
    acme.accept(SessionId.of("late"), ALICE).join();
    at(50);
    acme.abandon(SessionId.of("gone")).join();

    GroupStatistics sales = sales();
    assertThat(sales.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(sales.service().answered()).isEqualTo(2);
    assertThat(sales.answeredInThreshold()).isEqualTo(1);
    assertThat(sales.abandoned()).isEqualTo(1);
    assertThat(sales.serviceLevel().getAsDouble()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(sales.abandonmentRate().getAsDouble()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(sales.averageSpeedOfAnswer()).hasValue(Duration.ofSeconds(25));
    assertThat(sales.inService()).isEqualTo(2);
  }

  @Test
  @DisplayName("figures slide out of the window as the clock moves, while the queue now stays")
  void windowSlides() {
    group(SALES, true, Duration.ZERO);
    operator(ALICE, 1, SALES);
    arrive("s1", SALES); // answered at once
    at(5 * 60);
    arrive("s2", SALES); // waits behind s1
    assertThat(sales().service().answered()).isEqualTo(1);

    at(9 * 60 + 59);
    assertThat(sales().service().answered()).as("the 09:00 minute is still one of the last ten").isEqualTo(1);
    at(10 * 60);
    GroupStatistics sales = sales();
    assertThat(sales.service().answered()).as("slid out").isZero();
    assertThat(sales.serviceLevel()).isEmpty();
    assertThat(sales.waiting()).isEqualTo(1);
    assertThat(sales.longestWait()).isEqualTo(Duration.ofMinutes(5));
    assertThat(sales.inService()).isEqualTo(1);
  }

  @Test
  @DisplayName("handle and wrap-up times are averaged per group and per operator, and sessions in hand counted")
  void handleAndWrapUp() {
    group(SALES, true, Duration.ofMinutes(5));
    operator(ALICE, 2, SALES);
    arrive("s1", SALES);
    arrive("s2", SALES);
    assertThat(acme.statistics().operator(ALICE).orElseThrow().inHand()).isEqualTo(2);
    at(60);
    acme.end(SessionId.of("s2"), Actor.operator(ALICE)).join();
    at(70);
    acme.completeWrapUp(SessionId.of("s2"), ALICE, "solved").join();
    at(120);
    acme.end(SessionId.of("s1"), Actor.operator(ALICE)).join();
    assertThat(acme.statistics().operator(ALICE).orElseThrow().inHand()).as("s1 in wrap-up").isEqualTo(1);
    at(150);
    acme.completeWrapUp(SessionId.of("s1"), ALICE, "solved").join();

    ServiceFigures group = sales().service();
    assertThat(group.handled()).isEqualTo(2);
    assertThat(group.averageHandleTime()).hasValue(Duration.ofSeconds(90));
    assertThat(group.wrappedUp()).isEqualTo(2);
    assertThat(group.averageWrapUpTime()).hasValue(Duration.ofSeconds(20));
    OperatorStatistics alice = acme.statistics().operator(ALICE).orElseThrow();
    assertThat(alice.inHand()).isZero();
    assertThat(alice.service()).isEqualTo(group);
    assertThat(sales().inService()).isZero();
  }

  @Test
  @DisplayName("online, busy and away operators and each operator's status come from the routing state")
  void presence() {
    group(SALES, true, Duration.ZERO);
    operator(ALICE, 1, SALES);
    operator(BOB, 1, SALES);
    operator(OperatorId.of("carol"), 1, SALES);
    acme.setStatus(OperatorId.of("carol"), OperatorStatus.away("lunch")).join();
    arrive("s1", SALES);

    GroupStatistics sales = sales();
    assertThat(sales.online()).isEqualTo(2);
    assertThat(sales.busy()).isEqualTo(1);
    assertThat(sales.away()).isEqualTo(1);
    assertThat(acme.statistics().operator(OperatorId.of("carol")).orElseThrow().status())
        .isEqualTo(OperatorStatus.away("lunch"));
  }

  @Test
  @DisplayName("a redirect moves the wait to the other group, counting neither an answer nor an abandonment")
  void redirect() {
    group(SALES, false, Duration.ZERO);
    group(SUPPORT, false, Duration.ZERO);
    operator(ALICE, 1, SALES);
    arrive("s1", SALES);
    at(30);
    acme.submit(Command.Redirect.toGroup(SessionId.of("s1"), Actor.operator(ALICE), SUPPORT, null)).join();
    at(40);

    TenantStatistics stats = acme.statistics();
    GroupStatistics sales = stats.group(SALES).orElseThrow();
    GroupStatistics support = stats.group(SUPPORT).orElseThrow();
    assertThat(sales.waiting()).isZero();
    assertThat(sales.service().answered() + sales.abandoned()).isZero();
    assertThat(support.waiting()).isEqualTo(1);
    assertThat(support.longestWait()).as("counted from entering the support queue").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("an engine built without statistics says so when asked")
  void noStatistics() {
    try (Parley bare = Parley.builder().sameThread().keepNothing().noStatistics().build()) {
      assertThatThrownBy(() -> bare.statistics(TenantId.of("acme")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("noStatistics()");
    }
  }
}
