package dev.parley.storage.jdbc;

import dev.parley.storage.MessageRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The full-text index of transcripts, as {@link dev.parley.storage.Words} defines search: a search
 * word matches a session when it begins a word of one of the session's messages. Each {@link
 * Dialect} keeps it its own way; both give the same answers.
 *
 * <p>Thread safety: stateless.
 */
interface TextIndex {
  /** The index's table; it has the columns {@code tenant} and {@code session_id}. */
  String table();

  /** Indexes the words of new messages (as {@code Words.of} gives them), in one batch. */
  void add(Connection connection, List<MessageRecord> messages) throws SQLException;

  /**
   * An SQL condition on the session aliased {@code s}: true when {@code word} (a normalized word)
   * begins a word of one of its messages. Appends its arguments to {@code arguments}.
   */
  String matches(String tenant, String word, SqlArguments arguments);
}
