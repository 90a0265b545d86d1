package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tag catalogue and recent tags of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryTagStore implements TagStore {
  private static final Comparator<Map.Entry<String, Instant>> LATEST_FIRST =
      Map.Entry.<String, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  private final StorageLock lock;
  // tenant -> tags
  private final Map<String, Set<String>> catalogues = new HashMap<>();
  // tenant -> operator -> tag -> its latest use
  private final Map<String, Map<String, Map<String, Instant>>> uses = new HashMap<>();

  InMemoryTagStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public void define(String tenant, String tag) {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("tag", tag);
    lock.write(() -> catalogues.computeIfAbsent(tenant, t -> new TreeSet<>()).add(tag));
  }

  @Override
  public boolean remove(String tenant, String tag) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(tag, "tag must not be null");
    return lock.write(() -> {
      Set<String> catalogue = catalogues.get(tenant);
      return catalogue != null && catalogue.remove(tag);
    });
  }

  @Override
  public List<String> catalogue(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return lock.read(() -> List.copyOf(catalogues.getOrDefault(tenant, Set.of())));
  }

  @Override
  public void used(String tenant, String operator, String tag, Instant at) {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.nonBlank("operator", operator);
    FieldChecks.nonBlank("tag", tag);
    requireNonNull(at, "at must not be null");
    lock.write(() -> uses.computeIfAbsent(tenant, t -> new HashMap<>())
        .computeIfAbsent(operator, o -> new HashMap<>())
        .merge(tag, at, (a, b) -> a.isAfter(b) ? a : b));
  }

  @Override
  public List<String> recent(String tenant, String operator, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(operator, "operator must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return lock.read(() -> uses.getOrDefault(tenant, Map.of()).getOrDefault(operator, Map.of()).entrySet().stream()
        .sorted(LATEST_FIRST)
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList());
  }
}
