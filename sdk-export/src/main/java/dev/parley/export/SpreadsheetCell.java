package dev.parley.export;

import com.google.common.base.CharMatcher;

/**
 * Makes a text safe to open in a spreadsheet: it cannot run as a formula, and it fits in a cell.
 *
 * <p>Formula injection (OWASP "CSV Injection"): a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is taken by Excel, LibreOffice and Google
 * Sheets as a formula, so a client who types {@code =HYPERLINK(...)} into a chat could run it on
 * the administrator's machine. Such a cell gets a leading apostrophe, which spreadsheets show as
 * text and do not evaluate.
 *
 * <p>Length: Excel holds at most {@value SessionExport#MAX_CELL_LENGTH} characters in a cell and
 * breaks the row otherwise; a longer text is cut and ends with {@value
 * SessionExport#TRUNCATION_MARKER}, the whole within the limit.
 */
final class SpreadsheetCell {
  private static final CharMatcher FORMULA_START = CharMatcher.anyOf("=+-@\t\r");

  private SpreadsheetCell() {}

  /** {@code text}, defended against formula injection and cut to the cell limit. */
  static String safe(String text) {
    String defended = !text.isEmpty() && FORMULA_START.matches(text.charAt(0)) ? "'" + text : text;
    return cut(defended, SessionExport.MAX_CELL_LENGTH);
  }

  /** {@code text}, or its start followed by the marker when longer than {@code limit}. */
  static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = limit - SessionExport.TRUNCATION_MARKER.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never leave half of a surrogate pair behind
    }
    return text.substring(0, end) + SessionExport.TRUNCATION_MARKER;
  }
}
