package dev.parley.storage.jdbc;

import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A session's scalar fields as a row of {@code parley_session}: the statements that write and read
 * the row, and the mapping between its columns and a {@link SessionRecord}. The lists of a session
 * are in {@link SessionChildren}.
 */
final class SessionRow {
  /** The columns after {@code tenant, id, version}, in the order {@link #values} gives them. */
  private static final List<String> COLUMNS = List.of(
      "channel", "arrived_at_nanos", "status", "arrival_seq", "entered_queue_at_nanos", "priority",
      "client", "client_name", "phone", "email", "contact", "widget", "page_url", "language", "browser", "os",
      "subject", "invitation_code", "chatbot", "reopens", "group_id", "target", "operator_id",
      "accepted_at_nanos", "ended_at_nanos", "closed_at_nanos", "wrap_up_deadline_nanos",
      "end_reason", "wrap_up_result", "rating", "feedback", "erased_at_nanos");

  private static final int[] TYPES = COLUMNS.stream().mapToInt(SessionRow::sqlType).toArray();

  /** Reads every column of the sessions aliased {@code s}; append the WHERE clause. */
  static final String SELECT = "SELECT s.tenant, s.id, s.version, s." + String.join(", s.", COLUMNS)
      + " FROM parley_session s";

  static final String INSERT = "INSERT INTO parley_session (tenant, id, version, " + String.join(", ", COLUMNS)
      + ") VALUES (?, ?, ?" + ", ?".repeat(COLUMNS.size()) + ")";

  /** Binds {@link #values}, then tenant, id and the version read. */
  static final String UPDATE = "UPDATE parley_session SET version = ?, " + String.join(" = ?, ", COLUMNS)
      + " = ? WHERE tenant = ? AND id = ? AND version = ?";

  static final String VERSION = "SELECT version FROM parley_session WHERE tenant = ? AND id = ?";

  private SessionRow() {}

  /**
   * The record's column values in {@link #COLUMNS} order, converted before any statement runs so
   * that an instant the schema cannot hold fails with an {@link IllegalArgumentException} first.
   */
  static Object[] values(SessionRecord r) {
    return new Object[] {
      r.channel(), EpochNanos.of("arrivedAt", r.arrivedAt()), r.status().name(), r.arrivalSeq(),
      EpochNanos.of("enteredQueueAt", r.enteredQueueAt()), r.priority(),
      r.client().orElse(null), r.clientName().orElse(null), r.phone().orElse(null), r.email().orElse(null),
      r.contact().orElse(null), r.widget().orElse(null), r.pageUrl().orElse(null), r.language().orElse(null),
      r.browser().orElse(null), r.os().orElse(null), r.subject().orElse(null), r.invitationCode().orElse(null),
      r.chatbot().orElse(null), r.reopens().orElse(null), r.group().orElse(null), r.target().orElse(null),
      r.operator().orElse(null),
      EpochNanos.ofNullable("acceptedAt", r.acceptedAt().orElse(null)),
      EpochNanos.ofNullable("endedAt", r.endedAt().orElse(null)),
      EpochNanos.ofNullable("closedAt", r.closedAt().orElse(null)),
      EpochNanos.ofNullable("wrapUpDeadline", r.wrapUpDeadline().orElse(null)),
      r.endReason().orElse(null), r.result().orElse(null), r.rating().orElse(null), r.feedback().orElse(null),
      EpochNanos.ofNullable("erasedAt", r.erasedAt().orElse(null)),
    };
  }

  /** Binds {@code values} from parameter {@code first} on; returns the next parameter's index. */
  static int bind(PreparedStatement s, int first, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(first + i, values[i], TYPES[i]); // a null as a typed NULL
    }
    return first + values.length;
  }

  private static int sqlType(String column) {
    if (column.endsWith("_nanos") || column.equals("arrival_seq")) {
      return Types.BIGINT;
    }
    return column.equals("priority") || column.equals("rating") ? Types.INTEGER : Types.VARCHAR;
  }

  /** Reads the row {@link #SELECT} is on, without the session's lists. */
  static SessionRecord.Builder read(ResultSet rows) throws SQLException {
    return SessionRecord.builder(
            rows.getString(1), rows.getString(2), rows.getString(4), EpochNanos.toInstant(rows.getLong(5)))
        .version(rows.getLong(3))
        .status(SessionStatus.valueOf(rows.getString(6)))
        .arrivalSeq(rows.getLong(7))
        .enteredQueueAt(EpochNanos.toInstant(rows.getLong(8)))
        .priority(rows.getInt(9))
        .client(rows.getString(10))
        .clientName(rows.getString(11))
        .phone(rows.getString(12))
        .email(rows.getString(13))
        .contact(rows.getString(14))
        .widget(rows.getString(15))
        .pageUrl(rows.getString(16))
        .language(rows.getString(17))
        .browser(rows.getString(18))
        .os(rows.getString(19))
        .subject(rows.getString(20))
        .invitationCode(rows.getString(21))
        .chatbot(rows.getString(22))
        .reopens(rows.getString(23))
        .group(rows.getString(24))
        .target(rows.getString(25))
        .operator(rows.getString(26))
        .acceptedAt(EpochNanos.read(rows, 27))
        .endedAt(EpochNanos.read(rows, 28))
        .closedAt(EpochNanos.read(rows, 29))
        .wrapUpDeadline(EpochNanos.read(rows, 30))
        .endReason(rows.getString(31))
        .result(rows.getString(32))
        .feedback(rating(rows), rows.getString(34))
        .erasedAt(EpochNanos.read(rows, 35));
  }

  // getInt and wasNull, not getObject(33, Integer.class): SQLite's driver fails that on a null.
  private static @Nullable Integer rating(ResultSet rows) throws SQLException {
    int rating = rows.getInt(33);
    return rows.wasNull() ? null : rating;
  }
}
