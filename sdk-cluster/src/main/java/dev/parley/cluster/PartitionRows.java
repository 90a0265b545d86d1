package dev.parley.cluster;

import dev.parley.storage.PartitionFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The partitions in {@code parley_partition}: creating the cluster's rows, reading them, and the
 * two transactions that change an owner, each on a connection of its own.
 *
 * <p>A claim (or takeover) is one transaction: {@code SELECT ... FOR UPDATE} of the row, which waits
 * for the fenced batch of the old owner in flight ({@code FOR SHARE}), the check that the owner is
 * free, dead or this very node, {@code epoch = epoch + 1} with the new owner, and {@code NOTIFY
 * parley_partition}. A release (a hand-off) moves the epoch on too, so that nothing the old owner
 * still sends lands. Both set a lock time-out, so that a batch held open by a paused node delays a
 * claim by at most that long before the next round tries again, and never holds up the caller's
 * heartbeats.
 */
final class PartitionRows {
  /** The channel every change of owner is notified on. */
  static final String CHANNEL = "parley_partition";

  // Only into an empty table: the count is fixed when the cluster is made.
  private static final String CREATE = "INSERT INTO parley_partition (partition_id, epoch)"
      + " SELECT g, 0 FROM generate_series(0, ? - 1) g WHERE NOT EXISTS (SELECT 1 FROM parley_partition)"
      + " ON CONFLICT (partition_id) DO NOTHING";
  private static final String COUNT = "SELECT COUNT(*), MAX(partition_id) FROM parley_partition";
  private static final String ROWS =
      "SELECT partition_id, epoch, owner_node, owner_incarnation FROM parley_partition ORDER BY partition_id";
  private static final String LOCK_FOR_CLAIM = "SELECT p.epoch, p.owner_node IS NULL"
      + " OR (p.owner_node = ? AND p.owner_incarnation = ?)"
      + " OR NOT EXISTS (SELECT 1 FROM parley_node n WHERE n.node_id = p.owner_node"
      + " AND n.incarnation = p.owner_incarnation AND " + NodeTable.ALIVE + ")"
      + " FROM parley_partition p WHERE p.partition_id = ? FOR UPDATE OF p";
  private static final String TAKE = "UPDATE parley_partition SET epoch = epoch + 1, owner_node = ?,"
      + " owner_incarnation = ?, changed_at = now() WHERE partition_id = ?";
  private static final String RELEASE = "UPDATE parley_partition SET epoch = epoch + 1, owner_node = NULL,"
      + " owner_incarnation = NULL, changed_at = now()"
      + " WHERE partition_id = ? AND epoch = ? AND owner_node = ? AND owner_incarnation = ?";
  private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";

  /** A partition as {@code parley_partition} has it. */
  record Row(int partition, long epoch, @Nullable String owner, long incarnation) {
    boolean ownedBy(String node, long incarnation) {
      return node.equals(owner) && this.incarnation == incarnation;
    }
  }

  private PartitionRows() {}

  /**
   * Makes the rows of a cluster of {@code partitions} partitions if there are none yet.
   *
   * @throws IllegalStateException if the cluster was made with another count
   */
  static void create(Connection c, int partitions) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CREATE)) {
      s.setInt(1, partitions);
      s.executeUpdate();
    }
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(COUNT)) {
      rows.next();
      long count = rows.getLong(1);
      int max = rows.getInt(2);
      if (count != partitions || max != partitions - 1) {
        throw new IllegalStateException("parley_partition holds " + count + " partitions (0 to " + max
            + ") but this node was configured with " + partitions + ": configure every node with the count"
            + " the cluster was created with");
      }
    }
  }

  /** Every partition, in order. */
  static List<Row> read(Connection c) throws SQLException {
    List<Row> list = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(ROWS)) {
      while (rows.next()) {
        list.add(new Row(rows.getInt(1), rows.getLong(2), rows.getString(3), rows.getLong(4)));
      }
    }
    return list;
  }

  /**
   * Claims {@code partition} for the node if it is free, its owner is dead, or it is the node's own
   * (then at a new epoch: the node had stopped serving it).
   *
   * @return the node's fence, or empty if another live node owns the partition
   */
  static Optional<PartitionFence> claim(Connection c, int partition, String node, long incarnation,
      Duration deadAfter, Duration lockTimeout) throws SQLException {
    return inTransaction(c, lockTimeout, () -> {
      long epoch;
      try (PreparedStatement s = c.prepareStatement(LOCK_FOR_CLAIM)) {
        s.setString(1, node);
        s.setLong(2, incarnation);
        s.setLong(3, deadAfter.toMillis());
        s.setInt(4, partition);
        try (ResultSet rows = s.executeQuery()) {
          if (!rows.next() || !rows.getBoolean(2)) {
            return Optional.empty();
          }
          epoch = rows.getLong(1) + 1;
        }
      }
      try (PreparedStatement s = c.prepareStatement(TAKE)) {
        s.setString(1, node);
        s.setLong(2, incarnation);
        s.setInt(3, partition);
        s.executeUpdate();
      }
      notify(c, partition, epoch, node);
      return Optional.of(new PartitionFence(partition, epoch));
    });
  }

  /**
   * Releases the node's partition at {@code fence}, moving its epoch on.
   *
   * @return false if the partition was no longer the node's at that epoch
   */
  static boolean release(Connection c, PartitionFence fence, String node, long incarnation, Duration lockTimeout)
      throws SQLException {
    return inTransaction(c, lockTimeout, () -> {
      try (PreparedStatement s = c.prepareStatement(RELEASE)) {
        s.setInt(1, fence.partition());
        s.setLong(2, fence.epoch());
        s.setString(3, node);
        s.setLong(4, incarnation);
        if (s.executeUpdate() == 0) {
          return false;
        }
      }
      notify(c, fence.partition(), fence.epoch() + 1, "");
      return true;
    });
  }

  private static void notify(Connection c, int partition, long epoch, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(NOTIFY)) {
      s.setString(1, partition + " " + epoch + " " + owner);
      s.executeQuery().close();
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private static <T> T inTransaction(Connection c, Duration lockTimeout, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
      }
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
