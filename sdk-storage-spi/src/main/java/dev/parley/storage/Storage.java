package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A whole storage: every store the engine writes through, over one backend, so that a session
 * and its transcript, or a contact and the sessions linked to it, stay consistent.
 *
 * <p>Pick one in three lines:
 *
 * <pre>{@code
 * Storage storage = new InMemoryStorage();                          // tests, quick starts
 * Storage storage = JdbcStorage.h2(Path.of("data/parley")).build(); // durable, nothing to install
 * Storage storage = JdbcStorage.postgres(url, user, password).build(); // production
 * }</pre>
 *
 * <p>Thread safety: implementations must be thread-safe, as each store is.
 */
public interface Storage extends AutoCloseable {
  /** Sessions, their history, and the searchable history. */
  SessionStore sessions();

  /** The messages of each session. */
  TranscriptStore transcripts();

  /** The contact directory. */
  ContactStore contacts();

  /** The blacklist. */
  BlacklistStore blacklist();

  /** Invitations. */
  InvitationStore invitations();

  /** The tag catalogue and recent tags. */
  TagStore tags();

  /** Templates and stars. */
  TemplateStore templates();

  /** The event outbox. */
  OutboxStore outbox();

  /** The durable inbox of vendor webhooks. */
  InboxStore inbox();

  /** Tenants' configuration. */
  ConfigStore config();

