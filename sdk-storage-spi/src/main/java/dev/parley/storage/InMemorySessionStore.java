package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of an {@link InMemoryStorage}, indexed for the history's queries by {@link
 * TenantSessions} and read a page at a time by {@link HistoryPage}; erasing and purging remove
 * transcripts from its {@link InMemoryTranscriptStore}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemorySessionStore implements SessionStore {
  private static final Comparator<SessionRecord> ARRIVAL_ORDER =
      Comparator.comparingLong(SessionRecord::arrivalSeq).thenComparing(SessionRecord::id);

  private final StorageLock lock;
  private final InMemoryTranscriptStore transcripts;
  private final SessionsByTenant sessions;
  // the seeks of every page read so far: what a test of the indexes counts
  private final AtomicLong examined = new AtomicLong();

  InMemorySessionStore(StorageLock lock, InMemoryTranscriptStore transcripts, SessionsByTenant sessions) {
    this.lock = lock;
    this.transcripts = transcripts;
    this.sessions = sessions;
  }

  @Override
  public SessionRecord save(SessionRecord session) {
    requireNonNull(session, "session must not be null");
    return saveAll(List.of(session)).get(0);
  }

  @Override
  public List<SessionRecord> saveAll(List<SessionRecord> batch) {
    List<SessionRecord> records = List.copyOf(requireNonNull(batch, "sessions must not be null"));
    return lock.write(() -> {
      // Each record is written as it passes its check, and what it replaced is kept: when a later
      // one fails, they are put back, last first, so the batch is all or nothing. Nobody sees the
      // half-written batch meanwhile: the write lock is held.
      SessionRecord[] saved = new SessionRecord[records.size()];
      SessionRecord[] replaced = new SessionRecord[records.size()];
      int done = 0;
      try {
        for (; done < saved.length; done++) {
          SessionRecord r = records.get(done);
          replaced[done] = stored(r.tenant(), r.id());
          saved[done] = nextVersion(replaced[done], r);
          put(saved[done]);
        }
      } catch (RuntimeException e) {
        for (int i = done - 1; i >= 0; i--) {
          SessionRecord s = saved[i];
          sessions.of(s.tenant()).restore(s.id(), replaced[i], () -> transcripts.wordsOf(s.tenant(), s.id()));
        }
        throw e;
      }
      return List.of(saved);
    });
  }

  private static SessionRecord nextVersion(@Nullable SessionRecord current, SessionRecord r) {
    long stored = current == null ? 0 : current.version();
    if (r.version() != stored) {
      throw new StaleWriteException("session " + r.tenant() + "/" + r.id(), r.version(), stored);
    }
    if (current != null) {
      List<SessionTransition> before = current.transitions();
      List<SessionTransition> after = r.transitions();
      boolean kept = after.size() >= before.size();
      for (int i = 0; kept && i < before.size(); i++) {
        kept = after.get(i) == before.get(i) || after.get(i).equals(before.get(i)); // mostly the same objects
      }
      if (!kept) {
        throw new IllegalArgumentException("session " + r.tenant() + "/" + r.id()
            + " drops or changes stored transitions: keep the " + before.size() + " stored ones and append");
      }
    }
    return r.withVersion(stored + 1);
  }

  @Override
  public Optional<SessionRecord> find(String tenant, String id) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    return lock.read(() -> Optional.ofNullable(stored(tenant, id)));
  }

  @Override
  public Set<String> existing(String tenant, Collection<String> ids) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(ids, "ids must not be null");
    return lock.read(() -> {
      Set<String> found = new HashSet<>();
      for (String id : ids) {
        if (stored(tenant, requireNonNull(id, "ids must not hold null")) != null) {
          found.add(id);
        }
      }
      return found;
    });
  }

  @Override
  public List<SessionRecord> live(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return lock.read(() -> {
      TenantSessions stored = sessions.find(tenant);
      return stored == null ? List.of()
          : stored.live().toList().stream().map(SessionEntry::record).sorted(ARRIVAL_ORDER).toList();
    });
  }

  @Override
  public Page<SessionRecord> query(SessionQuery query) {
    requireNonNull(query, "query must not be null");
    String scope = KeysetCursor.scope(query.filtersAndOrder());
    Optional<Position> after = query.cursor().map(c -> Position.of(KeysetCursor.decode(c, scope, 3)));
    return lock.read(() -> {
      TenantSessions stored = sessions.find(query.tenant());
      if (stored == null) {
        return new Page<>(List.of(), null);
      }
      HistoryPage reader = new HistoryPage(query);
      List<SessionRecord> matching = reader.read(stored, after.map(p -> SessionEntry.probe(p.arrivedAt(), p.id())).orElse(null));
      examined.addAndGet(reader.examined());
      if (matching.size() <= query.limit()) {
        return new Page<>(matching, null);
      }
      SessionRecord last = matching.get(query.limit() - 1);
      String next = new KeysetCursor(scope, new Position(last.arrivedAt(), last.id()).keys()).encode();
      return new Page<>(matching.subList(0, query.limit()), next);
    });
  }

  /** Where a page ended: the last session's arrival and id. */
  private record Position(Instant arrivedAt, String id) {
    static Position of(KeysetCursor cursor) {
      try {
        List<String> keys = cursor.keys();
        return new Position(Instant.ofEpochSecond(Long.parseLong(keys.get(0)), Long.parseLong(keys.get(1))), keys.get(2));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor '" + cursor.encode() + "' is damaged: start from the first page", e);
      }
    }

    List<String> keys() {
      return List.of(String.valueOf(arrivedAt.getEpochSecond()), String.valueOf(arrivedAt.getNano()), id);
    }
  }

  @Override
  public Optional<SessionRecord> erase(String tenant, String id, Instant at) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(id, "id must not be null");
    requireNonNull(at, "at must not be null");
    return lock.write(() -> {
      SessionRecord current = stored(tenant, id);
      if (current == null || current.erasedAt().isPresent()) {
        return Optional.ofNullable(current);
      }
      SessionRecord erased = current.erased(at).withVersion(current.version() + 1);
      transcripts.eraseSession(tenant, id);
      transcripts.compact(tenant);
      put(erased);
      return Optional.of(erased);
    });
  }

  @Override
  public int purgeClosedBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(cutoff, "cutoff must not be null");
    return lock.write(() -> {
      TenantSessions stored = sessions.find(tenant);
      if (stored == null) {
        return 0;
      }
      List<String> closed = stored.all().toList().stream().map(SessionEntry::record)
          .filter(s -> s.closedAt().filter(at -> at.isBefore(cutoff)).isPresent())
          .map(SessionRecord::id)
          .toList();
      stored.removeAll(closed, id -> transcripts.removeSession(tenant, id));
      transcripts.compact(tenant);
      return closed.size();
    });
  }

  /** Unlinks a removed contact's sessions, each at its next version; the caller holds the write lock. */
  void unlinkContact(String tenant, String contact) {
    TenantSessions stored = sessions.find(tenant);
    if (stored != null) {
      for (SessionEntry e : stored.with(new SessionTerm(SessionTerm.Field.CONTACT, contact)).toList()) {
        SessionRecord s = e.record();
        put(s.toBuilder().contact(null).version(s.version() + 1).build());
      }
    }
  }

  /** The seeks every page read so far made: a full scan shows as one a stored session. */
  long examined() {
    return examined.get();
  }

  private void put(SessionRecord r) {
    sessions.of(r.tenant()).put(r, () -> transcripts.wordsOf(r.tenant(), r.id()));
  }

  private @Nullable SessionRecord stored(String tenant, String id) {
    TenantSessions stored = sessions.find(tenant);
    return stored == null ? null : stored.get(id);
  }
}
