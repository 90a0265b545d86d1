package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outbox of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryOutboxStore implements OutboxStore {
  private final StorageLock lock;
  // tenant -> seq -> record
  private final Map<String, NavigableMap<Long, OutboxRecord>> records = new HashMap<>();
  // tenant -> the last seq assigned, kept when records are purged so that no seq comes twice
  private final Map<String, Long> lastSeq = new HashMap<>();
  // tenant -> consumer -> last seq delivered
  private final Map<String, Map<String, Long>> cursors = new HashMap<>();

  InMemoryOutboxStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public List<OutboxRecord> append(List<OutboxRecord> batch) {
    List<OutboxRecord> given = List.copyOf(requireNonNull(batch, "records must not be null"));
    return lock.write(() -> {
      List<OutboxRecord> stored = new ArrayList<>(given.size());
      for (OutboxRecord r : given) {
        long seq = lastSeq.merge(r.tenant(), 1L, Long::sum);
        OutboxRecord numbered = new OutboxRecord(r.tenant(), seq, r.type(), r.session(), r.at(), r.payload());
        records.computeIfAbsent(r.tenant(), t -> new TreeMap<>()).put(seq, numbered);
        stored.add(numbered);
      }
      return List.copyOf(stored);
    });
  }

  @Override
  public List<OutboxRecord> after(String tenant, long afterSeq, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return lock.read(() -> of(tenant).tailMap(afterSeq, false).values().stream().limit(limit).toList());
  }

  @Override
  public long firstAtOrAfter(String tenant, Instant at) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(at, "at must not be null");
    return lock.read(() -> of(tenant).values().stream()
        .filter(r -> !r.at().isBefore(at))
        .mapToLong(OutboxRecord::seq)
        .findFirst()
        .orElse(lastSeq.getOrDefault(tenant, 0L) + 1));
  }

  @Override
  public void saveCursor(String tenant, String consumer, long seq) {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("consumer", consumer);
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, was: " + seq);
    }
    lock.write(() -> cursors.computeIfAbsent(tenant, t -> new HashMap<>()).put(consumer, seq));
  }

  @Override
  public long cursor(String tenant, String consumer) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(consumer, "consumer must not be null");
    return lock.read(() -> cursors.getOrDefault(tenant, Map.of()).getOrDefault(consumer, 0L));
  }

  @Override
  public int purgeBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(cutoff, "cutoff must not be null");
    return lock.write(() -> {
      int before = of(tenant).size();
      of(tenant).values().removeIf(r -> r.at().isBefore(cutoff));
      return before - of(tenant).size();
    });
  }

  @Override
  public int eraseSessions(String tenant, Collection<String> sessions) {
    requireNonNull(tenant, "tenant must not be null");
    Set<String> erased = Set.copyOf(requireNonNull(sessions, "sessions must not be null"));
    return lock.write(() -> {
      int before = of(tenant).size();
      of(tenant).values().removeIf(r -> r.session() != null && erased.contains(r.session()));
      return before - of(tenant).size();
    });
  }

  private NavigableMap<Long, OutboxRecord> of(String tenant) {
    return records.getOrDefault(tenant, new TreeMap<>());
  }
}
