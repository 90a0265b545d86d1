package dev.parley.benchmarks;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The database's own limit for {@link StorageWriteBenchmark}: the rows a session write makes
 * (the session's row with its lifecycle columns, a row per new transition, its parameters and
 * tags, the message) written by a bare JDBC loop into plain tables with a primary key each and an
 * index by arrival, with the batching the engine uses (one {@code executeBatch} per statement,
 * one commit per batch of session writes) and none of Parley's work: no version reads, no JSON of
 * attachments, no full-text index. An update is checked by its version as Parley's is.
 *
 * <p>Not thread-safe: one writer, as one partition.
 */
final class BareJdbcWrites {
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE bare_session (tenant VARCHAR(64) NOT NULL, id VARCHAR(128) NOT NULL, version BIGINT NOT NULL,"
          + " channel VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, client VARCHAR(128), client_name VARCHAR(256),"
          + " page_url VARCHAR(1024), language VARCHAR(16), grp VARCHAR(64), operator VARCHAR(64),"
          + " arrived_nanos BIGINT NOT NULL, ended_nanos BIGINT, end_reason VARCHAR(32), result VARCHAR(64),"
          + " rating INTEGER, PRIMARY KEY (tenant, id))",
      "CREATE INDEX bare_session_arrived ON bare_session (tenant, arrived_nanos)",
      "CREATE TABLE bare_transition (tenant VARCHAR(64) NOT NULL, session_id VARCHAR(128) NOT NULL, seq INTEGER NOT NULL,"
          + " at_nanos BIGINT NOT NULL, status VARCHAR(16) NOT NULL, actor VARCHAR(128) NOT NULL, reason VARCHAR(32),"
          + " grp VARCHAR(64), operator VARCHAR(64), PRIMARY KEY (tenant, session_id, seq))",
      "CREATE TABLE bare_parameter (tenant VARCHAR(64) NOT NULL, session_id VARCHAR(128) NOT NULL,"
          + " name VARCHAR(64) NOT NULL, param_value VARCHAR(1024) NOT NULL, PRIMARY KEY (tenant, session_id, name))",
      "CREATE TABLE bare_tag (tenant VARCHAR(64) NOT NULL, session_id VARCHAR(128) NOT NULL, tag VARCHAR(64) NOT NULL,"
          + " PRIMARY KEY (tenant, session_id, tag))",
      "CREATE TABLE bare_message (tenant VARCHAR(64) NOT NULL, session_id VARCHAR(128) NOT NULL,"
          + " id VARCHAR(128) NOT NULL, at_nanos BIGINT NOT NULL, sender VARCHAR(16) NOT NULL, author VARCHAR(64),"
          + " text VARCHAR(8000) NOT NULL, PRIMARY KEY (tenant, session_id, id))");
  private static final String INSERT = "INSERT INTO bare_session (tenant, id, version, channel, status, client,"
      + " client_name, page_url, language, grp, operator, arrived_nanos, ended_nanos, end_reason, result, rating)"
      + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE = "UPDATE bare_session SET version = version + 1, channel = ?, status = ?,"
      + " client = ?, client_name = ?, page_url = ?, language = ?, grp = ?, operator = ?, arrived_nanos = ?,"
      + " ended_nanos = ?, end_reason = ?, result = ?, rating = ? WHERE tenant = ? AND id = ? AND version = ?";
  private static final String TRANSITION = "INSERT INTO bare_transition (tenant, session_id, seq, at_nanos, status,"
      + " actor, reason, grp, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String PARAMETER = "INSERT INTO bare_parameter (tenant, session_id, name, param_value) VALUES (?, ?, ?, ?)";
  private static final String TAG = "INSERT INTO bare_tag (tenant, session_id, tag) VALUES (?, ?, ?)";
  private static final String MESSAGE = "INSERT INTO bare_message (tenant, session_id, id, at_nanos, sender, author,"
      + " text) VALUES (?, ?, ?, ?, ?, ?, ?)";

