package dev.parley.export;

import static dev.parley.export.TestSessions.ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.SessionQuery;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The export builder")
class SessionExportBuilderTest {
  @AutoClose private final InMemoryStorage storage = new InMemoryStorage();
  private final SessionExport.Builder builder = SessionExport.builder(storage.sessions(), ALL);

  @Test
  @DisplayName("rejects an empty list of columns")
  void emptyColumns() {
    assertThatThrownBy(() -> builder.columns(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns must not be empty");
    assertThatThrownBy(() -> builder.columns()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("rejects null columns, naming the index of a null one")
  void nullColumns() {
    assertThatNullPointerException().isThrownBy(() -> builder.columns((List<Column>) null))
        .withMessage("columns must not be null");
    assertThatNullPointerException().isThrownBy(() -> builder.columns(Arrays.asList(Column.SESSION_ID, null)))
        .withMessage("columns[1] must not be null");
  }

  @Test
  @DisplayName("rejects a column chosen twice, naming it")
  void duplicateColumn() {
    assertThatThrownBy(() -> builder.columns(Column.parameter("a"), Column.STATUS, Column.parameter("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter:a").hasMessageContaining("2");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -1, SessionQuery.MAX_LIMIT + 1})
  @DisplayName("rejects a page size the store cannot serve")
  void pageSize(int size) {
    assertThatThrownBy(() -> builder.pageSize(size)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was: " + size);
  }

  @Test
  @DisplayName("rejects a blank title")
  void blankTitle() {
    assertThatThrownBy(() -> builder.title(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title must not be blank");
  }

  @Test
  @DisplayName("refuses messages or a message count without a transcript store, saying how to give one")
  void transcriptsNeeded() {
    assertThatThrownBy(() -> builder.messages(true).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("messages(true)").hasMessageContaining("transcripts(...)");
    assertThatThrownBy(() -> builder.messages(false).columns(Column.MESSAGE_COUNT).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Column.MESSAGE_COUNT");
    assertThat(builder.transcripts(storage.transcripts()).messages(true).build().columns())
        .containsExactly(Column.MESSAGE_COUNT);
  }

  @Test
  @DisplayName("starts with a useful set of columns")
  void defaultColumns() {
    assertThat(builder.build().columns()).startsWith(Column.SESSION_ID, Column.CHANNEL, Column.STATUS)
        .doesNotContain(Column.MESSAGE_COUNT);
  }
}
