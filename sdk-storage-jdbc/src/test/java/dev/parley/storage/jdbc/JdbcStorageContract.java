package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.ContactRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.Words;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the {@link dev.parley.storage.tck.StorageTck} cannot see of {@link JdbcStorage}, on H2 and
 * on a real PostgreSQL: that the full-text index agrees with {@link Words} on words the databases'
 * own text search would split or escape, that values longer than an index entry are found exactly,
 * that text orders are {@link String#compareTo}'s whatever the database's collation, and that
 * removing transcripts leaves nothing behind in the index.
 */
abstract class JdbcStorageContract {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");

  JdbcStorage storage;

  /** A pool on an empty database, for the test's storage and for looking at the tables. */
  abstract DataSource pool();

  @BeforeEach
  void openStorage() {
    storage = JdbcStorage.using(pool()).build();
    ParleyTables.empty(pool());
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  static SessionRecord.Builder session(String id, Instant arrived) {
    return SessionRecord.builder("acme", id, "WEB_CHAT", arrived)
        .transition(new SessionTransition(arrived, SessionStatus.QUEUED, "client", null, "sales", null));
  }

  static MessageRecord message(String session, String id, String text) {
    return new MessageRecord("acme", session, id, T0, MessageRecord.Sender.CLIENT, null, text, List.of(),
        MessageRecord.Delivery.SENT);
  }

  List<String> ids(SessionQuery.Builder query) {
    return storage.sessions().query(query.limit(SessionQuery.MAX_LIMIT).build()).items().stream()
        .map(SessionRecord::id).toList();
  }

  @Test
  @DisplayName("full-text search finds exactly what Words says, also for words a database's own search would split")
  void searchAgreesWithWords() {
    // Words that share prefixes, carry accents, or look like numbers, URLs, quotes or wildcards.
    String[] vocabulary = {"Refund", "refunded", "réfund", "card", "Cárdigan", "ship", "shipping", "Žluťoučký",
        "kůň", "3d", "1e5", "1.5", "o'neil", "a_b", "100%", "naïve", "ÆON", "x-ray", "http://a.example/b?c=d",
        "ß", "İstanbul", "東京", "ﬁle"};
    Random random = new Random(42);
    Map<String, List<String>> texts = new HashMap<>();
    for (int s = 0; s < 16; s++) {
      String id = "s-" + s;
      storage.sessions().save(session(id, T0.plusSeconds(s)).build());
      List<String> messages = new ArrayList<>();
      for (int m = 0; m < random.nextInt(4); m++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 1 + random.nextInt(4); w++) {
          text.append(vocabulary[random.nextInt(vocabulary.length)]).append(w % 2 == 0 ? " " : ", ");
        }
        messages.add(text.toString());
        storage.transcripts().append(message(id, id + "-m" + m, text.toString()));
      }
      texts.put(id, messages);
    }
    List<String> queries = List.of("ref", "REFUND", "refunded", "refunds", "card ship", "cardi", "zlut",
        "žluťoučký kůň", "kun", "3", "1e", "1e5", "1 5", "o neil", "a b", "a_b", "100", "naive", "aeon", "æon",
        "x ray", "http a example", "ss", "ß", "istanbul", "i̇stanbul", "東", "file", "fi", "r s c", "%", "_", "'",
        "\\", "'':*", "a:* | b", "!card");
    for (String query : queries) {
      List<String> words = Words.of(query);
      List<String> expected = texts.entrySet().stream()
          .filter(e -> words.stream().allMatch(w -> e.getValue().stream()
              .anyMatch(text -> Words.of(text).stream().anyMatch(t -> t.startsWith(w)))))
          .map(Map.Entry::getKey)
          .toList();
      assertThat(ids(SessionQuery.builder("acme").text(query))).as(query).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @DisplayName("a parameter value longer than an index entry is stored and found exactly")
  void longParameterValues() {
    String shared = "x".repeat(SessionChildren.VALUE_PREFIX);
    SessionRecord a = storage.sessions().save(session("a", T0).parameter("form", shared + "a".repeat(5000)).build());
    storage.sessions().save(session("b", T0).parameter("form", shared + "b").build());
    // A surrogate pair across the prefix's end must not be cut in two.
    String emoji = "y".repeat(SessionChildren.VALUE_PREFIX - 1) + "😀";
    storage.sessions().save(session("c", T0).parameter("form", emoji).build());

    assertThat(storage.sessions().find("acme", "a")).contains(a);
    assertThat(ids(SessionQuery.builder("acme").parameter("form", shared + "b"))).containsExactly("b");
    assertThat(ids(SessionQuery.builder("acme").parameter("form", shared))).isEmpty();
    assertThat(ids(SessionQuery.builder("acme").parameter("form", emoji))).containsExactly("c");
  }

  @Test
  @DisplayName("ids, names and tags are ordered as String.compareTo orders them, whatever the collation")
  void binaryTextOrder() {
    List<String> texts = List.of("b", "B", "a", "A", "_x", "a-b", "ab", "Ä", "z", "é", "e");
    for (String id : texts) {
      storage.sessions().save(session(id, T0).build());
      storage.contacts().save(new ContactRecord("acme", "c-" + id, id, List.of(), Map.of(), T0, 0));
      storage.tags().used("acme", "alice", id, T0);
    }
    List<String> sorted = texts.stream().sorted().toList();
    List<String> reversed = texts.stream().sorted(Comparator.reverseOrder()).toList();

    assertThat(ids(SessionQuery.builder("acme").order(SessionQuery.Order.OLDEST_FIRST))).isEqualTo(sorted);
    List<String> paged = new ArrayList<>();
    SessionQuery query = SessionQuery.builder("acme").limit(3).build();
    for (Page<SessionRecord> page = storage.sessions().query(query); ; ) {
      page.items().forEach(s -> paged.add(s.id()));
      if (page.next() == null) {
        break;
      }
      page = storage.sessions().query(query.toBuilder().cursor(page.next()).build());
    }
    assertThat(paged).isEqualTo(reversed);
    assertThat(storage.contacts().list("acme", null, 100).items()).extracting(ContactRecord::name).isEqualTo(sorted);
    assertThat(storage.tags().recent("acme", "alice", 100)).isEqualTo(sorted);
  }

  @Test
  @DisplayName("erasing or purging a session leaves none of its messages, files or words behind")
  void removesTranscriptsWhole() throws SQLException {
    storage.sessions().save(session("erased", T0).build());
    storage.sessions().save(session("purged", T0).status(SessionStatus.ENDED).closedAt(T0.plusSeconds(1)).build());
    storage.sessions().save(session("kept", T0).build());
    for (String id : List.of("erased", "purged", "kept")) {
      storage.transcripts().append(new MessageRecord("acme", id, id + "-m", T0, MessageRecord.Sender.CLIENT, null,
          "refund " + id, List.of(new MessageRecord.FileRef("a.pdf", "application/pdf", 1, "s3://a")),
          MessageRecord.Delivery.SENT));
    }

    storage.sessions().erase("acme", "erased", T0.plusSeconds(2));
    storage.sessions().purgeClosedBefore("acme", T0.plusSeconds(5));

    assertThat(ids(SessionQuery.builder("acme").text("refund"))).containsExactly("kept");
    for (String table : List.of("parley_message", "parley_message_file", textIndexTable())) {
      assertThat(rows(table)).as(table).isPositive();
      assertThat(rows(table)).as(table).isEqualTo(rowsOf(table, "kept"));
    }
  }

  private String textIndexTable() throws SQLException {
    try (Connection c = pool().getConnection()) {
      return c.getMetaData().getDatabaseProductName().equals("H2") ? "parley_message_word" : "parley_message_text";
    }
  }

  private long rows(String table) throws SQLException {
    return count("SELECT COUNT(*) FROM " + table);
  }

  // The rows of one session's transcript; files are keyed by their message ("<session>-m").
  private long rowsOf(String table, String session) throws SQLException {
    return count(table.equals("parley_message_file")
        ? "SELECT COUNT(*) FROM " + table + " WHERE message_id = '" + session + "-m'"
        : "SELECT COUNT(*) FROM " + table + " WHERE session_id = '" + session + "'");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = pool().getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
