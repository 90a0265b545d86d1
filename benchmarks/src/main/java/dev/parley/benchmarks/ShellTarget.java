package dev.parley.benchmarks;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import java.time.Duration;

/**
 * The threaded runtime shell under {@link LatencyHarness}'s load: one partition, one tenant whose
 * group of 1,000 auto-accepting web-chat operators (capacity 4) has 1,000 sessions in service. A
 * listener hands each command's first event to the probe.
 *
 * <p>Thread safety: as {@link LoadTarget}.
 */
final class ShellTarget implements LoadTarget {
  static final int OPERATORS = 1_000;

  private final Parley parley;
  private final Tenant tenant;

  ShellTarget(LatencyProbe probe) {
    parley = Parley.builder()
        .partitions(1)
        .listener(event -> {
          long k = LatencyHarness.commandAnswered(event);
          if (k >= 0) {
            probe.arrived(k);
          }
        })
        .build();
    tenant = parley.tenant(TenantId.of("latency"));
    tenant.configure(TenantSettings.builder().endedRetention(Duration.ZERO).build()).join();
    tenant.defineGroup(CoreDriver.autoAcceptGroup(LatencyHarness.GROUP, RoutingStrategy.BY_UTILIZATION)).join();
    for (int i = 0; i < OPERATORS; i++) {
      OperatorId op = OperatorId.of("op" + i);
      tenant.defineOperator(OperatorSpec.builder(op).group(LatencyHarness.GROUP).channel(Channel.WEB_CHAT, 4).build())
          .join();
      tenant.setStatus(op, OperatorStatus.ONLINE).join();
    }
    for (int i = 0; i < LatencyHarness.IN_SERVICE; i++) {
      tenant.arrive(LatencyHarness.sessionId(i), LatencyHarness.ENTRY).join();
    }
  }

  @Override
  public void send(int k, Command command) {
    tenant.submit(command);
  }

  @Override
  public void close() {
    parley.close();
  }
}