  /**
   * Makes a contact of a session's client, with the identities the session knows (its client
   * identifier on its channel, phone, e-mail), and links the session to it.
   *
   * @param contactId the new contact's id
   * @param name the contact's name; the session's client name when null
   * @return the contact as stored
   * @throws IllegalArgumentException if there is no such session, it has neither a name nor the
   *     {@code name} argument, or one of its identities belongs to another contact
   */
  default ContactRecord contactFromSession(String tenant, String sessionId, String contactId, @Nullable String name,
      Instant at) {
    SessionRecord session = sessions().find(tenant, sessionId)
        .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId + " in tenant " + tenant));
    String named = name != null ? name : session.clientName().orElseThrow(() -> new IllegalArgumentException(
        "session " + sessionId + " has no client name: give the contact one"));
    List<ContactRecord.Identity> identities = new ArrayList<>();
    session.client().ifPresent(c -> identities.add(new ContactRecord.Identity(
        ContactRecord.Identity.Kind.NETWORK, session.channel() + ":" + c)));
    session.phone().ifPresent(p -> identities.add(new ContactRecord.Identity(ContactRecord.Identity.Kind.PHONE, p)));
    session.email().ifPresent(e -> identities.add(new ContactRecord.Identity(ContactRecord.Identity.Kind.EMAIL, e)));
    ContactRecord contact = contacts().save(new ContactRecord(tenant, contactId, named,
        identities.stream().distinct().toList(), Map.of(), at, 0));
    link(tenant, sessionId, contactId);
    return contact;
  }

  /**
   * Links a session to a contact, or unlinks it with a null {@code contactId}, re-reading and
   * retrying if the session is being written meanwhile (the engine writes live sessions).
   *
   * @return the session as stored
   * @throws IllegalArgumentException if there is no such session or contact
   */
  default SessionRecord link(String tenant, String sessionId, @Nullable String contactId) {
    if (contactId != null && contacts().find(tenant, contactId).isEmpty()) {
      throw new IllegalArgumentException("no contact " + contactId + " in tenant " + tenant);
    }
    while (true) {
      SessionRecord session = sessions().find(tenant, sessionId)
          .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId + " in tenant " + tenant));
      try {
        return sessions().save(session.toBuilder().contact(contactId).build());
      } catch (FencedWriteException e) {
        throw e; // this view's partition moved: reading again does not help
      } catch (StaleWriteException e) {
        // written meanwhile: read it again
      }
    }
  }

  /**
   * Attaches a recording's reference to a session (a host's recorder of a video or phone call
   * tells where the media went), re-reading and retrying if the session is being written
   * meanwhile. The engine keeps recordings attached this way as it goes on writing a live
   * session.
   *
   * @return the session as stored, its recordings oldest first
   * @throws IllegalArgumentException if there is no such session, or its client was erased
   */
  default SessionRecord attachRecording(String tenant, String sessionId, RecordingRef recording) {
    requireNonNull(recording, "recording must not be null");
    while (true) {
      SessionRecord session = sessions().find(tenant, sessionId)
          .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId + " in tenant " + tenant));
      if (session.erasedAt().isPresent()) {
        throw new IllegalArgumentException("session " + sessionId + " was erased at " + session.erasedAt().get()
            + ": it keeps no personal data, recordings included");
      }
      List<RecordingRef> recordings = new ArrayList<>(session.recordings());
      recordings.add(recording);
      recordings.sort(Comparator.comparing(RecordingRef::startedAt));
      try {
        return sessions().save(session.toBuilder().recordings(recordings).build());
      } catch (StaleWriteException e) {
        // written meanwhile: read it again
      }
    }
  }

  /**
   * Erases a client's personal data everywhere, as the GDPR's right to erasure asks. The client is
   * a person: {@code client} and, when the contact directory knows him, every identity of his
   * contact. So every session whose client identifier is {@code client} or one of his contact's
   * identities (a network identity {@code WHATSAPP:<id>} stands for the identifier {@code <id>}),
   * and every session linked to that contact, loses the client's identity and its transcript (it
   * keeps what statistics need, see {@link SessionRecord#erased}), and the contact is removed. His
   * contact is found by {@code client} as any identity's value or identifier ({@link
   * ContactStore#findByIdentifier}): a person WhatsApp knows by a phone number and a user id is
   * erased by either, {@code US.13491208655302741918} as well as {@code
   * WHATSAPP:US.13491208655302741918}. What else the stores hold
   * of those sessions goes too: their outbox records ({@link OutboxStore#eraseSessions}) and the
   * configuration records that name them, such as webhooks' dead letters ({@link
   * ConfigStore#eraseSessions}); their words leave the full-text index with their transcripts.
   * Sessions the engine still serves are erased in storage at once and stay erased as the engine
   * goes on writing them.
   *
   * @param tenant the tenant's id
   * @param client the client's identifier: a visitor id, phone number, network id or address, or
   *     a contact's network identity {@code CHANNEL:id}
   * @param at when the erasure happens
   * @return the ids of the sessions erased, in no particular order
   */
  default List<String> eraseClient(String tenant, String client, Instant at) {
    return erase(tenant, client, at).sessions();
  }

  /**
   * Erases a client's personal data everywhere as {@link #eraseClient} does, and tells what was
   * erased: the sessions, the contacts, and how many outbox and configuration records went. An
   * administrator's "what did you erase of me" is answered from it.
   *
   * @param tenant the tenant's id
   * @param client the client's identifier: a visitor id, phone number, network id or address, or
   *     a contact's network identity {@code CHANNEL:id}
   * @param at when the erasure happens
   */
  default ClientErasure erase(String tenant, String client, Instant at) {
    Set<String> ids = new LinkedHashSet<>();
    collect(SessionQuery.builder(tenant).client(client), r -> ids.add(r.id()));
    Map<String, ContactRecord> contacts = new LinkedHashMap<>();
    contacts().findByIdentifier(tenant, client).forEach(c -> contacts.put(c.id(), c));
    for (ContactRecord contact : contacts.values()) {
      collect(SessionQuery.builder(tenant).contact(contact.id()), r -> ids.add(r.id()));
      for (ContactRecord.Identity identity : contact.identities()) {
        if (identity.kind() == ContactRecord.Identity.Kind.CUSTOM) {
          continue; // the host's own id for the person: no session is known by it
        }
        collect(SessionQuery.builder(tenant).client(identity.identifier()), r -> ids.add(r.id()));
      }
    }
    for (String id : ids) {
      sessions().erase(tenant, id, at);
    }
    for (String contact : contacts.keySet()) {
      contacts().remove(tenant, contact);
    }
    int outboxRecords = outbox().eraseSessions(tenant, ids);
    int configRecords = config().eraseSessions(tenant, ids);
    return new ClientErasure(client, List.copyOf(ids), List.copyOf(contacts.keySet()), outboxRecords, configRecords);
  }

  private void collect(SessionQuery.Builder query, Consumer<SessionRecord> found) {
    String cursor = null;
    do {
      Page<SessionRecord> page = sessions().query(query.limit(SessionQuery.MAX_LIMIT).cursor(cursor).build());
      page.items().forEach(found);
      cursor = page.next();
    } while (cursor != null);
  }

  /**
   * The partitions' epochs, which {@link #fenced} views check. Every storage the engine may run
   * partitions of a cluster on implements them; the in-memory and embedded ones keep them in the
   * process, PostgreSQL in the table {@code parley_partition}.
   *
   * @throws UnsupportedOperationException if this storage cannot fence partitions (the default)
   */
  default PartitionFences fences() {
    throw cannotFence();
  }

  /**
   * A view of this storage through which a partition's writer persists: every call on its stores
   * is a fenced batch, which first checks, atomically with what it writes, that the partition is
   * still at the fence's epoch, and otherwise throws a {@link FencedWriteException} and changes
   * nothing. One check per call, so a writer persists a pass in few calls ({@code saveAll}, {@code
   * appendAll}, one outbox {@code append}). Reads through the view are checked too. The
   * fence-moving side is {@link #fences()}.
   *
   * <p>The view shares this storage's resources: closing it changes nothing, and it fails once
   * this storage is closed.
   *
   * @throws UnsupportedOperationException if this storage cannot fence partitions (the default)
   */
  default Storage fenced(PartitionFence fence) {
    throw cannotFence();
  }

  /**
   * Runs {@code writes} on a view of this storage whose writes are stored together, when {@link
   * #storesTogether()} says this storage can: in one transaction, committed (with one sync to the
   * disk) when {@code writes} returns, and rolled back, every write of it, if {@code writes}
   * throws. A partition's writer stores each pass so: one commit for the pass's outbox records,
   * sessions and messages, not one for each. Through a {@linkplain #fenced fenced view} the whole
   * of it is one fenced batch, checked once.
   *
   * <p>The view is for {@code writes} only, on the calling thread, and must not be kept. The
   * default, for a storage without transactions across its stores, runs {@code writes} on this
   * storage itself: each write is stored on its own as it is made, and when one fails the earlier
   * ones stay stored.
   *
   * @throws StorageException if the storage failed; when it {@linkplain #storesTogether stores
   *     together}, nothing of {@code writes} was stored
   */
  default void together(Consumer<Storage> writes) {
    writes.accept(this);
  }

  /**
   * True if {@link #together} stores its writes all or none, false (the default) if it stores
   * each on its own.
   */
  default boolean storesTogether() {
    return false;
  }

  private UnsupportedOperationException cannotFence() {
    return new UnsupportedOperationException(getClass().getName() + " cannot fence partitions: use a"
        + " storage that implements Storage.fences() and fenced(), such as InMemoryStorage or JdbcStorage");
  }

  /**
   * Whether a write survives the process being killed once the call returned. The engine waits for
   * writes before acknowledging commands either way; this tells hosts and tests what to expect.
   */
  boolean durable();

  /**
   * Releases the storage's resources (pools, files); closing again changes nothing. The stores
   * fail afterwards, with an {@link IllegalStateException} or a {@link StorageException}.
   */
  @Override
  void close();
}
