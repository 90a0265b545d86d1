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
import dev.parley.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Statistics on the threaded engine")
class ThreadedStatisticsTest {
  private static final GroupId SALES = GroupId.of("sales");
  private static final int SESSIONS = 2_000;

  @Test
  @DisplayName("are read on other threads while the events come in, and a listener sees its event already counted")
  void readsWhileUpdating() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    CountDownLatch lastEnded = new CountDownLatch(1);
    AtomicLong seenAtLast = new AtomicLong(-1);
    Parley[] engine = new Parley[1];
    try (Parley parley = Parley.builder().keepNothing().clock(clock).listener(e -> {
      if (e instanceof Event.SessionEnded s && s.session().value().equals("s" + (SESSIONS - 1))) {
        engine[0].statisticsAsync(e.tenant()).thenAccept(statistics -> { // a listener may not wait for a read
          seenAtLast.set(statistics.group(SALES).orElseThrow().service().handled());
          lastEnded.countDown();
        });
      }
    }).build()) {
      engine[0] = parley;
      Tenant acme = parley.tenant(TenantId.of("acme"));
      acme.defineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()).join();
      OperatorId alice = OperatorId.of("alice");
      acme.defineOperator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 5).build()).join();
      acme.setStatus(alice, OperatorStatus.ONLINE).join();

      CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
        long reads = 0;
        long answered = 0;
        while (lastEnded.getCount() > 0) {
          GroupStatistics sales = acme.statistics().group(SALES).orElseThrow();
          assertThat(sales.service().answered()).isGreaterThanOrEqualTo(answered);
          assertThat(sales.waiting()).isBetween(0, SESSIONS);
          assertThat(sales.inService()).isBetween(0, 5);
          answered = sales.service().answered();
          reads++;
        }
        return reads;
      });
      for (int i = 0; i < SESSIONS; i++) {
        SessionId s = SessionId.of("s" + i);
        acme.arrive(s, Entry.builder(Channel.WEB_CHAT).group(SALES).build());
        acme.end(s, Actor.operator(alice));
      }

      assertThat(lastEnded.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
      assertThat(seenAtLast.get()).isEqualTo(SESSIONS);
      GroupStatistics sales = acme.statistics().group(SALES).orElseThrow();
      assertThat(sales.service().answered()).isEqualTo(SESSIONS);
      assertThat(sales.waiting()).isZero();
      assertThat(sales.inService()).isZero();
    }
  }

  @Test
  @DisplayName("are sampled into their history by the engine's own thread, as often as the settings say")
  void sampledInTheBackground() {
    try (Parley parley = Parley.builder().keepNothing()
        .statistics(StatisticsSettings.builder().history(Duration.ofMinutes(1), Duration.ofSeconds(1)).build()).build()) {
      Tenant acme = parley.tenant(TenantId.of("acme"));
      acme.defineGroup(GroupSpec.builder(SALES).build()).join();
      OperatorId alice = OperatorId.of("alice");
      acme.defineOperator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
      acme.setStatus(alice, OperatorStatus.ONLINE).join();
      acme.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join(); // offered: waiting
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int samples = 0;
      while (samples < 2 && System.nanoTime() < deadline) {
        samples = parley.statisticsHistory(acme.id()).groups().getOrDefault(SALES, List.of()).size();
        Thread.onSpinWait();
      }
      assertThat(samples).as("two samples a second apart within 10 s").isGreaterThanOrEqualTo(2);
      List<GroupSample> sales = parley.statisticsHistory(acme.id()).groups().get(SALES);
      assertThat(sales.get(sales.size() - 1).waiting()).isEqualTo(1); // the first may precede the arrival's event
      assertThat(Duration.between(sales.get(0).at(), sales.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
