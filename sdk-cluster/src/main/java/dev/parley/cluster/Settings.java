package dev.parley.cluster;

import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/** What a {@link ClusterNode.Builder} was given, checked. */
record Settings(
    DataSource dataSource,
    String nodeId,
    String address,
    int partitions,
    Placement placement,
    Duration heartbeatInterval,
    Duration selfFenceAfter,
    Duration deadAfter,
    Duration claimGrace,
    Duration drainTimeout,
    PartitionListener listener,
    Executor listenerExecutor) {

  /** How long a claim or a release waits for a row lock before the next round tries again. */
  Duration lockTimeout() {
    return heartbeatInterval.dividedBy(4);
  }

  /** How long one round of claims may take before the rest waits for the next: heartbeats go first. */
  Duration claimBudget() {
    return heartbeatInterval.dividedBy(2);
  }
}
