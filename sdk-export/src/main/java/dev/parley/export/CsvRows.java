package dev.parley.export;

import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Writes sessions as CSV rows through Jackson's CSV generator (RFC 4180 quoting, CRLF line ends),
 * one row at a time: a header row, then one row a session, every cell made {@linkplain
 * SpreadsheetCell#safe spreadsheet-safe}.
 */
final class CsvRows {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the stream
      .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING) // quote only where RFC 4180 needs it
      .build();

  private final List<Column> columns;
  private final CsvSchema schema;

  CsvRows(List<Column> columns) {
    this.columns = columns;
    CsvSchema.Builder schema = CsvSchema.builder().setLineSeparator("\r\n");
    columns.forEach(c -> schema.addColumn(c.key()));
    this.schema = schema.build().withoutHeader(); // written as a row below, to be defended as well
  }

  /** Writes the header and a row for each of {@code rows}, then flushes; returns the rows written. */
  long write(Writer out, Iterator<SessionRow> rows) {
    long count = 0;
    try (SequenceWriter csv = MAPPER.writerFor(String[].class).with(schema).writeValues(out)) {
      csv.write(cells(columns.stream().map(Column::header).toArray(String[]::new)));
      while (rows.hasNext()) {
        SessionRow row = rows.next();
        csv.write(cells(columns.stream().map(c -> c.cell(row)).toArray(String[]::new)));
        count++;
      }
    } catch (JacksonIOException e) {
      throw new UncheckedIOException(e.getCause());
    }
    return count;
  }

  private static String[] cells(@Nullable String[] values) {
    String[] cells = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      cells[i] = values[i] == null ? "" : SpreadsheetCell.safe(values[i]);
    }
    return cells;
  }
}
