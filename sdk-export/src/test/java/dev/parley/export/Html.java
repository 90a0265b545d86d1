package dev.parley.export;

import java.io.StringWriter;

/** Runs HTML exports in tests. */
final class Html {
  private Html() {}

  static String write(SessionExport export) {
    StringWriter out = new StringWriter();
    export.writeHtml(out);
    return out.toString();
  }
}
