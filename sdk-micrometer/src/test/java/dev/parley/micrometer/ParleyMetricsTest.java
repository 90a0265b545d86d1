package dev.parley.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Parley's statistics as Micrometer meters")
class ParleyMetricsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final ManualClock clock = new ManualClock(T0);
  private final MockClock registryClock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, registryClock);
  private final Parley parley = Parley.builder().sameThread().keepNothing().clock(clock).build();
  private final Tenant acme = parley.tenant(TenantId.of("acme"));

  @BeforeEach
  void aliceServesSales() {
    acme.defineGroup(GroupSpec.builder(SALES).autoAccept(true).wrapUpLimit(Duration.ZERO).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private void arrive(String session) {
    acme.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags("tenant", "acme", "group", "sales").tags(tags).gauge().value();
  }

  /** Lets the one-second copy of the statistics go stale. */
  private void nextScrape() {
    registryClock.add(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("no meter exists until the host binds a registry")
  void nothingWithoutRegistry() {
    ParleyMetrics metrics = new ParleyMetrics(parley, acme.id());
    assertThat(registry.getMeters()).isEmpty();
    metrics.bindTo(registry);
    assertThat(registry.getMeters()).isNotEmpty();
    assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a group's gauges read its queue, presence and figures over the window")
  void groupGauges() {
    ParleyMetrics.bindTo(parley, acme.id(), registry);
    arrive("s1");
    arrive("s2");
    clock.advance(Duration.ofSeconds(42));
    nextScrape();

    assertThat(gauge("parley.group.waiting")).isEqualTo(1);
    assertThat(registry.get("parley.group.wait.longest").tags("group", "sales").timeGauge().value(TimeUnit.SECONDS))
        .isEqualTo(42);
    assertThat(gauge("parley.group.operators", "state", "online")).isEqualTo(1);
    assertThat(gauge("parley.group.operators", "state", "busy")).isEqualTo(1);
    assertThat(gauge("parley.group.operators", "state", "away")).isZero();
    assertThat(gauge("parley.group.answered")).isEqualTo(1);
    assertThat(gauge("parley.group.service.level")).isEqualTo(1.0);
    assertThat(gauge("parley.group.abandonment.rate")).isZero();
    assertThat(registry.get("parley.group.handle.time").timeGauge().value(TimeUnit.SECONDS)).as("nothing ended yet").isNaN();
  }

  @Test
  @DisplayName("the estimate accuracy is counted and measured")
  void estimates() {
    ParleyMetrics.bindTo(parley, acme.id(), registry);
    arrive("s0");
    clock.advance(Duration.ofSeconds(100));
    acme.end(SessionId.of("s0"), Actor.operator(ALICE)).join();
    arrive("s1");
    arrive("s2");
    assertThat(acme.estimate(SessionId.of("s2")).orElseThrow().expectedWait()).isEqualTo(Duration.ofSeconds(100));
    clock.advance(Duration.ofSeconds(90));
    acme.end(SessionId.of("s1"), Actor.operator(ALICE)).join();
    nextScrape();

    assertThat(registry.get("parley.wait.estimates.checked").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("parley.wait.estimate.error").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(10);
    assertThat(registry.get("parley.wait.estimate.within.tolerance").gauge().value()).isEqualTo(1);
  }

  @Test
  @DisplayName("a group defined later gets its meters, a removed one loses them, and closing removes them all")
  void groupsComeAndGo() {
    ParleyMetrics metrics = ParleyMetrics.bindTo(parley, acme.id(), registry);
    acme.defineGroup(GroupSpec.builder(GroupId.of("vip")).build()).join();
    assertThat(registry.find("parley.group.waiting").tag("group", "vip").gauge()).isNotNull();

    acme.submit(new Command.RemoveGroup(GroupId.of("vip"))).join();
    assertThat(registry.find("parley.group.waiting").tag("group", "vip").gauge()).isNull();

    metrics.close();
    assertThat(registry.getMeters()).isEmpty();
  }
}
