package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.ContactRecord.Identity.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContactRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Identity PHONE = new Identity(Kind.PHONE, "+420601234567");

  @Test
  @DisplayName("details keep the order they were given in, and are a copy")
  void details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("zeta", "1");
    details.put("alpha", "2");
    ContactRecord c = new ContactRecord("acme", "c-1", "Zoë", List.of(PHONE), details, T0, 0);

    details.put("new", "3");

    assertThat(c.details().keySet()).containsExactly("zeta", "alpha");
    assertThatThrownBy(() -> c.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("withVersion changes the version only")
  void withVersion() {
    ContactRecord c = new ContactRecord("acme", "c-1", "Zoë", List.of(PHONE), Map.of("a", "b"), T0, 0);

    assertThat(c.withVersion(4)).isEqualTo(new ContactRecord("acme", "c-1", "Zoë", List.of(PHONE), Map.of("a", "b"), T0, 4));
  }

  @Test
  @DisplayName("the same identity twice, a negative version, blank names and values are rejected")
  void rejects() {
    assertThatThrownBy(() -> new ContactRecord("acme", "c-1", "Zoë", List.of(PHONE, PHONE), Map.of(), T0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> new ContactRecord("acme", "c-1", "Zoë", List.of(), Map.of(), T0, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> new ContactRecord("acme", "c-1", " ", List.of(), Map.of(), T0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> new ContactRecord("acme", "c-1", "Zoë", List.of(), Map.of(" ", "x"), T0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail name");
    assertThatThrownBy(() -> new Identity(Kind.EMAIL, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity value");
    assertThatThrownBy(() -> new Identity(null, "x")).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kind");
  }

  @Test
  @DisplayName("the same value of two kinds is two identities")
  void kinds() {
    ContactRecord c = new ContactRecord("acme", "c-1", "Zoë",
        List.of(new Identity(Kind.PHONE, "x"), new Identity(Kind.CUSTOM, "x")), Map.of(), T0, 0);

    assertThat(c.identities()).hasSize(2);
  }
}
