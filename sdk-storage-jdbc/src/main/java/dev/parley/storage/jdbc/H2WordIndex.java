package dev.parley.storage.jdbc;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.Words;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The full-text index on H2: one row per distinct word of a session's messages in {@code
 * parley_message_word}; a search word is a {@code LIKE 'word%'} range scan of the index on
 * {@code (tenant, word)}.
 */
final class H2WordIndex implements TextIndex {
  // H2's own MERGE ... KEY: insert the word unless the session has it already.
  private static final String ADD = "MERGE INTO parley_message_word (tenant, session_id, word)"
      + " KEY (tenant, session_id, word) VALUES (?, ?, ?)";

  @Override
  public String table() {
    return "parley_message_word";
  }

  @Override
  public void add(Connection connection, List<MessageRecord> messages) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(ADD)) {
      int rows = 0;
      for (MessageRecord message : messages) {
        for (String word : Words.of(message.text())) {
          s.setString(1, message.tenant());
          s.setString(2, message.session());
          s.setString(3, word);
          s.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        s.executeBatch();
      }
    }
  }

  @Override
  public String matches(String tenant, String word, SqlArguments arguments) {
    arguments.add(tenant).add(SqlArguments.likeLiteral(word) + "%");
    return "s.id IN (SELECT w.session_id FROM parley_message_word w"
        + " WHERE w.tenant = ? AND w.word LIKE ? ESCAPE '\\')";
  }
}
