package dev.parley.storage.jdbc;

import dev.parley.storage.Words;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The full-text index on SQLite: each message's words, space-separated, in {@code
 * parley_message_text}, indexed by the FTS5 table {@code parley_message_fts} that triggers keep in
 * step with it (an external-content table); a search word is the FTS5 prefix query {@code
 * "word"*}.
 *
 * <p>The words are those of {@link Words}, runs of letters and digits already in lower case
 * without accents, which FTS5's {@code unicode61} tokenizer (diacritics kept) takes as they are.
 */
final class SqliteTextIndex extends MessageTextIndex {
  SqliteTextIndex() {
    super("?");
  }

  @Override
  void bindWords(Connection connection, PreparedStatement statement, int index, List<String> words)
      throws SQLException {
    statement.setString(index, String.join(" ", words));
  }

  @Override
  public String matches(String tenant, String word, SqlArguments arguments) {
    arguments.add(tenant).add(prefixQuery(word));
    return "s.id IN (SELECT t.session_id FROM parley_message_text t WHERE t.tenant = ? AND t.doc IN"
        + " (SELECT f.rowid FROM parley_message_fts f WHERE parley_message_fts MATCH ?))";
  }

  /** The FTS5 query that matches tokens beginning with {@code word}: a quoted string, quotes doubled. */
  static String prefixQuery(String word) {
    return "\"" + word.replace("\"", "\"\"") + "\"*";
  }
}
