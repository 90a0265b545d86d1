package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every history query, on a database loaded with {@value #LOADED} sessions, is planned on an index:
 * the database's own EXPLAIN shows no scan of all the sessions. Subclasses name the database and
 * how its plan shows that scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoryPlanContract {
  static final int LOADED = 100_000;
  private static final Instant T0 = Instant.parse("2026-10-01T07:00:00Z");

  private JdbcStorage storage;
  private DataSource dataSource;
  private String deepCursor;

  /** A pool on an empty database of the kind under test; closed by {@link #close}. */
  abstract DataSource emptyDatabase();

  /** What the database's plan says where it reads every row of {@code parley_session}. */
  abstract String fullScan();

  /** What comes before a query to get its plan instead of its rows. */
  String explain() {
    return "EXPLAIN ";
  }

  /** The column of the plan's rows that describes each step. */
  int planColumn() {
    return 1;
  }

  /** Brings the database's statistics up to date, where its planner needs that after a load. */
  abstract void analyze(Connection c) throws SQLException;

  @BeforeAll
  void load() throws SQLException {
    dataSource = emptyDatabase();
    storage = JdbcStorage.using(dataSource).build();
    SplittableRandom random = new SplittableRandom(11);
    List<SessionRecord> sessions = new ArrayList<>();
    List<MessageRecord> messages = new ArrayList<>();
    for (int i = 0; i < LOADED; i++) {
      Instant at = T0.plusSeconds(i * 60L);
      String id = "p" + i;
      String operator = "op" + random.nextInt(200);
      SessionRecord.Builder b = SessionRecord.builder("acme", id, List.of("WEB_CHAT", "WHATSAPP", "EMAIL").get(i % 3), at)
          .group("g" + random.nextInt(20)).client("visitor-" + i % 5_000).contact(i % 50 == 0 ? "c" + i % 400 : null)
          .parameter("plan", random.nextInt(5) == 0 ? "gold" : "basic")
          .transition(new SessionTransition(at, SessionStatus.QUEUED, "client", null, null, null));
      if (i % 100 == 0) {
        sessions.add(b.build()); // still waiting
        continue;
      }
      b.status(SessionStatus.ENDED).operator(operator).endReason(random.nextInt(4) == 0 ? "TIMED_OUT" : "CLIENT_LEFT")
          .closedAt(at.plusSeconds(300)).chatbot(i % 40 == 0 ? "faq-bot" : null)
          .transition(new SessionTransition(at.plusSeconds(9), SessionStatus.ACTIVE, "operator:" + operator, null,
              null, operator));
      if (i % 50 == 7) {
        b.tag("vip");
      }
      sessions.add(b.build());
      if (i % 20 == 3) {
        messages.add(new MessageRecord("acme", id, id + "-m", at.plusSeconds(20), MessageRecord.Sender.CLIENT, null,
            i % 100 == 3 ? "a refund, please" : "where is my parcel", List.of(), MessageRecord.Delivery.SENT));
      }
      if (sessions.size() == 1_000) {
        storage.sessions().saveAll(sessions);
        sessions.clear();
      }
    }
    storage.sessions().saveAll(sessions);
    storage.transcripts().appendAll(messages);
    try (Connection c = dataSource.getConnection()) {
      analyze(c);
    }
    String cursor = null;
    for (int page = 0; page < 5; page++) {
      cursor = storage.sessions().query(SessionQuery.builder("acme").limit(1_000).cursor(cursor).build()).next();
    }
    deepCursor = cursor;
  }

  @AfterAll
  void close() {
    storage.close();
    if (dataSource instanceof AutoCloseable pool) {
      try {
        pool.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        query("newest", q -> q),
        query("operatorWeek", q -> q.operator("op17").arrivedFrom(T0.plus(Duration.ofDays(3)))
            .arrivedBefore(T0.plus(Duration.ofDays(10)))),
        query("group", q -> q.group("g3")),
        query("channel", q -> q.channel("EMAIL")),
        query("endReason", q -> q.endReason("TIMED_OUT")),
        query("tag", q -> q.tag("vip")),
        query("parameter", q -> q.parameter("plan", "gold")),
        query("contact", q -> q.contact("c100")),
        query("client", q -> q.client("visitor-42")),
        query("chatbot", q -> q.chatbot("faq-bot")),
        query("live", q -> q.liveness(SessionQuery.Liveness.LIVE)),
        query("word", q -> q.text("refund")),
        query("oldestFirst", q -> q.order(SessionQuery.Order.OLDEST_FIRST).tag("vip")));
  }

  private static Arguments query(String name, UnaryOperator<SessionQuery.Builder> filter) {
    return Arguments.of(name, filter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void theQueryIsPlannedOnIndexes(String name, UnaryOperator<SessionQuery.Builder> filter) throws SQLException {
    SessionQuery query = filter.apply(SessionQuery.builder("acme").limit(50)).build();
    assertThat(storage.sessions().query(query).items()).as("the loaded history has some of " + name).isNotEmpty();
    assertThat(plan(query)).doesNotContainIgnoringCase(fullScan());
  }

  @Test
  void aDeepPageIsPlannedOnIndexes() throws SQLException {
    SessionQuery query = SessionQuery.builder("acme").limit(50).cursor(deepCursor).build();
    assertThat(plan(query)).doesNotContainIgnoringCase(fullScan());
  }

  private String plan(SessionQuery query) throws SQLException {
    Dialect dialect = Dialect.of(dataSource);
    SessionQuerySql sql = SessionQuerySql.of(query, dialect, dialect.textIndex());
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(explain() + sql.sql())) {
      sql.arguments().bind(s);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(planColumn())).append('\n');
        }
      }
      return plan.toString();
    }
  }
}
