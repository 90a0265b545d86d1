package dev.parley.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

  /** Tenants' configuration. */
  ConfigStore config();

  /**
   * Erases a client's personal data everywhere, as the GDPR's right to erasure asks: every session
   * whose client identifier is {@code client} and every session linked to a contact that has
   * {@code client} as one of its identities loses the client's identity and its transcript (it
   * keeps what statistics need, see {@link SessionRecord#erased}), and those contacts are
   * removed. Sessions the engine still serves are erased in storage at once and stay erased as
   * the engine goes on writing them.
   *
   * @param tenant the tenant's id
   * @param client the client's identifier: a visitor id, phone number, network id or address
   * @param at when the erasure happens
   * @return the ids of the sessions erased, in no particular order
   */
  default List<String> eraseClient(String tenant, String client, Instant at) {
    Set<String> ids = new LinkedHashSet<>();
    collect(SessionQuery.builder(tenant).client(client), ids);
    List<String> contacts = new ArrayList<>();
    for (ContactRecord.Identity.Kind kind : ContactRecord.Identity.Kind.values()) {
      contacts().findByIdentity(tenant, new ContactRecord.Identity(kind, client)).ifPresent(c -> {
        if (!contacts.contains(c.id())) {
          contacts.add(c.id());
          collect(SessionQuery.builder(tenant).contact(c.id()), ids);
        }
      });
    }
    for (String id : ids) {
      sessions().erase(tenant, id, at);
    }
    for (String contact : contacts) {
      contacts().remove(tenant, contact);
    }
    return List.copyOf(ids);
  }

  private void collect(SessionQuery.Builder query, Set<String> ids) {
    String cursor = null;
    do {
      Page<SessionRecord> page = sessions().query(query.limit(SessionQuery.MAX_LIMIT).cursor(cursor).build());
      page.items().forEach(r -> ids.add(r.id()));
      cursor = page.next();
    } while (cursor != null);
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
