package dev.parley.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionStore;
import dev.parley.storage.Storage;
import dev.parley.storage.TranscriptStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Exports the sessions a {@link SessionQuery} selects as CSV for spreadsheets or as a standalone
 * HTML document, streamed: sessions are read one page at a time through the query's cursor and
 * written as they come, so a million-row export holds one page in memory, never the list.
 *
 * <pre>{@code
 * SessionExport export = SessionExport.builder(storage, SessionQuery.builder("acme")
 *         .arrivedFrom(monday).arrivedBefore(tuesday).operator("alice").build())
 *     .columns(Column.SESSION_ID, Column.ARRIVED, Column.WAIT_SECONDS, Column.CLIENT_NAME,
 *         Column.END_REASON, Column.parameter("orderId"))
 *     .zone(ZoneId.of("Europe/Prague"))
 *     .byteOrderMark(true)                 // for Excel
 *     .build();
 * try (OutputStream out = Files.newOutputStream(Path.of("sessions.csv"))) {
 *   long rows = export.writeCsv(out);
 * }
 * }</pre>
 *
 * <p>What is exported: every session that matches the query's filters, in the query's order,
 * from the first; the query's own {@code limit} and {@code cursor} (a screen's page) are replaced
 * by the export's {@linkplain Builder#pageSize page size} and a walk through all pages.
 *
 * <p>CSV: UTF-8 (optionally with a byte order mark so that Excel detects it), a header row, RFC
 * 4180 quoting and CRLF line ends by Jackson's CSV generator. Every cell, the header included, is
 * spreadsheet-safe: a cell starting with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe so it is never run as a formula (OWASP CSV injection), and a cell longer than
 * {@value #MAX_CELL_LENGTH} characters (Excel's limit) is cut to end with {@value
 * #TRUNCATION_MARKER} within that limit.
 *
 * <p>HTML: one UTF-8 document with a little inline CSS and nothing to fetch: a table of the
 * columns and, {@linkplain Builder#messages if asked}, each session's messages (client, operator,
 * bot and system ones, with time, author, text and files) under its row. Every text is escaped
 * with Guava's HTML escaper; a page URL or file becomes a link only if it is an http or https URL.
 *
 * <p>Streams: the write methods flush but never close what they are given. An I/O failure of
 * the output surfaces as an {@link UncheckedIOException} and leaves the output incomplete; a
 * failure of the storage surfaces as the store's exception.
 *
 * <p>Thread safety: immutable; it may run several exports at once, each reading the store afresh.
 */
public final class SessionExport {
  /** Excel's limit on the characters in one cell; longer CSV cells are cut to fit. */
  public static final int MAX_CELL_LENGTH = 32_767;

  /** What ends a CSV cell that was cut to {@link #MAX_CELL_LENGTH}. */
  public static final String TRUNCATION_MARKER = "…[truncated]";

  /** How many sessions are read from the store at a time unless {@link Builder#pageSize} says. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  private final SessionStore sessions;
  private final @Nullable TranscriptStore transcripts;
  private final SessionQuery query;
  private final List<Column> columns;
  private final ZoneId zone;
  private final int pageSize;
  private final boolean byteOrderMark;
  private final boolean messages;
  private final String title;

  private SessionExport(Builder b) {
    sessions = b.sessions;
    transcripts = b.transcripts;
    query = b.query;
    columns = b.columns;
    zone = b.zone;
    pageSize = b.pageSize;
    byteOrderMark = b.byteOrderMark;
    messages = b.messages;
    title = b.title;
  }

  /**
   * Starts an export of the sessions {@code query} selects from {@code storage}, whose transcript
   * store serves {@link Column#MESSAGE_COUNT} and the HTML transcripts.
   */
  public static Builder builder(Storage storage, SessionQuery query) {
    requireNonNull(storage, "storage must not be null");
    return builder(storage.sessions(), query).transcripts(storage.transcripts());
  }

  /**
   * Starts an export of the sessions {@code query} selects from {@code sessions}, without
   * transcripts unless {@link Builder#transcripts} adds them.
   */
  public static Builder builder(SessionStore sessions, SessionQuery query) {
    return new Builder(sessions, query);
  }

  /** The columns, in the order written. */
  public List<Column> columns() {
    return columns;
  }

  /**
   * Writes the sessions as UTF-8 CSV to {@code out}, then flushes it (without closing it).
   *
   * @return how many sessions were written (rows, without the header)
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long writeCsv(OutputStream out) {
    return writeCsv(utf8(out));
  }

  /**
   * Writes the sessions as CSV to {@code out}, then flushes it (without closing it). The byte
   * order mark, if chosen, is written as the character {@code U+FEFF}.
   *
   * @return how many sessions were written (rows, without the header)
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long writeCsv(Writer out) {
    requireNonNull(out, "out must not be null");
    try {
      if (byteOrderMark) {
        out.write('\uFEFF');
      }
      long rows = new CsvRows(columns).write(out, rows());
      out.flush();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the sessions as a UTF-8 HTML document to {@code out}, then flushes it (without closing
   * it).
   *
   * @return how many sessions were written
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long writeHtml(OutputStream out) {
    return writeHtml(utf8(out));
  }

  /**
   * Writes the sessions as an HTML document to {@code out}, then flushes it (without closing it).
   * The document declares UTF-8: encode it so.
   *
   * @return how many sessions were written
   * @throws UncheckedIOException if writing to {@code out} fails
   */
  public long writeHtml(Writer out) {
    requireNonNull(out, "out must not be null");
    try {
      return new HtmlDocument(columns, messages, title, out).write(rows());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "SessionExport[" + query + ", columns " + columns + ", zone " + zone + "]";
  }

  private Iterator<SessionRow> rows() {
    DateTimeFormatter times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    return Iterators.transform(new SessionPages(sessions, query, pageSize),
        session -> new SessionRow(session, times, transcripts));
  }

  private static Writer utf8(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(requireNonNull(out, "out must not be null"), UTF_8));
  }

  /**
   * Builds a {@link SessionExport}. Setters check their argument at once; {@link #build()} checks
   * combinations.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    private static final List<Column> DEFAULT_COLUMNS = List.of(Column.SESSION_ID, Column.CHANNEL,
        Column.STATUS, Column.ARRIVED, Column.WAIT_SECONDS, Column.HANDLE_SECONDS, Column.GROUP, Column.OPERATOR,
        Column.CLIENT_NAME, Column.END_REASON, Column.RESULT, Column.RATING, Column.TAGS);

    private final SessionStore sessions;
    private final SessionQuery query;
    private @Nullable TranscriptStore transcripts;
    private List<Column> columns = DEFAULT_COLUMNS;
    private ZoneId zone = ZoneOffset.UTC;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private boolean byteOrderMark;
    private boolean messages;
    private String title = "Sessions";

    private Builder(SessionStore sessions, SessionQuery query) {
      this.sessions = requireNonNull(sessions, "sessions must not be null");
      this.query = requireNonNull(query, "query must not be null");
    }

    /** The store of the sessions' messages, for {@link Column#MESSAGE_COUNT} and {@link #messages}. */
    public Builder transcripts(TranscriptStore transcripts) {
      this.transcripts = requireNonNull(transcripts, "transcripts must not be null");
      return this;
    }

    /** The columns, in order; see {@link #columns(List)}. */
    public Builder columns(Column... columns) {
      return columns(List.of(requireNonNull(columns, "columns must not be null")));
    }

    /**
     * The columns, in order. By default: session, channel, status, arrived, wait, handle, group,
     * operator, client name, end reason, result, rating and tags.
     *
     * @throws NullPointerException if the list or one of its columns is null
     * @throws IllegalArgumentException if the list is empty or holds a column twice
     */
    public Builder columns(List<Column> columns) {
      requireNonNull(columns, "columns must not be null");
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("columns must not be empty: choose at least one, such as Column.SESSION_ID");
      }
      Set<Column> seen = new HashSet<>();
      for (int i = 0; i < columns.size(); i++) {
        Column column = requireNonNull(columns.get(i), "columns[" + i + "] must not be null");
        if (!seen.add(column)) {
          throw new IllegalArgumentException("column " + column + " is chosen twice (again at index " + i + ")");
        }
      }
      this.columns = List.copyOf(columns);
      return this;
    }

    /** The zone the times are written in, as ISO-8601 with its offset; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone must not be null");
      return this;
    }

    /**
     * How many sessions to read from the store at a time; {@value SessionExport#DEFAULT_PAGE_SIZE}
     * by default.
     *
     * @throws IllegalArgumentException unless 1 to {@link SessionQuery#MAX_LIMIT}
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > SessionQuery.MAX_LIMIT) {
        throw new IllegalArgumentException("pageSize must be 1 to " + SessionQuery.MAX_LIMIT + ", was: " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Whether CSV starts with a UTF-8 byte order mark, which Excel needs to read UTF-8; off by default. */
    public Builder byteOrderMark(boolean byteOrderMark) {
      this.byteOrderMark = byteOrderMark;
      return this;
    }

    /** Whether HTML shows each session's messages under its row; off by default. Needs transcripts. */
    public Builder messages(boolean messages) {
      this.messages = messages;
      return this;
    }

    /**
     * The HTML document's title and heading; {@code "Sessions"} by default.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder title(String title) {
      requireNonNull(title, "title must not be null");
      if (title.isBlank()) {
        throw new IllegalArgumentException("title must not be blank, was: '" + title + "'");
      }
      this.title = title;
      return this;
    }

    /**
     * Builds the export.
     *
     * @throws IllegalStateException if messages or {@link Column#MESSAGE_COUNT} are asked for
     *     without a transcript store
     */
    public SessionExport build() {
      if (transcripts == null && (messages || columns.contains(Column.MESSAGE_COUNT))) {
        throw new IllegalStateException((messages ? "messages(true)" : "Column.MESSAGE_COUNT")
            + " needs the sessions' transcripts: call transcripts(...) or start from builder(storage, query)");
      }
      return new SessionExport(this);
    }
  }
}
