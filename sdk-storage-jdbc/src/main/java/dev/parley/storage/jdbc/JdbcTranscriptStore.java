package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.MessageRecord.Delivery;
import dev.parley.storage.TranscriptStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TranscriptStore} in {@code parley_message} and {@code parley_message_file}, with each
 * message's words in the dialect's {@link TextIndex}, written in the same transaction.
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection. Two appends of the same new message race on its key: the loser's transaction is
 * rolled back and run again, and then finds the message stored.
 */
final class JdbcTranscriptStore implements TranscriptStore {
  private static final String APPEND =
      "INSERT INTO parley_message (tenant, id, session_id, at_nanos, sender, author, body, delivery)"
          + " SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT),"
          + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR)"
          + " WHERE NOT EXISTS (SELECT 1 FROM parley_message WHERE tenant = ? AND id = ?)"
          // An erased session's transcript stays empty.
          + " AND NOT EXISTS (SELECT 1 FROM parley_session WHERE tenant = ? AND id = ? AND erased_at_nanos IS NOT NULL)";
  private static final String ADD_FILE =
      "INSERT INTO parley_message_file (tenant, message_id, seq, name, content_type, size_bytes, uri)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String COLUMNS =
      "SELECT tenant, session_id, id, at_nanos, sender, author, body, delivery FROM parley_message";
  private static final String FIND = COLUMNS + " WHERE tenant = ? AND id = ?";
  private static final String TRANSCRIPT = COLUMNS + " WHERE tenant = ? AND session_id = ? ORDER BY at_nanos, stored_seq";
  private static final String FILES =
      ByIds.select("parley_message_file", "message_id", "name, content_type, size_bytes, uri", "seq");
  // A receipt moves the state forward only: from one of the states that may move to it.
  private static final String MARK = "UPDATE parley_message SET delivery = ? WHERE tenant = ? AND id = ? AND delivery IN (%s)";

  private final Database database;
  private final TextIndex text;

  JdbcTranscriptStore(Database database) {
    this.database = database;
    this.text = database.dialect().textIndex();
  }

  @Override
  public boolean append(MessageRecord message) {
    requireNonNull(message, "message must not be null");
    return store("store message " + key(message.tenant(), message.id()), List.of(message)) == 1;
  }

  @Override
  public int appendAll(List<MessageRecord> messages) {
    requireNonNull(messages, "messages must not be null");
    List<MessageRecord> list = List.copyOf(messages);
    return list.isEmpty() ? 0 : store("store " + list.size() + " messages", list);
  }

  // Adds the messages in one transaction, with one batch per statement: the rows, then the files
  // and words of those added.
  private int store(String what, List<MessageRecord> messages) {
    long[] at = messages.stream().mapToLong(m -> EpochNanos.of("at", m.at())).toArray();
    return database.transaction(what, c -> {
      List<MessageRecord> added = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(APPEND)) {
        for (int i = 0; i < messages.size(); i++) {
          MessageRecord message = messages.get(i);
          s.setString(1, message.tenant());
          s.setString(2, message.id());
          s.setString(3, message.session());
          s.setLong(4, at[i]);
          s.setString(5, message.sender().name());
          s.setString(6, message.author());
          s.setString(7, message.text());
          s.setString(8, message.delivery().name());
          s.setString(9, message.tenant());
          s.setString(10, message.id());
          s.setString(11, message.tenant());
          s.setString(12, message.session());
          s.addBatch();
        }
        // In order: a message whose id an earlier one in the batch took is not added.
        int[] counts = s.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0) {
            added.add(messages.get(i));
          }
        }
      }
      addFiles(c, added);
      text.add(c, added);
      return added.size();
    });
  }

  private static void addFiles(Connection c, List<MessageRecord> messages) throws SQLException {
    if (messages.stream().allMatch(m -> m.files().isEmpty())) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(ADD_FILE)) {
      for (MessageRecord message : messages) {
        for (int i = 0; i < message.files().size(); i++) {
          MessageRecord.FileRef file = message.files().get(i);
          s.setString(1, message.tenant());
          s.setString(2, message.id());
          s.setInt(3, i);
          s.setString(4, file.name());
          s.setString(5, file.contentType());
          s.setLong(6, file.size());
          s.setString(7, file.uri());
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  @Override
  public Optional<MessageRecord> markDelivery(String tenant, String messageId, Delivery delivery) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    requireNonNull(delivery, "delivery must not be null");
    List<Delivery> follows = Arrays.stream(Delivery.values()).filter(d -> d.canMoveTo(delivery)).toList();
    return database.transaction("mark message " + key(tenant, messageId) + " " + delivery, c -> {
      if (!follows.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(
            String.format(MARK, String.join(", ", Collections.nCopies(follows.size(), "?"))))) {
          s.setString(1, delivery.name());
          s.setString(2, tenant);
          s.setString(3, messageId);
          for (int i = 0; i < follows.size(); i++) {
            s.setString(4 + i, follows.get(i).name());
          }
          s.executeUpdate();
        }
      }
      return find(c, tenant, messageId);
    });
  }

  @Override
  public Optional<MessageRecord> find(String tenant, String messageId) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    return database.snapshot("read message " + key(tenant, messageId), c -> find(c, tenant, messageId));
  }

  private static Optional<MessageRecord> find(Connection c, String tenant, String messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FIND)) {
      s.setString(1, tenant);
      s.setString(2, messageId);
      List<MessageRecord> found = withFiles(c, tenant, s);
      return found.stream().findFirst();
    }
  }

  @Override
  public List<MessageRecord> transcript(String tenant, String session) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(session, "session must not be null");
    return database.snapshot("read the transcript of session " + key(tenant, session), c -> {
      try (PreparedStatement s = c.prepareStatement(TRANSCRIPT)) {
        s.setString(1, tenant);
        s.setString(2, session);
        return withFiles(c, tenant, s);
      }
    });
  }

  /**
   * Removes the transcripts of a tenant's sessions that {@code sessions} selects (an SQL condition
   * on {@code session_id}, such as {@code = ?}, with its arguments), in the caller's transaction.
   */
  void remove(Connection c, String tenant, String sessions, SqlArguments arguments) throws SQLException {
    // The files go with their messages (ON DELETE CASCADE).
    for (String table : List.of("parley_message", text.table())) {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM " + table + " WHERE tenant = ? AND session_id " + sessions)) {
        s.setString(1, tenant);
        arguments.bind(s, 2);
        s.executeUpdate();
      }
    }
  }

  // Runs a query of messages, then reads their files.
  private static List<MessageRecord> withFiles(Connection c, String tenant, PreparedStatement query) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet r = query.executeQuery()) {
      while (r.next()) {
        rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
            r.getString(6), r.getString(7), r.getString(8)));
      }
    }
    Map<String, List<MessageRecord.FileRef>> files = new HashMap<>();
    ByIds.select(c, FILES, tenant, rows.stream().map(Row::id).toList(), r -> files
        .computeIfAbsent(r.getString(1), id -> new ArrayList<>())
        .add(new MessageRecord.FileRef(r.getString(2), r.getString(3), r.getLong(4), r.getString(5))));
    return rows.stream().map(row -> row.message(files.getOrDefault(row.id(), List.of()))).toList();
  }

  // A message's row: the record is made once its files are read, since it checks them.
  private record Row(String tenant, String session, String id, long at, String sender, @Nullable String author,
      String text, String delivery) {
    MessageRecord message(List<MessageRecord.FileRef> files) {
      return new MessageRecord(tenant, session, id, EpochNanos.toInstant(at), MessageRecord.Sender.valueOf(sender),
          author, text, files, Delivery.valueOf(delivery));
    }
  }

  private static String key(String tenant, String id) {
    return tenant + "/" + id;
  }
}
