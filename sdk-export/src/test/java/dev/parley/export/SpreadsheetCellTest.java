package dev.parley.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A spreadsheet cell")
class SpreadsheetCellTest {

  @Test
  @DisplayName("leaves ordinary text, and text with a formula character further in, as it is")
  void ordinary() {
    assertThat(SpreadsheetCell.safe("a=b+c-d@e")).isEqualTo("a=b+c-d@e");
    assertThat(SpreadsheetCell.safe("")).isEmpty();
    assertThat(SpreadsheetCell.safe(" =1")).isEqualTo(" =1");
  }

  @Test
  @DisplayName("keeps a text of exactly the limit whole")
  void atLimit() {
    String full = "y".repeat(SessionExport.MAX_CELL_LENGTH);
    assertThat(SpreadsheetCell.safe(full)).isEqualTo(full);
  }

  @Test
  @DisplayName("counts the apostrophe it adds against the limit")
  void defendedThenCut() {
    String cell = SpreadsheetCell.safe("=" + "y".repeat(SessionExport.MAX_CELL_LENGTH));
    assertThat(cell).hasSize(SessionExport.MAX_CELL_LENGTH).startsWith("'=y").endsWith(SessionExport.TRUNCATION_MARKER);
  }

  @Test
  @DisplayName("never cuts a character outside the basic plane in half")
  void surrogatePairs() {
    String clefs = "𝄞".repeat(SessionExport.MAX_CELL_LENGTH);
    String cell = SpreadsheetCell.safe(clefs);
    String kept = cell.substring(0, cell.length() - SessionExport.TRUNCATION_MARKER.length());
    assertThat(cell.length()).isLessThanOrEqualTo(SessionExport.MAX_CELL_LENGTH);
    assertThat(kept.codePoints()).allMatch(cp -> cp == "𝄞".codePointAt(0));
  }
}
