package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  @DisplayName("a word is a run of letters and digits; everything else separates words")
  void splits() {
    assertThat(Words.of("Hello, I want a REFUND for order #1234!")).containsExactly(
        "hello", "i", "want", "a", "refund", "for", "order", "1234");
    assertThat(Words.of("O'Neil\te-mail\nfoo_bar")).containsExactly("o", "neil", "e", "mail", "foo", "bar");
  }

  @Test
  @DisplayName("words come in lower case with accents removed")
  void folds() {
    assertThat(Words.of("Žluťoučký KŮŇ úpěl ďábelské ódy")).containsExactly("zlutoucky", "kun", "upel", "dabelske", "ody");
    assertThat(Words.of("Ünïcödé CAFÉ")).containsExactly("unicode", "cafe");
  }

  @Test
  @DisplayName("compatibility forms fold to their plain letters: ligatures, full-width letters")
  void compatibilityForms() {
    assertThat(Words.of("ﬁnance ＡＢＣ")).containsExactly("finance", "abc");
  }

  @Test
  @DisplayName("each word comes once, where it first appears")
  void distinct() {
    assertThat(Words.of("refund Refund REFUND invoice réfund")).containsExactly("refund", "invoice");
  }

  @Test
  @DisplayName("a text without letters or digits has no words")
  void empty() {
    assertThat(Words.of("")).isEmpty();
    assertThat(Words.of(" ?! -- 👋 ")).isEmpty();
  }

  @Test
  @DisplayName("a run longer than the longest word is cut to it, and stays one word")
  void cutsLongRuns() {
    String longRun = "a".repeat(Words.MAX_LENGTH + 10);

    assertThat(Words.of(longRun + " b")).containsExactly("a".repeat(Words.MAX_LENGTH), "b");
  }

  @Test
  @DisplayName("the list is unmodifiable and null text is rejected")
  void contract() {
    assertThatThrownBy(() -> Words.of("a b").add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Words.of(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("text");
  }
}
