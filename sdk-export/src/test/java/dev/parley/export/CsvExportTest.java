package dev.parley.export;

import static dev.parley.export.TestSessions.ALL;
import static dev.parley.export.TestSessions.T0;
import static dev.parley.export.TestSessions.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord.Sender;
import dev.parley.storage.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A CSV export")
class CsvExportTest {
  @AutoClose private final InMemoryStorage storage = new InMemoryStorage();

  private SessionExport.Builder export(SessionRecord... sessions) {
    storage.sessions().saveAll(List.of(sessions));
    return SessionExport.builder(storage, ALL);
  }

  @Test
  @DisplayName("reads back cell for cell through a CSV parser, quotes, commas, new lines and unicode included")
  void roundTrip() {
    String tricky = "He said \"hi, there\"\r\nthen left; naïve café ✓ 𝄞 日本語";
    SessionRecord session = ended("s-1").clientName(tricky).feedback(5, "line one\nline two").build();

    List<List<String>> rows = Csv.rows(export(session)
        .columns(Column.SESSION_ID, Column.CLIENT_NAME, Column.FEEDBACK, Column.RATING).build());

    assertThat(rows).containsExactly(
        List.of("Session", "Client name", "Feedback", "Rating"),
        List.of("s-1", tricky, "line one\nline two", "5"));
  }

  @Test
  @DisplayName("writes the chosen columns in the chosen order under their headers")
  void columnChoiceAndOrder() {
    SessionRecord session = ended("s-1").tag("vip").tag("refund").parameter("orderId", "A-17")
        .parameter("plan", "gold").build();

    List<List<String>> rows = Csv.rows(export(session).columns(Column.parameter("orderId"), Column.TAGS,
        Column.OPERATOR, Column.SESSION_ID, Column.PARAMETERS).build());

    assertThat(rows).containsExactly(
        List.of("orderId", "Tags", "Operator", "Session", "Parameters"),
        List.of("A-17", "vip, refund", "alice", "s-1", "orderId=A-17; plan=gold"));
  }

  @Test
  @DisplayName("writes times as ISO-8601 in the chosen zone, durations in seconds, and nothing for missing values")
  void timesDurationsAndBlanks() {
    SessionRecord waiting = SessionRecord.builder("acme", "s-2", "WHATSAPP", T0).build();
    SessionExport.Builder export = export(ended("s-1").build(), waiting).columns(Column.SESSION_ID, Column.ARRIVED,
        Column.ACCEPTED, Column.ENDED, Column.WAIT_SECONDS, Column.HANDLE_SECONDS, Column.END_REASON);

    assertThat(Csv.rows(export.build())).containsExactly(
        List.of("Session", "Arrived", "Accepted", "Ended", "Wait (s)", "Handle (s)", "End reason"),
        List.of("s-1", "2024-05-01T10:00:00Z", "2024-05-01T10:00:30Z", "2024-05-01T10:05:30Z", "30", "300",
            "CLIENT_DISCONNECTED"),
        List.of("s-2", "2024-05-01T10:00:00Z", "", "", "", "", ""));
    assertThat(Csv.rows(export.zone(ZoneId.of("Europe/Prague")).build()).get(1).get(1))
        .isEqualTo("2024-05-01T12:00:00+02:00");
  }

  @ParameterizedTest(name = "a cell starting with {0}")
  @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
      "@SUM(A1:A9)", "\t=1+1", "\r=1+1"})
  @DisplayName("prefixes an apostrophe to every cell a spreadsheet would run as a formula")
  void formulaPrefixesDefended(String attack) {
    SessionRecord session = ended("s-1").clientName(attack).build();

    List<List<String>> rows = Csv.rows(export(session).columns(Column.CLIENT_NAME).build());

    assertThat(rows.get(1)).containsExactly("'" + attack);
  }

  @Test
  @DisplayName("defends a parameter's name in the header row as well as its values")
  void headerDefended() {
    SessionRecord session = ended("s-1").parameter("=cmd", "ok").build();

    assertThat(Csv.rows(export(session).columns(Column.parameter("=cmd")).build()))
        .containsExactly(List.of("'=cmd"), List.of("ok"));
  }

  @Test
  @DisplayName("cuts a cell longer than a spreadsheet accepts, with a visible marker, within the limit")
  void longCellCut() {
    String essay = "x".repeat(SessionExport.MAX_CELL_LENGTH * 2);
    SessionRecord session = ended("s-1").feedback(1, essay).build();

    String cell = Csv.rows(export(session).columns(Column.FEEDBACK).build()).get(1).get(0);

    assertThat(cell).hasSize(SessionExport.MAX_CELL_LENGTH).endsWith(SessionExport.TRUNCATION_MARKER)
        .startsWith("xxxxxxxx");
  }

  @Test
  @DisplayName("counts each session's messages when asked for the message count")
  void messageCount() {
    storage.transcripts().append(TestSessions.message("s-1", 1, Sender.CLIENT, null, "hello"));
    storage.transcripts().append(TestSessions.message("s-1", 2, Sender.OPERATOR, "alice", "hi"));

    List<List<String>> rows = Csv.rows(export(ended("s-1").build(), ended("s-2").build())
        .columns(Column.SESSION_ID, Column.MESSAGE_COUNT).build());

    assertThat(rows).containsExactly(List.of("Session", "Messages"), List.of("s-1", "2"), List.of("s-2", "0"));
  }

  @Test
  @DisplayName("encodes UTF-8, with a byte order mark for Excel only when asked, and ends lines with CRLF")
  void encodingAndBom() {
    SessionRecord session = ended("s-1").clientName("Zoë").build();
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteArrayOutputStream marked = new ByteArrayOutputStream();

    SessionExport.Builder export = export(session).columns(Column.CLIENT_NAME);

    long rows = export.build().writeCsv(plain);
    export.byteOrderMark(true).build().writeCsv(marked);

    assertThat(rows).isOne();
    assertThat(plain.toString(StandardCharsets.UTF_8)).isEqualTo("Client name\r\nZoë\r\n");
    assertThat(marked.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(marked.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFFClient name\r\nZoë\r\n");
  }

  @Test
  @DisplayName("writes only the header when nothing matches")
  void empty() {
    assertThat(Csv.rows(export().columns(Column.SESSION_ID, Column.STATUS).build()))
        .containsExactly(List.of("Session", "Status"));
  }

  @Test
  @DisplayName("surfaces a failing output as an UncheckedIOException carrying the cause")
  void ioFailure() {
    FailingOutput broken = new FailingOutput();
    SessionExport export = export(ended("s-1").build()).build();

    assertThatThrownBy(() -> export.writeCsv(broken)).isInstanceOf(UncheckedIOException.class)
        .hasCause(broken.cause);
  }
}
