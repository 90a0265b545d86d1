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
import dev.parley.storage.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Statistics after a restart")
class AfterRestartTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();

  private Parley start() {
    return Parley.builder().sameThread().clock(clock).storage(storage).build();
  }

  private static void arrive(Tenant t, String session) {
    t.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
  }

  @Test
  @DisplayName("the rebuilt sessions count: clients waiting since they entered the queue, sessions in hand")
  void rebuiltSessionsCount() {
    try (Parley before = start()) {
      Tenant acme = before.tenant(ACME);
      acme.defineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()).join();
      acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
      acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
      arrive(acme, "s1"); // served
      clock.advance(Duration.ofSeconds(10));
      arrive(acme, "s2"); // waits
    }
    clock.advance(Duration.ofSeconds(30));

    try (Parley after = start()) {
      Tenant acme = after.tenant(ACME);
      GroupStatistics sales = acme.statistics().group(SALES).orElseThrow();
      assertThat(sales.waiting()).isEqualTo(1);
      assertThat(sales.longestWait()).isEqualTo(Duration.ofSeconds(30));
      assertThat(sales.inService()).isEqualTo(1);
      assertThat(acme.statistics().operator(ALICE).orElseThrow().inHand()).isEqualTo(1);

      acme.end(SessionId.of("s1"), Actor.operator(ALICE)).join(); // s2 is answered
      sales = acme.statistics().group(SALES).orElseThrow();
      assertThat(sales.waiting()).isZero();
      assertThat(sales.service().answered()).isEqualTo(1);
      assertThat(sales.averageSpeedOfAnswer()).hasValue(Duration.ofSeconds(30));
      assertThat(sales.service().handled()).as("s1's acceptance was before the restart").isZero();
      assertThat(acme.statistics().operator(ALICE).orElseThrow().inHand()).isEqualTo(1);
    }
  }
}
