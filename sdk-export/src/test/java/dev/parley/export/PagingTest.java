package dev.parley.export;

import static dev.parley.export.TestSessions.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An export across many pages")
class PagingTest {
  private static final int SESSIONS = 1_234;
  private static final List<String> IDS =
      IntStream.range(0, SESSIONS).mapToObj(i -> "s-" + i).collect(Collectors.toList());

  private final PagedSessionStore store = new PagedSessionStore(SESSIONS, TestSessions::numbered);
  private final SessionQuery query = SessionQuery.builder(TENANT).operator("alice").limit(20).cursor("after:600")
      .build();

  @Test
  @DisplayName("writes every session of every page to CSV once, in the store's order")
  void csvLosesAndRepeatsNothing() {
    List<List<String>> rows = Csv.rows(SessionExport.builder(store, query).pageSize(7)
        .columns(Column.SESSION_ID).build());

    assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(0)).containsExactlyElementsOf(IDS);
    assertThat(store.queries()).hasSize((SESSIONS + 6) / 7);
  }

  @Test
  @DisplayName("writes every session of every page to HTML once, in the store's order")
  void htmlLosesAndRepeatsNothing() {
    String html = Html.write(SessionExport.builder(store, query).pageSize(7).columns(Column.SESSION_ID).build());

    Matcher cell = Pattern.compile("<tr class=\"session\"><td>([^<]*)</td>").matcher(html);
    List<String> ids = cell.results().map(m -> m.group(1)).collect(Collectors.toList());
    assertThat(ids).containsExactlyElementsOf(IDS);
    assertThat(html).contains("1234 sessions");
  }

  @Test
  @DisplayName("keeps the query's filters, starts at its first page, and asks for pages of the chosen size")
  void queriesTheStoreWithTheFilters() {
    Csv.write(SessionExport.builder(store, query).pageSize(500).columns(Column.SESSION_ID).build());

    assertThat(store.queries()).extracting(SessionQuery::cursor).map(c -> c.orElse(null))
        .containsExactly(null, "after:500", "after:1000");
    assertThat(store.queries()).allSatisfy(q -> {
      assertThat(q.limit()).isEqualTo(500);
      assertThat(q.operator()).contains("alice");
      assertThat(q.tenant()).isEqualTo(TENANT);
    });
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
