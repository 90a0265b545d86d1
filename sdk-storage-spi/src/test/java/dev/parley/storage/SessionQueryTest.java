package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionQueryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("a new query lists everything of its tenant, newest first, 50 at a time")
  void defaults() {
    SessionQuery q = SessionQuery.builder("acme").build();

    assertThat(q.tenant()).isEqualTo("acme");
    assertThat(q.order()).isEqualTo(SessionQuery.Order.NEWEST_FIRST);
    assertThat(q.liveness()).isEqualTo(SessionQuery.Liveness.ANY);
    assertThat(q.limit()).isEqualTo(50);
    assertThat(q.words()).isEmpty();
    assertThat(q.cursor()).isEmpty();
    assertThat(q.operator()).isEmpty();
    assertThat(q.parameterName()).isEmpty();
  }

  @Test
  @DisplayName("the text is split into normalized words; a text without words searches nothing")
  void text() {
    assertThat(SessionQuery.builder("acme").text("Refund, ÚČET!").build().words()).containsExactly("refund", "ucet");
    assertThat(SessionQuery.builder("acme").text("?!").build().words()).isEmpty();
    assertThat(SessionQuery.builder("acme").text("a").text(null).build().words()).isEmpty();
  }

  @Test
  @DisplayName("toBuilder keeps every filter, so only the cursor need change for the next page")
  void toBuilder() {
    SessionQuery q = SessionQuery.builder("acme").arrivedFrom(T0).arrivedBefore(T0.plusSeconds(1))
        .liveness(SessionQuery.Liveness.CLOSED).session("s-1").operator("alice").group("sales").channel("WEB_CHAT")
        .endReason("X").tag("vip").parameter("plan", "gold").pageUrlContains("/p").chatbot("bot").contact("c-1")
        .client("v-1").text("refund").order(SessionQuery.Order.OLDEST_FIRST).limit(7).build();

    SessionQuery next = q.toBuilder().cursor("abc").build();

    assertThat(next).usingRecursiveComparison().ignoringFields("cursor").isEqualTo(q);
    assertThat(next.cursor()).contains("abc");
    assertThat(next.parameterValue()).contains("gold");
    assertThat(next.filtersAndOrder()).isEqualTo(q.filtersAndOrder());
  }

  @Test
  @DisplayName("queries that differ in any filter or the order differ in what their cursors are valid for")
  void cursorScope() {
    String base = SessionQuery.builder("acme").tag("vip").build().filtersAndOrder();

    assertThat(SessionQuery.builder("acme").tag("vip").limit(3).cursor("x").build().filtersAndOrder()).isEqualTo(base);
    assertThat(SessionQuery.builder("acme").tag("vi").build().filtersAndOrder()).isNotEqualTo(base);
    assertThat(SessionQuery.builder("acme").tag("vip").group("vip").build().filtersAndOrder()).isNotEqualTo(base);
    assertThat(SessionQuery.builder("acme").tag("vip").order(SessionQuery.Order.OLDEST_FIRST).build()
        .filtersAndOrder()).isNotEqualTo(base);
  }

  @Test
  @DisplayName("a limit outside 1 to 1000 is rejected and shown")
  void limit() {
    assertThat(SessionQuery.builder("acme").limit(SessionQuery.MAX_LIMIT).build().limit()).isEqualTo(1000);
    assertThatThrownBy(() -> SessionQuery.builder("acme").limit(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> SessionQuery.builder("acme").limit(1001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001");
  }

  @Test
  @DisplayName("a parameter needs both its name and its value, or neither")
  void parameter() {
    assertThatThrownBy(() -> SessionQuery.builder("acme").parameter("plan", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan");
    assertThatThrownBy(() -> SessionQuery.builder("acme").parameter(null, "gold"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold");
    assertThat(SessionQuery.builder("acme").parameter("plan", "gold").parameter(null, null).build().parameterName())
        .isEmpty();
  }

  @Test
  @DisplayName("blank filters, a bad channel name and a missing tenant are rejected with their names")
  void rejects() {
    assertThatThrownBy(() -> SessionQuery.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> SessionQuery.builder("acme").operator(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("operator");
    assertThatThrownBy(() -> SessionQuery.builder("acme").cursor("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> SessionQuery.builder("acme").channel("web_chat"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web_chat");
    assertThatThrownBy(() -> SessionQuery.builder("acme").order(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("order");
  }
}
