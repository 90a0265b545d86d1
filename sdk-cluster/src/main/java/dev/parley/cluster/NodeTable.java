package dev.parley.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nodes in {@code parley_node}, on a node's control connection (auto-commit): registering with
 * a new incarnation and its advisory lock, the heartbeat, leaving, and which nodes are alive.
 *
 * <p>A node is alive while it is {@code ACTIVE} or {@code LEAVING} (shutting down, handing its
 * partitions off: no partition prefers it any more), its heartbeat is younger than the time-out by
 * PostgreSQL's clock, and the session advisory lock keyed by its incarnation is held: PostgreSQL
 * drops the lock as soon as it sees the node's connection close (a crash), long before the
 * heartbeat is old. Node clocks never decide.
 */
final class NodeTable {
  /** The advisory locks' first key, "PRLY": the second is the node's incarnation. */
  static final int LOCK_SPACE = 0x50524C59;

  /** SQL that is true for a live row {@code n} of {@code parley_node}; its one parameter is the time-out in ms. */
  static final String ALIVE = "n.status IN ('ACTIVE', 'LEAVING') AND n.heartbeat_at > now() - ? * INTERVAL '1 millisecond'"
      + " AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
      + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
      + " AND l.classid::bigint = " + LOCK_SPACE + " AND l.objid::bigint = n.incarnation)";

  private static final String NEXT_INCARNATION = "SELECT nextval('parley_node_incarnation')";
  private static final String LOCK = "SELECT pg_try_advisory_lock(" + LOCK_SPACE + ", ?)";
  private static final String NAME = "SELECT set_config('application_name', ?, false)";
  private static final String IN_USE = "SELECT 1 FROM parley_node n WHERE n.node_id = ? AND " + ALIVE;
  private static final String REGISTER = "INSERT INTO parley_node (node_id, incarnation, address, heartbeat_at, status)"
      + " VALUES (?, ?, ?, now(), 'ACTIVE') ON CONFLICT (node_id) DO UPDATE SET incarnation = EXCLUDED.incarnation,"
      + " address = EXCLUDED.address, heartbeat_at = EXCLUDED.heartbeat_at, status = EXCLUDED.status";
  private static final String BEAT = "UPDATE parley_node SET heartbeat_at = now() WHERE node_id = ? AND incarnation = ?"
      + " AND status IN ('ACTIVE', 'LEAVING')";
  private static final String LEAVING =
      "UPDATE parley_node SET status = 'LEAVING' WHERE node_id = ? AND incarnation = ? AND status = 'ACTIVE'";
  private static final String LEAVE = "UPDATE parley_node SET status = 'LEFT' WHERE node_id = ? AND incarnation = ?";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(" + LOCK_SPACE + ", ?)";
  private static final String LIVE =
      "SELECT n.node_id, n.incarnation, n.address, n.status = 'LEAVING' FROM parley_node n WHERE " + ALIVE;

  /** A live node as {@code parley_node} has it; a leaving one still owns partitions, but is preferred for none. */
  record Node(String id, long incarnation, String address, boolean leaving) {}

  private NodeTable() {}

  /**
   * Registers {@code node} on its control connection {@code c}: takes a new incarnation, holds its
   * advisory lock for as long as the connection lives, names the connection after it (so that
   * {@code pg_stat_activity} shows it), and records it as alive.
   *
   * @return the new incarnation
   * @throws IllegalStateException if a live node already runs under this id
   */
  static long register(Connection c, String node, String address, Duration deadAfter) throws SQLException {
    long incarnation;
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(NEXT_INCARNATION)) {
      rows.next();
      incarnation = rows.getLong(1);
    }
    try (PreparedStatement s = c.prepareStatement(LOCK)) {
      s.setInt(1, (int) incarnation);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          throw new IllegalStateException("the advisory lock of incarnation " + incarnation + " is held by"
              + " another session: was sequence parley_node_incarnation reset by hand?");
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(NAME)) {
      s.setString(1, applicationName(node, incarnation));
      s.executeQuery().close();
    }
    try (PreparedStatement s = c.prepareStatement(IN_USE)) {
      s.setString(1, node);
      s.setLong(2, deadAfter.toMillis());
      try (ResultSet rows = s.executeQuery()) {
        if (rows.next()) {
          throw new IllegalStateException("node id " + node + " is in use by a live node: give every node of"
              + " the cluster its own id, or stop the other one first");
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(REGISTER)) {
      s.setString(1, node);
      s.setLong(2, incarnation);
      s.setString(3, address);
      s.executeUpdate();
    }
    return incarnation;
  }

  /** What {@code pg_stat_activity.application_name} shows for a node's control connection. */
  static String applicationName(String node, long incarnation) {
    return "parley-node " + node + " " + incarnation;
  }

  /**
   * Sets the node's heartbeat to PostgreSQL's {@code now()}.
   *
   * @return false if the row is no longer this incarnation's (another start of the node replaced
   *     it) or the node has left
   */
  static boolean beat(Connection c, String node, long incarnation) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(BEAT)) {
      s.setString(1, node);
      s.setLong(2, incarnation);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Records that the node is shutting down: alive still, owning its partitions until it has handed
   * them off, but preferred for none, so that the others claim each at once when it is released.
   */
  static void leaving(Connection c, String node, long incarnation) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LEAVING)) {
      s.setString(1, node);
      s.setLong(2, incarnation);
      s.executeUpdate();
    }
  }

  /** Records that the node has left, and lets its advisory lock go. */
  static void leave(Connection c, String node, long incarnation) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LEAVE)) {
      s.setString(1, node);
      s.setLong(2, incarnation);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(UNLOCK)) {
      s.setInt(1, (int) incarnation);
      s.executeQuery().close();
    }
  }

  /** The live nodes by id. */
  static Map<String, Node> live(Connection c, Duration deadAfter) throws SQLException {
    Map<String, Node> live = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(LIVE)) {
      s.setLong(1, deadAfter.toMillis());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          live.put(rows.getString(1), new Node(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getBoolean(4)));
        }
      }
    }
    return live;
  }
}
