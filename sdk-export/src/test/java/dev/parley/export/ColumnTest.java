package dev.parley.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A column")
class ColumnTest {

  @Test
  @DisplayName("is found again by its key, for every standard column and for parameters")
  void forKeyRoundTrips() {
    assertThat(Column.standard()).hasSize(33).allSatisfy(c -> assertThat(Column.forKey(c.key())).isSameAs(c));
    assertThat(Column.forKey("parameter:orderId")).isEqualTo(Column.parameter("orderId"))
        .hasToString("parameter:orderId").extracting(Column::header).isEqualTo("orderId");
  }

  @Test
  @DisplayName("has a distinct key and header among the standard ones")
  void distinct() {
    assertThat(Column.standard().stream().map(Column::header).collect(Collectors.toSet()))
        .hasSameSizeAs(Column.standard());
  }

  @Test
  @DisplayName("rejects an unknown key, naming it and the keys there are")
  void unknownKey() {
    assertThatThrownBy(() -> Column.forKey("colour")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'colour'").hasMessageContaining("end_reason").hasMessageContaining("parameter:<name>");
  }

  @Test
  @DisplayName("rejects a blank parameter name")
  void blankParameter() {
    assertThatThrownBy(() -> Column.parameter("  ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter name must not be blank");
    assertThatThrownBy(() -> Column.forKey("parameter:")).isInstanceOf(IllegalArgumentException.class);
  }
}
