package dev.parley.core.internal;

import dev.parley.core.TenantId;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One tenant inside a partition: its routing core, confined to the partition's writer, and the
 * snapshot published to readers.
 */
final class TenantSlot {
  final TenantId id;
  /** Confined to the partition's writer. */
  final RoutingCore core;
  /** The deadline a timer is set for; writer only. */
  @Nullable Instant scheduled;
  /** Bumped by the writer after every change; readers compare it with the snapshot's. */
  volatile long version;
  volatile @Nullable TenantSnapshot snapshot;

  TenantSlot(TenantId id, long seed) {
    this.id = id;
    this.core = new RoutingCore(id, seed);
  }

  /** The published snapshot if it is current. */
  @Nullable TenantSnapshot currentSnapshot() {
    TenantSnapshot s = snapshot;
    return s != null && s.version() == version ? s : null;
  }

  /** Writer only: publishes a current snapshot unless one is. */
  TenantSnapshot refreshSnapshot() {
    TenantSnapshot s = currentSnapshot();
    if (s == null) {
      s = core.snapshot(version);
      snapshot = s;
    }
    return s;
  }
}
