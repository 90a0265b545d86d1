package dev.parley.export;

import java.io.StringWriter;
import java.util.List;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/** Runs CSV exports in tests and reads them back with Jackson's CSV parser. */
final class Csv {
  private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

  private Csv() {}

  static String write(SessionExport export) {
    StringWriter out = new StringWriter();
    export.writeCsv(out);
    return out.toString();
  }

  /** The rows of {@code csv}, the header first, each as its cells. */
  static List<List<String>> parse(String csv) {
    return MAPPER.readerForListOf(String.class).<List<String>>readValues(csv).readAll();
  }

  /** Exports and reads back. */
  static List<List<String>> rows(SessionExport export) {
    return parse(write(export));
  }
}
