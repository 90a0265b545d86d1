package dev.parley.storage.jdbc;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.Words;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A full-text index with one row per message in {@code parley_message_text} ({@code tenant, message_id,
 * session_id, words}), the words held as the database indexes them; PostgreSQL's and SQLite's.
 *
 * <p>Thread safety: stateless.
 */
abstract class MessageTextIndex implements TextIndex {
  private final String add;

  /** @param words the SQL expression of the {@code words} column of a new row, of one parameter */
  MessageTextIndex(String words) {
    this.add = "INSERT INTO parley_message_text (tenant, message_id, session_id, words) VALUES (?, ?, ?, " + words + ")";
  }

  @Override
  public final String table() {
    return "parley_message_text";
  }

  @Override
  public final void add(Connection connection, List<MessageRecord> messages) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(add)) {
      int rows = 0;
      for (MessageRecord message : messages) {
        List<String> words = Words.of(message.text());
        if (!words.isEmpty()) {
          s.setString(1, message.tenant());
          s.setString(2, message.id());
          s.setString(3, message.session());
          bindWords(connection, s, 4, words);
          s.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        s.executeBatch();
      }
    }
  }

  /** Binds a message's words (as {@link Words#of} gives them) to parameter {@code index}. */
  abstract void bindWords(Connection connection, PreparedStatement statement, int index, List<String> words)
      throws SQLException;
}
