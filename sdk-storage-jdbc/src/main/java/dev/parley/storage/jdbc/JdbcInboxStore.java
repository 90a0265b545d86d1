package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.InboxMessage;
import dev.parley.storage.InboxStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An {@link InboxStore} in {@code parley_inbox}, keyed by tenant, source and the vendor's message
 * id; pending ones read oldest received first.
 *
 * <p>Thread safety: safe for use by several threads at once. Two nodes accepting the same new
 * message at once collide on the key; {@link Database} runs the loser again, which then finds the
 * winner's row and reports a repeat.
 */
final class JdbcInboxStore implements InboxStore {
  private static final String KNOWN = "SELECT 1 FROM parley_inbox WHERE tenant = ? AND source = ? AND message_id = ?";
  private static final String ACCEPT = "INSERT INTO parley_inbox (tenant, source, message_id, payload, received_nanos,"
      + " applied) VALUES (?, ?, ?, ?, ?, FALSE)";
  private static final String PENDING = "SELECT tenant, source, message_id, payload, received_nanos FROM parley_inbox"
      + " WHERE tenant = ? AND applied = FALSE ORDER BY received_nanos, source, message_id LIMIT ?";
  private static final String MARK = "UPDATE parley_inbox SET applied = TRUE"
      + " WHERE tenant = ? AND source = ? AND message_id = ? AND applied = FALSE";

  private final Database database;

  JdbcInboxStore(Database database) {
    this.database = database;
  }

  @Override
  public boolean accept(InboxMessage message) {
    requireNonNull(message, "message must not be null");
    long at = EpochNanos.of("receivedAt", message.receivedAt());
    return database.transaction("accept message " + message.messageId() + " into the inbox", c -> {
      try (PreparedStatement s = c.prepareStatement(KNOWN)) {
        s.setString(1, message.tenant());
        s.setString(2, message.source());
        s.setString(3, message.messageId());
        try (ResultSet rows = s.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(ACCEPT)) {
        s.setString(1, message.tenant());
        s.setString(2, message.source());
        s.setString(3, message.messageId());
        s.setString(4, message.payload());
        s.setLong(5, at);
        s.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public List<InboxMessage> pending(String tenant, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return database.run("read the inbox of " + tenant, c -> {
      List<InboxMessage> list = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(PENDING)) {
        s.setString(1, tenant);
        s.setInt(2, limit);
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            list.add(new InboxMessage(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                EpochNanos.toInstant(rows.getLong(5))));
          }
        }
      }
      return list;
    });
  }

  @Override
  public int markApplied(String tenant, Collection<InboxMessage> messages) {
    requireNonNull(tenant, "tenant must not be null");
    List<InboxMessage> given = List.copyOf(requireNonNull(messages, "messages must not be null"));
    return database.transaction("mark " + given.size() + " inbox messages applied", c -> {
      int marked = 0;
      try (PreparedStatement s = c.prepareStatement(MARK)) {
        for (InboxMessage m : given) {
          if (!m.tenant().equals(tenant)) {
            continue;
          }
          s.setString(1, tenant);
          s.setString(2, m.source());
          s.setString(3, m.messageId());
          marked += s.executeUpdate();
        }
      }
      return marked;
    });
  }
}
