package dev.parley.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The full-text index on PostgreSQL: each message's words as a {@code tsvector} in {@code
 * parley_message_text} under a GIN index; a search word is the prefix query {@code 'word':*}.
 *
 * <p>The vector is built with {@code array_to_tsvector} and the query cast from its text form,
 * not with {@code to_tsvector} and {@code to_tsquery}: those run PostgreSQL's parser, which splits
 * some runs of letters and digits differently from {@link dev.parley.storage.Words} (numbers with
 * an exponent, for one), and then a word would not find itself.
 */
final class PostgresTextIndex extends MessageTextIndex {
  PostgresTextIndex() {
    super("array_to_tsvector(?)");
  }

  @Override
  void bindWords(Connection connection, PreparedStatement statement, int index, List<String> words)
      throws SQLException {
    statement.setArray(index, connection.createArrayOf("text", words.toArray()));
  }

  @Override
  public String matches(String tenant, String word, SqlArguments arguments) {
    arguments.add(tenant).add(prefixQuery(word));
    return "s.id IN (SELECT t.session_id FROM parley_message_text t"
        + " WHERE t.tenant = ? AND t.words @@ CAST(? AS tsquery))";
  }

  /**
   * The tsquery that matches lexemes beginning with {@code word}: quoted, with quotes and
   * backslashes doubled, so that no character of it is read as query syntax.
   */
  static String prefixQuery(String word) {
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "':*";
  }
}
