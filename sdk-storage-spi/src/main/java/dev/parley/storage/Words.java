package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How full-text search splits text into words, the same for every storage: a word is a run of
 * letters and digits, compared in lower case with accents removed ({@code Žluťoučký} is {@code
 * zlutoucky}). A search word matches every word it begins, so {@code refund} finds {@code
 * refund}, {@code refunds} and {@code refunded}: searching by a word's stem finds its forms.
 *
 * <p>Thread safety: stateless.
 */
public final class Words {
  /** Words longer than this are cut to it: longer runs are hashes and tokens, not words. */
  public static final int MAX_LENGTH = 64;

  private Words() {}

  /**
   * The distinct words of {@code text} in the order they first appear, normalized.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static List<String> of(String text) {
    requireNonNull(text, "text must not be null");
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    Set<String> words = new LinkedHashSet<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(cp)) {
        if (word.length() < MAX_LENGTH) {
          word.appendCodePoint(cp);
        }
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return List.copyOf(new ArrayList<>(words));
  }
}
