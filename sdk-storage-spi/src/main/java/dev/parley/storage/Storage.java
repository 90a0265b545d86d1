package dev.parley.storage;

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
