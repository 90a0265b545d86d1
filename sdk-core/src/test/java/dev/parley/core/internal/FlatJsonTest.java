package dev.parley.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FlatJson writes one flat JSON object as RFC 8259 asks")
class FlatJsonTest {
  @Test
  @DisplayName("members of every kind, in the order put, with null for a missing string")
  void members() {
    String json = new FlatJson().put("s", "x").put("n", -42L).put("b", true).put("none", (String) null)
        .put("list", List.of("a", "b")).put("empty", List.of()).toString();

    assertThat(json).isEqualTo("{\"s\":\"x\",\"n\":-42,\"b\":true,\"none\":null,\"list\":[\"a\",\"b\"],\"empty\":[]}");
  }

  @Test
  @DisplayName("an object without members is {}")
  void empty() {
    assertThat(new FlatJson()).hasToString("{}");
  }

  @Test
  @DisplayName("quotes and backslashes are escaped, in names too")
  void quotesAndBackslashes() {
    assertThat(new FlatJson().put("a\"b", "c\\d\"e").toString()).isEqualTo("{\"a\\\"b\":\"c\\\\d\\\"e\"}");
  }

  @Test
  @DisplayName("every control character is escaped: the usual five by name, the others as \\u00XX")
  void controlCharacters() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    String json = new FlatJson().put("c", all.toString()).toString();

    assertThat(json).isEqualTo("{\"c\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
        + "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
        + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"}");
    assertThat(json.chars()).allMatch(c -> c >= 0x20);
  }

  @Test
  @DisplayName("DEL, slash and non-ASCII text are written as they are; U+2028 and U+2029 are escaped")
  void otherCharacters() {
    assertThat(new FlatJson().put("t", "a/b\u007fčž\u2028\u2029").toString())
        .isEqualTo("{\"t\":\"a/b\u007fčž\\u2028\\u2029\"}");
  }

  @Test
  @DisplayName("a character beyond the BMP is written as its surrogate pair and survives UTF-8")
  void nonBmp() {
    String emoji = "ok \uD83D\uDE00 \uD834\uDD1E";
    String json = new FlatJson().put("t", emoji).toString();

    assertThat(json).isEqualTo("{\"t\":\"" + emoji + "\"}");
    assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  @DisplayName("a lone surrogate, which UTF-8 cannot carry, is escaped; a reversed pair is two lone ones")
  void loneSurrogates() {
    String json = new FlatJson().put("hi", "a\uD83D").put("lo", "\uDE00b").put("rev", "\uDE00\uD83D")
        .put("mixed", "\uD83D\uD83D\uDE00").toString();

    assertThat(json).isEqualTo("{\"hi\":\"a\\ud83d\",\"lo\":\"\\ude00b\",\"rev\":\"\\ude00\\ud83d\","
        + "\"mixed\":\"\\ud83d\uD83D\uDE00\"}");
    assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
  }
}