  private final Connection connection;

  /** Makes the tables on {@code connection}, which it then owns, in manual-commit mode. */
  BareJdbcWrites(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement s = connection.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    }
    connection.setAutoCommit(false);
  }

  /**
   * Writes {@code sessions} (each at the version it was read at, 0 for a new one) with their new
   * transitions, parameters and tags, and {@code messages}, in one transaction.
   */
  void write(List<SessionRecord> sessions, List<MessageRecord> messages) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT);
        PreparedStatement update = connection.prepareStatement(UPDATE);
        PreparedStatement transition = connection.prepareStatement(TRANSITION);
        PreparedStatement parameter = connection.prepareStatement(PARAMETER);
        PreparedStatement tag = connection.prepareStatement(TAG);
        PreparedStatement message = connection.prepareStatement(MESSAGE)) {
      for (SessionRecord r : sessions) {
        if (r.version() == 0) {
          insert.setString(1, r.tenant());
          insert.setString(2, r.id());
          bindColumns(insert, 3, r);
          insert.addBatch();
          for (Map.Entry<String, String> p : r.parameters().entrySet()) {
            parameter.setString(1, r.tenant());
            parameter.setString(2, r.id());
            parameter.setString(3, p.getKey());
            parameter.setString(4, p.getValue());
            parameter.addBatch();
          }
        } else {
          int next = bindColumns(update, 1, r);
          update.setString(next, r.tenant());
          update.setString(next + 1, r.id());
          update.setLong(next + 2, r.version());
          update.addBatch();
        }
        List<SessionTransition> transitions = r.transitions();
        SessionTransition last = transitions.get(transitions.size() - 1);
        transition.setString(1, r.tenant());
        transition.setString(2, r.id());
        transition.setInt(3, transitions.size());
        transition.setLong(4, nanos(last.at()));
        transition.setString(5, last.status().name());
        transition.setString(6, last.actor());
        transition.setString(7, last.reason());
        transition.setString(8, last.group());
        transition.setString(9, last.operator());
        transition.addBatch();
        if (r.status() == SessionStatus.ACTIVE) {
          for (String t : r.tags()) {
            tag.setString(1, r.tenant());
            tag.setString(2, r.id());
            tag.setString(3, t);
            tag.addBatch();
          }
        }
      }
      for (MessageRecord m : messages) {
        message.setString(1, m.tenant());
        message.setString(2, m.session());
        message.setString(3, m.id());
        message.setLong(4, nanos(m.at()));
        message.setString(5, m.sender().name());
        message.setString(6, m.author());
        message.setString(7, m.text());
        message.addBatch();
      }
      insert.executeBatch();
      for (int count : update.executeBatch()) {
        if (count != 1) {
          throw new IllegalStateException("a session's update found another version: the baseline is broken");
        }
      }
      transition.executeBatch();
      parameter.executeBatch();
      tag.executeBatch();
      message.executeBatch();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static int bindColumns(PreparedStatement s, int first, SessionRecord r) throws SQLException {
    int i = first;
    s.setString(i++, r.channel());
    s.setString(i++, r.status().name());
    s.setString(i++, r.client().orElse(null));
    s.setString(i++, r.clientName().orElse(null));
    s.setString(i++, r.pageUrl().orElse(null));
    s.setString(i++, r.language().orElse(null));
    s.setString(i++, r.group().orElse(null));
    s.setString(i++, r.operator().orElse(null));
    s.setLong(i++, nanos(r.arrivedAt()));
    s.setObject(i++, r.endedAt().map(BareJdbcWrites::nanos).orElse(null), Types.BIGINT);
    s.setString(i++, r.endReason().orElse(null));
    s.setString(i++, r.result().orElse(null));
    s.setObject(i++, r.rating().orElse(null), Types.INTEGER);
    return i;
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  void close() throws SQLException {
    connection.close();
  }
}
