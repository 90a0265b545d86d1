package dev.parley.benchmarks;

import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RoutingCore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real routing core of one tenant, driven through its public commands at one fixed instant
 * (nothing measured waits for a deadline) into one reused event list, so that a benchmark measures
 * the core and not the list. Ended sessions are not retained, so session ids can be used again.
 *
 * <p>Thread safety: none; one benchmark thread owns it.
 */
final class CoreDriver {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  final RoutingCore core = new RoutingCore(TenantId.of("bench"), 1);
  private final List<Event> sink = new ArrayList<>();

  CoreDriver() {
    apply(new Command.ConfigureTenant(TenantSettings.builder().endedRetention(Duration.ZERO).build()));
  }

  /** A group that accepts offers on its operators' behalf at once, with no offer time-out and no wrap-up. */
  static GroupSpec autoAcceptGroup(GroupId id, RoutingStrategy strategy) {
    return GroupSpec.builder(id)
        .strategy(strategy)
        .autoAccept(true)
        .offerTimeout(Duration.ZERO)
        .wrapUpLimit(Duration.ZERO)
        .build();
  }

  /** Applies {@code command}; returns its events, valid until the next call. */
  List<Event> apply(Command command) {
    sink.clear();
    core.apply(command, NOW, sink);
    return sink;
  }

  /** Defines the operator and sets him online. */
  void defineOnline(OperatorSpec spec) {
    apply(new Command.DefineOperator(spec));
    apply(new Command.SetStatus(spec.id(), OperatorStatus.ONLINE));
  }
}
