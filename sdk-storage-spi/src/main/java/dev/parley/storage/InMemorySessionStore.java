package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of an {@link InMemoryStorage}; erasing and purging remove transcripts from its
 * {@link InMemoryTranscriptStore}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemorySessionStore implements SessionStore {
  private static final Comparator<SessionRecord> OLDEST_FIRST =
      Comparator.comparing(SessionRecord::arrivedAt).thenComparing(SessionRecord::id);
  private static final Comparator<SessionRecord> ARRIVAL_ORDER =
      Comparator.comparingLong(SessionRecord::arrivalSeq).thenComparing(SessionRecord::id);

  private final StorageLock lock;
  private final InMemoryTranscriptStore transcripts;
  // tenant -> session id -> session
  private final Map<String, Map<String, SessionRecord>> sessions = new HashMap<>();

  InMemorySessionStore(StorageLock lock, InMemoryTranscriptStore transcripts) {
    this.lock = lock;
    this.transcripts = transcripts;
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
          Map<String, SessionRecord> tenant = sessions.computeIfAbsent(r.tenant(), t -> new HashMap<>());
          replaced[done] = tenant.get(r.id());
          saved[done] = nextVersion(replaced[done], r);
          tenant.put(r.id(), saved[done]);
        }
      } catch (RuntimeException e) {
        for (int i = done - 1; i >= 0; i--) {
          Map<String, SessionRecord> tenant = sessions.get(saved[i].tenant());
          if (replaced[i] == null) {
            tenant.remove(saved[i].id());
          } else {
            tenant.put(saved[i].id(), replaced[i]);
          }
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
      Map<String, SessionRecord> stored = of(tenant);
      Set<String> found = new HashSet<>();
      for (String id : ids) {
        if (stored.containsKey(requireNonNull(id, "ids must not hold null"))) {
          found.add(id);
        }
      }
      return found;
    });
  }

  @Override
  public List<SessionRecord> live(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return lock.read(() -> of(tenant).values().stream()
        .filter(s -> s.status().live())
        .sorted(ARRIVAL_ORDER)
        .toList());
  }

  @Override
  public Page<SessionRecord> query(SessionQuery query) {
    requireNonNull(query, "query must not be null");
    String scope = KeysetCursor.scope(query.filtersAndOrder());
    Comparator<SessionRecord> order =
        query.order() == SessionQuery.Order.OLDEST_FIRST ? OLDEST_FIRST : OLDEST_FIRST.reversed();
    Optional<Position> after = query.cursor().map(c -> Position.of(KeysetCursor.decode(c, scope, 3)));
    return lock.read(() -> {
      SessionMatcher matcher = new SessionMatcher(query, transcripts::transcriptOf);
      List<SessionRecord> matching = of(query.tenant()).values().stream()
          .filter(s -> after.isEmpty() || after.get().isBefore(s, query.order()))
          .filter(matcher::matches)
          .sorted(order)
          .limit(query.limit() + 1L)
          .toList();
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

    /** Whether {@code s} comes after this position in {@code order}. */
    boolean isBefore(SessionRecord s, SessionQuery.Order order) {
      int c = s.arrivedAt().compareTo(arrivedAt);
      c = c != 0 ? c : s.id().compareTo(id);
      return order == SessionQuery.Order.OLDEST_FIRST ? c > 0 : c < 0;
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
      of(tenant).put(id, erased);
      transcripts.eraseSession(tenant, id);
      transcripts.compact(tenant);
      return Optional.of(erased);
    });
  }

  @Override
  public int purgeClosedBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(cutoff, "cutoff must not be null");
    return lock.write(() -> {
      int purged = 0;
      for (Iterator<SessionRecord> it = of(tenant).values().iterator(); it.hasNext(); ) {
        SessionRecord s = it.next();
        if (s.closedAt().filter(closed -> closed.isBefore(cutoff)).isPresent()) {
          it.remove();
          transcripts.removeSession(tenant, s.id());
          purged++;
        }
      }
      transcripts.compact(tenant);
      return purged;
    });
  }

  /** Unlinks a removed contact's sessions, each at its next version; the caller holds the write lock. */
  void unlinkContact(String tenant, String contact) {
    of(tenant).replaceAll((id, s) -> s.contact().filter(contact::equals).isPresent()
        ? s.toBuilder().contact(null).version(s.version() + 1).build()
        : s);
  }

  private @Nullable SessionRecord stored(String tenant, String id) {
    return of(tenant).get(id);
  }

  private Map<String, SessionRecord> of(String tenant) {
    return sessions.getOrDefault(tenant, new HashMap<>());
  }
}
