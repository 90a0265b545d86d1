package dev.parley.storage;

/**
 * A {@link Storage} in the heap: the default for tests and quick starts. Nothing survives the
 * process, so it is not {@linkplain #durable() durable}.
 *
 * <pre>{@code
 * try (Storage storage = new InMemoryStorage()) {
 *   SessionRecord stored = storage.sessions().save(session);
 * }
 * }</pre>
 *
 * <p>Thread safety: safe for use by several threads at once. The stores other than the blacklist
 * and invitations share one read-write lock, so that a write spanning stores (erasing a session
 * and its transcript, unlinking a removed contact's sessions) is atomic; reads run in parallel.
 * After {@link #close()} they throw {@link IllegalStateException}. Partitions are {@linkplain
 * #fenced fenced} in the process, with a read-write lock per partition.
 */
public final class InMemoryStorage implements Storage {
  private final StorageLock lock = new StorageLock();
  private final SessionsByTenant indexes = new SessionsByTenant();
  private final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore(lock, indexes);
  private final InMemorySessionStore sessions = new InMemorySessionStore(lock, transcripts, indexes);
  private final InMemoryContactStore contacts = new InMemoryContactStore(lock, sessions);
  private final BlacklistStore blacklist = new InMemoryBlacklistStore();
  private final InvitationStore invitations = new InMemoryInvitationStore();
  private final InMemoryTagStore tags = new InMemoryTagStore(lock);
  private final InMemoryTemplateStore templates = new InMemoryTemplateStore(lock);
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(lock);
  private final InMemoryInboxStore inbox = new InMemoryInboxStore(lock);
  private final InMemoryConfigStore config = new InMemoryConfigStore(lock);
  private final InProcessFences fences = new InProcessFences();

  /** Creates an empty storage. */
  public InMemoryStorage() {}

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public TranscriptStore transcripts() {
    return transcripts;
  }

  @Override
  public ContactStore contacts() {
    return contacts;
  }

  @Override
  public BlacklistStore blacklist() {
    return blacklist;
  }

  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  @Override
  public TagStore tags() {
    return tags;
  }

  @Override
  public TemplateStore templates() {
    return templates;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public InboxStore inbox() {
    return inbox;
  }

  @Override
  public ConfigStore config() {
    return config;
  }

  /** The partitions' epochs, kept in the heap: every partition starts at epoch 0. */
  @Override
  public PartitionFences fences() {
    return fences;
  }

  @Override
  public Storage fenced(PartitionFence fence) {
    return fences.view(this, fence);
  }

  /** The lock the stores share, for tests that hold a write in flight. */
  StorageLock lock() {
    return lock;
  }

  /** How many threads wait on the partitions' fences, for tests of a change of owner racing a batch. */
  int waitingOnFences() {
    return fences.waiting();
  }

  /** Returns {@code false}: nothing survives the process. */
  @Override
  public boolean durable() {
    return false;
  }

  /**
   * Makes the stores fail from now on with an {@link IllegalStateException} (except the blacklist
   * and invitations, which hold nothing to release); closing again changes nothing.
   */
  @Override
  public void close() {
    lock.close();
  }
}
