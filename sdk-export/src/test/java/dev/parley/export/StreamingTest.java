package dev.parley.export;

import static dev.parley.export.TestSessions.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.ByteStreams;
import com.google.common.io.CountingOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The export streams: the sessions come from a store that makes each page only when asked and the
 * bytes go to an output that keeps none, so the test holds a page at a time, never the whole
 * export. That the output has received most of the export before the store is even asked for
 * its last page shows the export writes as it reads instead of gathering first.
 */
@DisplayName("A large export")
class StreamingTest {
  private final CountingOutputStream out = new CountingOutputStream(ByteStreams.nullOutputStream());
  private final List<Long> bytesAtEachPage = new ArrayList<>();

  @Test
  @DisplayName("streams 200,000 sessions to CSV page by page as they are read")
  void csv() {
    int sessions = 200_000;
    long rows = SessionExport.builder(store(sessions), ALL)
        .columns(Column.SESSION_ID, Column.ARRIVED, Column.CLIENT_NAME).build().writeCsv(out);

    assertThat(rows).isEqualTo(sessions);
    assertStreamed(sessions);
  }

  @Test
  @DisplayName("streams 50,000 sessions with their messages to HTML page by page as they are read")
  void html() {
    int sessions = 50_000;
    long rows = SessionExport.builder(store(sessions), ALL).transcripts(new GeneratedTranscriptStore()).messages(true).build()
        .writeHtml(out);

    assertThat(rows).isEqualTo(sessions);
    assertStreamed(sessions);
  }

  private PagedSessionStore store(int sessions) {
    return new PagedSessionStore(sessions, TestSessions::numbered).onQuery(() -> bytesAtEachPage.add(out.getCount()));
  }

  private void assertStreamed(int sessions) {
    assertThat(bytesAtEachPage).hasSize(sessions / SessionExport.DEFAULT_PAGE_SIZE).isSorted();
    long beforeLastPage = bytesAtEachPage.get(bytesAtEachPage.size() - 1);
    assertThat(beforeLastPage).isGreaterThan(out.getCount() / 2);
  }
}
