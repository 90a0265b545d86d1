package dev.parley.export;

import static dev.parley.export.TestSessions.ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An export across many pages")
class PagingTest {
  private static final int SESSIONS = 1_234;

  @AutoClose private final InMemoryStorage storage = new InMemoryStorage();
  private List<String> alices;
  private SessionQuery query;

  /** Stores 1,234 sessions, every fifth one bob's and the others alice's; the query asks for alice's. */
  @BeforeEach
  void store() {
    List<SessionRecord> sessions = IntStream.range(0, SESSIONS)
        .mapToObj(i -> TestSessions.numbered(i).toBuilder().operator(i % 5 == 0 ? "bob" : "alice").build())
        .collect(Collectors.toList());
    storage.sessions().saveAll(sessions);
    alices = sessions.stream().filter(s -> s.operator().orElseThrow().equals("alice")).map(SessionRecord::id)
        .collect(Collectors.toList());
    SessionQuery screen = ALL.toBuilder().operator("alice").limit(20).build();
    // the query of a screen showing its second page: the export starts from the first all the same
    query = screen.toBuilder().cursor(storage.sessions().query(screen).next()).build();
  }

  @Test
  @DisplayName("writes every matching session to CSV once, in the query's order, across pages of 7")
  void csvLosesAndRepeatsNothing() {
    List<List<String>> rows = Csv.rows(SessionExport.builder(storage, query).pageSize(7)
        .columns(Column.SESSION_ID, Column.OPERATOR).build());

    assertThat(rows).hasSize(1 + alices.size());
    assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(0)).containsExactlyElementsOf(alices);
    assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(1)).containsOnly("alice");
  }

  @Test
  @DisplayName("writes every matching session to HTML once, in the query's order, across pages of 7")
  void htmlLosesAndRepeatsNothing() {
    String html = Html.write(SessionExport.builder(storage, query).pageSize(7).columns(Column.SESSION_ID).build());

    Matcher cell = Pattern.compile("<tr class=\"session\"><td>([^<]*)</td>").matcher(html);
    assertThat(cell.results().map(m -> m.group(1))).containsExactlyElementsOf(alices);
    assertThat(html).contains(alices.size() + " sessions");
  }

  @Test
  @DisplayName("stops with a clear error when a store hands back the cursor it was given")
  void stuckCursor() {
    PagedSessionStore stuck = new PagedSessionStore(1, TestSessions::numbered) {
      @Override
      public Page<SessionRecord> query(SessionQuery q) {
        return new Page<>(List.of(TestSessions.numbered(0)), "again");
      }
    };
    SessionExport export = SessionExport.builder(stuck, query).build();

    assertThatThrownBy(() -> Csv.write(export)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'again'");
  }
}
