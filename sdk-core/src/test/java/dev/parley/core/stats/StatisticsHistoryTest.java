package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The statistics' history")
class StatisticsHistoryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final OperatorId BOB = OperatorId.of("bob");

  private final ManualClock clock = new ManualClock(T0);
  @AutoClose private final Parley parley = Parley.builder().sameThread().keepNothing().clock(clock)
      .statistics(StatisticsSettings.builder().history(Duration.ofMinutes(3), Duration.ofMinutes(1)).build()).build();
  private final Tenant acme = parley.tenant(ACME);

  private List<GroupSample> sales() {
    return parley.statisticsHistory(ACME).groups().getOrDefault(SALES, List.of());
  }

  private void minute(int m) {
    clock.set(T0.plus(Duration.ofMinutes(m)));
    parley.tick();
  }

  @Test
  @DisplayName("samples each group once a minute on tick: waiting, presence, service level, abandonment and occupancy")
  void samples() {
    acme.defineGroup(GroupSpec.builder(SALES).offerTimeout(Duration.ofHours(1)).build()).join();
    // alice takes one chat at a time; bob, online too, takes only calls
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
    acme.defineOperator(OperatorSpec.builder(BOB).group(SALES).channel(Channel.PHONE, 1).build()).join();
    for (OperatorId op : List.of(ALICE, BOB)) {
      acme.setStatus(op, OperatorStatus.ONLINE).join();
    }
    acme.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
    acme.accept(SessionId.of("s1"), ALICE).join();
    acme.arrive(SessionId.of("s2"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
    acme.arrive(SessionId.of("s3"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
    minute(0);
    clock.set(T0.plusSeconds(30));
    parley.tick(); // less than a minute since the last sample: none
    assertThat(sales()).hasSize(1);
    GroupSample first = sales().get(0);
    assertThat(first.at()).isEqualTo(T0);
    assertThat(first.waiting()).isEqualTo(2); // s2 and s3 wait for alice
    assertThat(first.online()).isEqualTo(2);
    assertThat(first.busy()).isEqualTo(1);
    assertThat(first.occupancy()).hasValue(0.5);
    assertThat(first.serviceLevel()).hasValue(1.0);
    assertThat(first.abandonmentRate()).hasValue(0.0);

    acme.abandon(SessionId.of("s3")).join();
    minute(1);
    GroupSample second = sales().get(1);
    assertThat(second.waiting()).isEqualTo(1);
    assertThat(second.abandonmentRate()).hasValue(0.5);
    assertThat(second.serviceLevel()).hasValue(0.5);
  }

  @Test
  @DisplayName("keeps no more than its span holds, dropping the oldest samples")
  void bounded() {
    acme.defineGroup(GroupSpec.builder(SALES).build()).join();
    acme.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
    for (int m = 0; m < 10; m++) {
      minute(m);
    }
    assertThat(sales()).extracting(GroupSample::at)
        .containsExactly(T0.plus(Duration.ofMinutes(7)), T0.plus(Duration.ofMinutes(8)), T0.plus(Duration.ofMinutes(9)));
    assertThat(parley.statisticsHistory(ACME).every()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  @DisplayName("refuses samples closer than a second or more than 10,080 of them")
  void settings() {
    StatisticsSettings.Builder b = StatisticsSettings.builder();
    assertThatThrownBy(() -> b.history(Duration.ofHours(1), Duration.ofMillis(500))).hasMessageContaining("PT0.5S");
    assertThatThrownBy(() -> b.history(Duration.ofDays(30), Duration.ofMinutes(1))).hasMessageContaining("43200 samples");
    assertThatThrownBy(() -> b.history(Duration.ofSeconds(30), Duration.ofMinutes(1))).hasMessageContaining("0 samples");
  }
}
