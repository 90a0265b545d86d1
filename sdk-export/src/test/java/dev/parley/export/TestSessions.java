package dev.parley.export;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.time.Instant;
import java.util.List;

/** Sessions and messages for the export's tests. */
final class TestSessions {
  static final String TENANT = "acme";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  /** Every session of the tenant, in the order they arrived (ties by id). */
  static final SessionQuery ALL = SessionQuery.builder(TENANT).order(SessionQuery.Order.OLDEST_FIRST).build();

  private TestSessions() {}

  /** A session served by alice: arrived at T0, answered 30 s later, ended 5 min after that. */
  static SessionRecord.Builder ended(String id) {
    Instant answered = T0.plusSeconds(30);
    Instant ended = answered.plusSeconds(300);
    return SessionRecord.builder(TENANT, id, "WEB_CHAT", T0)
        .group("sales").operator("alice").client("visitor-" + id)
        .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "sales", null))
        .transition(new SessionTransition(answered, SessionStatus.ACTIVE, "operator:alice", "ACCEPTED", "sales", "alice"))
        .transition(new SessionTransition(ended, SessionStatus.ENDED, "client", "CLIENT_DISCONNECTED", "sales", "alice"))
        .acceptedAt(answered).endedAt(ended).closedAt(ended).endReason("CLIENT_DISCONNECTED")
        .status(SessionStatus.ENDED);
  }

  /** The {@code i}th of many small sessions, arriving a second apart. */
  static SessionRecord numbered(int i) {
    return SessionRecord.builder(TENANT, "s-" + i, "WEB_CHAT", T0.plusSeconds(i)).clientName("Client " + i).build();
  }

  /** A message {@code second}s after T0; {@code author} is null for the client and the system. */
  static MessageRecord message(String session, int second, MessageRecord.Sender sender, String author, String text,
      MessageRecord.FileRef... files) {
    return new MessageRecord(TENANT, session, session + "-m" + second, T0.plusSeconds(second), sender, author,
        text, List.of(files), MessageRecord.Delivery.DELIVERED);
  }
}
