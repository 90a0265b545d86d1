package dev.parley.storage.jdbc;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.PartitionFences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The partitions' epochs in {@code parley_partition}, and the check every fenced batch begins with.
 *
 * <p>The check reads the partition's row with the dialect's {@linkplain Dialect#fenceLock() fence
 * lock} in the batch's own transaction and keeps it to the commit; a change of owner's {@code
 * UPDATE} waits for it, and a batch that comes after the change sees the new epoch. On PostgreSQL
 * that lock must be {@code FOR SHARE}: {@code FOR KEY SHARE} does not hold back an {@code UPDATE}
 * that leaves the key alone, and a stale batch then commits after the change of owner (the {@code
 * FencingKit} of the storage TCK fails that way).
 *
 * <p>Thread safety: safe for use by several threads at once; it holds no state of its own.
 */
final class PartitionTable implements PartitionFences {
  private static final String EPOCH = "SELECT epoch FROM parley_partition WHERE partition_id = ?";
  // A plain UPDATE, as a cluster's takeover may do: a SELECT ... FOR UPDATE first would wait even
  // for FOR KEY SHARE and hide that mistake from the TCK.
  private static final String ADVANCE =
      "UPDATE parley_partition SET epoch = epoch + 1, changed_at = CURRENT_TIMESTAMP WHERE partition_id = ?";
  private static final String FIRST =
      "INSERT INTO parley_partition (partition_id, epoch, changed_at) VALUES (?, 1, CURRENT_TIMESTAMP)";

  private final Database database;

  /** The table of {@code database}, which must not be a fenced one. */
  PartitionTable(Database database) {
    this.database = database;
  }

  @Override
  public long epoch(int partition) {
    requirePartition(partition);
    return database.run("read the epoch of partition " + partition, c -> epoch(c, EPOCH, partition));
  }

  @Override
  public PartitionFence advance(int partition) {
    requirePartition(partition);
    return database.transaction("move partition " + partition + " to its next epoch", c -> {
      try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
        s.setInt(1, partition);
        if (s.executeUpdate() == 0) {
          // The partition's first owner. Two at once collide on the key; Database runs the loser again.
          try (PreparedStatement insert = c.prepareStatement(FIRST)) {
            insert.setInt(1, partition);
            insert.executeUpdate();
          }
        }
      }
      return new PartitionFence(partition, epoch(c, EPOCH, partition));
    });
  }

  /**
   * The first statement of a batch under {@code fence}, in the batch's transaction on {@code c}:
   * locks the partition's row against a change of owner until the transaction ends, and (where the
   * dialect {@linkplain Dialect#idleLimit can}) has the database end the session if the transaction
   * sits idle for longer than {@code idleTimeout}: a writer paused with the lock held (a stopped
   * process, a link gone dark) then holds up a takeover that long at most, not until TCP gives up.
   *
   * @throws FencedWriteException if the partition is not at the fence's epoch
   */
  static void check(Connection c, Dialect dialect, PartitionFence fence, Duration idleTimeout) throws SQLException {
    String limit = dialect.idleLimit();
    long epoch;
    try (PreparedStatement s = c.prepareStatement(EPOCH + limit + " " + dialect.fenceLock())) {
      s.setInt(1, fence.partition());
      if (!limit.isEmpty()) {
        s.setString(2, Long.toString(Math.max(1, idleTimeout.toMillis())));
      }
      epoch = epoch(s);
    }
    if (epoch != fence.epoch()) {
      throw new FencedWriteException(fence, epoch);
    }
  }

  private static long epoch(Connection c, String sql, int partition) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, partition);
      return epoch(s);
    }
  }

  private static long epoch(PreparedStatement s) throws SQLException {
    try (ResultSet rows = s.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static void requirePartition(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be 0 or more, was: " + partition);
    }
  }
}
