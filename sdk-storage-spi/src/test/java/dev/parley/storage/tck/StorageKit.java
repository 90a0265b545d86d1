package dev.parley.storage.tck;

import dev.parley.storage.ContactStore;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.InboxStore;
import dev.parley.storage.OutboxStore;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionStore;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.Storage;
import dev.parley.storage.TranscriptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the kits of a {@link StorageTck} share: the storage under test, its stores, the instant
 * the tests count from, and small factories for the records they store.
 */
abstract class StorageKit {
  /** An arbitrary instant all the tests count from. */
  static final Instant T0 = StoreTck.T0;

  /** How long the sessions of these tests last. */
  static final Duration TALK = Duration.ofMinutes(10);

  private final StorageTck tck;

  StorageKit(StorageTck tck) {
    this.tck = tck;
  }

  final StorageTck tck() {
    return tck;
  }

  final Storage storage() {
    return tck.storage();
  }

  final SessionStore sessions() {
    return storage().sessions();
  }

  final TranscriptStore transcripts() {
    return storage().transcripts();
  }

  final ContactStore contacts() {
    return storage().contacts();
  }

  final OutboxStore outbox() {
    return storage().outbox();
  }

  final InboxStore inbox() {
    return storage().inbox();
  }

  /** A new web chat waiting in group sales since {@code at}. */
  static SessionRecord.Builder queued(String tenant, String id, Instant at) {
    return queuedOn("WEB_CHAT", tenant, id, at);
  }

  /** A new session on {@code channel} waiting in group sales since {@code at}. */
  static SessionRecord.Builder queuedOn(String channel, String tenant, String id, Instant at) {
    return SessionRecord.builder(tenant, id, channel, at)
        .group("sales")
        .transition(new SessionTransition(at, SessionStatus.QUEUED, "client", null, "sales", null));
  }

  /** {@code session} accepted by {@code operator} at {@code at}. */
  static SessionRecord.Builder accepted(SessionRecord.Builder session, String operator, Instant at) {
    return session.status(SessionStatus.ACTIVE).operator(operator).acceptedAt(at)
        .transition(new SessionTransition(at, SessionStatus.ACTIVE, "operator:" + operator, "ACCEPTED",
            session.build().group().orElse(null), operator));
  }

  /** {@code session} ended at {@code at} for {@code reason}. */
  static SessionRecord.Builder ended(SessionRecord.Builder session, String reason, Instant at) {
    return session.status(SessionStatus.ENDED).endedAt(at).closedAt(at).endReason(reason)
        .transition(new SessionTransition(at, SessionStatus.ENDED, "client", reason, null, null));
  }

  /** A web chat that arrived at {@code at}, was served by alice and ended {@link #TALK} later. */
  static SessionRecord.Builder served(String tenant, String id, Instant at) {
    return ended(accepted(queued(tenant, id, at), "alice", at.plusSeconds(30)), "CLIENT_DISCONNECTED", at.plus(TALK));
  }

  /** Saves a new session and returns it as stored. */
  final SessionRecord save(SessionRecord.Builder session) {
    return sessions().save(session.build());
  }

  /** Saves a changed copy of a stored session and returns it as stored. */
  final SessionRecord update(SessionRecord stored, UnaryOperator<SessionRecord.Builder> change) {
    return sessions().save(change.apply(stored.toBuilder()).build());
  }

  /** A client's message in a session. */
  static MessageRecord fromClient(String tenant, String session, String id, Instant at, String text) {
    return new MessageRecord(tenant, session, id, at, MessageRecord.Sender.CLIENT, null, text, List.of(),
        MessageRecord.Delivery.SENT);
  }

  /** An operator's message in a session. */
  static MessageRecord fromOperator(String tenant, String session, String id, Instant at, String operator,
      String text) {
    return new MessageRecord(tenant, session, id, at, MessageRecord.Sender.OPERATOR, operator, text, List.of(),
        MessageRecord.Delivery.SENT);
  }

  /** The ids of {@code records}, in order. */
  static List<String> ids(List<SessionRecord> records) {
    return records.stream().map(SessionRecord::id).toList();
  }
}
