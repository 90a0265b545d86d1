package dev.parley.core;

import dev.parley.storage.BlacklistStore;
import dev.parley.storage.ConfigStore;
import dev.parley.storage.ContactStore;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.InvitationStore;
import dev.parley.storage.InboxStore;
import dev.parley.storage.OutboxStore;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStore;
import dev.parley.storage.Storage;
import dev.parley.storage.StorageException;
import dev.parley.storage.TagStore;
import dev.parley.storage.TemplateStore;
import dev.parley.storage.TranscriptStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real storage (in memory unless another is given) whose session saves can be held at a gate or
 * made to fail, to see what the engine does while its storage is slow or down.
 */
final class GatedStorage implements Storage {
  private final Storage real;
  /** Saves wait here for a permit while {@link #gated} is set. */
  final Semaphore gate = new Semaphore(0);
  volatile boolean gated;
  /** How many saves to fail before they pass again. */
  final AtomicInteger failures = new AtomicInteger();
  final AtomicInteger attempts = new AtomicInteger();

  private final SessionStore sessions = new SessionStore() {
    @Override
    public SessionRecord save(SessionRecord session) {
      return saveAll(List.of(session)).get(0);
    }

    @Override
    public List<SessionRecord> saveAll(List<SessionRecord> records) {
      attempts.incrementAndGet();
      if (gated) {
        gate.acquireUninterruptibly();
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageException("the database is down (test)");
      }
      return real.sessions().saveAll(records);
    }

    @Override
    public Optional<SessionRecord> find(String tenant, String id) {
      return real.sessions().find(tenant, id);
    }

    @Override
    public Set<String> existing(String tenant, Collection<String> ids) {
      return real.sessions().existing(tenant, ids);
    }

    @Override
    public List<SessionRecord> live(String tenant) {
      return real.sessions().live(tenant);
    }

    @Override
    public Page<SessionRecord> query(SessionQuery query) {
      return real.sessions().query(query);
    }

    @Override
    public Optional<SessionRecord> erase(String tenant, String id, Instant at) {
      return real.sessions().erase(tenant, id, at);
    }

    @Override
    public int purgeClosedBefore(String tenant, Instant cutoff) {
      return real.sessions().purgeClosedBefore(tenant, cutoff);
    }
  };

  GatedStorage() {
    this(new InMemoryStorage());
  }

  GatedStorage(Storage real) {
    this.real = real;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public TranscriptStore transcripts() {
    return real.transcripts();
  }

  @Override
  public ContactStore contacts() {
    return real.contacts();
  }

  @Override
  public BlacklistStore blacklist() {
    return real.blacklist();
  }

  @Override
  public InvitationStore invitations() {
    return real.invitations();
  }

  @Override
  public TagStore tags() {
    return real.tags();
  }

  @Override
  public TemplateStore templates() {
    return real.templates();
  }

  @Override
  public OutboxStore outbox() {
    return real.outbox();
  }

  @Override
  public InboxStore inbox() {
    return real.inbox();
  }

  @Override
  public ConfigStore config() {
    return real.config();
  }

  @Override
  public boolean durable() {
    return real.durable();
  }

  @Override
  public void close() {
    real.close();
  }
}
