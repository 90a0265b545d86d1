package dev.parley.storage.jdbc;

import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionQuery} as one SELECT of session rows: each filter that is set is a condition
 * that an index answers, the cursor is a keyset condition on {@code (arrived_at_nanos, id)}, and
 * the query reads one row more than the page holds to know whether another page follows.
 */
final class SessionQuerySql {
  private final String sql;
  private final SqlArguments arguments;

  private SessionQuerySql(String sql, SqlArguments arguments) {
    this.sql = sql;
    this.arguments = arguments;
  }

  /**
   * Puts the query's SQL together.
   *
   * @throws IllegalArgumentException if the query's cursor did not come from a page of a query in
   *     the same order
   */
  static SessionQuerySql of(SessionQuery q, Dialect dialect, TextIndex text) {
    SqlArguments args = new SqlArguments();
    List<String> where = new ArrayList<>();
    String tenant = q.tenant();
    where.add("s.tenant = ?");
    args.add(tenant);
    q.arrivedFrom().ifPresent(from -> {
      where.add("s.arrived_at_nanos >= ?");
      args.add(EpochNanos.clamped(from));
    });
    q.arrivedBefore().ifPresent(before -> {
      where.add("s.arrived_at_nanos < ?");
      args.add(EpochNanos.clamped(before));
    });
    if (q.liveness() == SessionQuery.Liveness.LIVE) {
      where.add("s.closed_at_nanos IS NULL");
    } else if (q.liveness() == SessionQuery.Liveness.CLOSED) {
      where.add("s.closed_at_nanos IS NOT NULL");
    }
    equal(where, args, "s.id", q.session().orElse(null));
    q.operator().ifPresent(operator -> {
      // He holds or last served it, or he accepted it before it moved on. A condition on each
      // session as the page walks the arrival index: the sessions he accepted are read once (a few
      // hundred, through the transitions' operator index) and looked up in a hash. Not a UNION of
      // his sessions on both sides: neither database then walks the index in the page's order, and
      // H2 cannot look the union's ids up in the session key.
      where.add("(s.operator_id = ? OR s.id IN (SELECT t.session_id FROM parley_session_transition t"
          + " WHERE t.tenant = ? AND t.operator_id = ? AND t.status = 'ACTIVE'))");
      args.add(operator).add(tenant).add(operator);
    });
    equal(where, args, "s.group_id", q.group().orElse(null));
    equal(where, args, "s.channel", q.channel().orElse(null));
    equal(where, args, "s.end_reason", q.endReason().orElse(null));
    q.tag().ifPresent(tag -> {
      where.add("s.id IN (SELECT g.session_id FROM parley_session_tag g WHERE g.tenant = ? AND g.tag = ?)");
      args.add(tenant).add(tag);
    });
    q.parameterName().ifPresent(name -> {
      String value = q.parameterValue().orElseThrow();
      // EXISTS, looked up in the key for each session the page walks: a value may be common, and
      // H2 would read all the sessions that have it for an IN.
      where.add("EXISTS (SELECT 1 FROM parley_session_parameter p WHERE p.tenant = s.tenant AND p.session_id = s.id"
          + " AND p.name = ? AND p.value_prefix = ? AND p.value_text = ?)");
      args.add(name).add(SessionChildren.valuePrefix(value)).add(value);
    });
    q.pageUrlContains().ifPresent(part -> {
      where.add(dialect.contains("s.page_url", part, args));
    });
    equal(where, args, "s.chatbot", q.chatbot().orElse(null));
    equal(where, args, "s.contact", q.contact().orElse(null));
    equal(where, args, "s.client", q.client().orElse(null));
    for (String word : q.words()) {
      where.add(text.matches(tenant, word, args));
    }
    boolean newest = q.order() == SessionQuery.Order.NEWEST_FIRST;
    String id = dialect.binaryOrder("s.id");
    q.cursor().ifPresent(cursor -> {
      List<String> key = KeysetCursor.decode(cursor, scope(q), 2);
      long arrived = KeysetCursor.number(cursor, key.get(0));
      // The first condition is implied by the second; H2 starts its index scan from it.
      where.add("s.arrived_at_nanos " + (newest ? "<=" : ">=") + " ?");
      where.add("(s.arrived_at_nanos, " + id + ") " + (newest ? "<" : ">") + " (?, ?)");
      args.add(arrived).add(arrived).add(key.get(1));
    });
    String direction = newest ? " DESC" : " ASC";
    // The tenant, fixed by the WHERE clause, leads the ORDER BY so that it names the arrival
    // index's columns from the first: H2 reads the page from the index (backwards for the newest
    // first) only then, and otherwise sorts all the tenant's matching sessions for every page. The
    // limit is a literal (a number): PostgreSQL plans a statement it has prepared once for all
    // parameters, and for a parameter as the limit it expects a tenth of the rows, not a page.
    return new SessionQuerySql(SessionRow.SELECT + " WHERE " + String.join(" AND ", where)
        + " ORDER BY s.tenant" + direction + ", s.arrived_at_nanos" + direction + ", " + id + direction
        + " LIMIT " + (q.limit() + 1), args);
  }

  /** The cursor of a page of {@code query} whose last session is {@code last}. */
  static String cursor(SessionQuery query, SessionRecord last) {
    return KeysetCursor.encode(scope(query), Long.toString(EpochNanos.of("arrivedAt", last.arrivedAt())), last.id());
  }

  String sql() {
    return sql;
  }

  SqlArguments arguments() {
    return arguments;
  }

  // What a cursor is valid for: the same tenant, filters and order, whatever the limit.
  private static String scope(SessionQuery q) {
    return String.join("\u0001", "sessions", q.tenant(), String.valueOf(q.arrivedFrom().orElse(null)),
        String.valueOf(q.arrivedBefore().orElse(null)), q.liveness().name(), q.session().orElse(""),
        q.operator().orElse(""), q.group().orElse(""), q.channel().orElse(""), q.endReason().orElse(""),
        q.tag().orElse(""), q.parameterName().orElse(""), q.parameterValue().orElse(""),
        q.pageUrlContains().orElse(""), q.chatbot().orElse(""), q.contact().orElse(""), q.client().orElse(""),
        String.join(" ", q.words()), q.order().name());
  }

  private static void equal(List<String> where, SqlArguments args, String column, @Nullable String value) {
    if (value != null) {
      where.add(column + " = ?");
      args.add(value);
    }
  }
}
