package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The configuration of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryConfigStore implements ConfigStore {
  private final StorageLock lock;
  // tenant -> [kind, key] -> record; a tenant without records is taken out
  private final NavigableMap<String, NavigableMap<List<String>, ConfigRecord>> tenants = new TreeMap<>();

  InMemoryConfigStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public void put(ConfigRecord record) {
    requireNonNull(record, "record must not be null");
    lock.write(() -> tenants.computeIfAbsent(record.tenant(), t -> new TreeMap<>(InMemoryConfigStore::compare))
        .put(List.of(record.kind(), record.key()), record));
  }

  @Override
  public boolean remove(String tenant, String kind, String key) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(kind, "kind must not be null");
    requireNonNull(key, "key must not be null");
    return lock.write(() -> {
      Map<List<String>, ConfigRecord> records = tenants.get(tenant);
      boolean removed = records != null && records.remove(List.of(kind, key)) != null;
      if (removed && records.isEmpty()) {
        tenants.remove(tenant);
      }
      return removed;
    });
  }

  @Override
  public List<ConfigRecord> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    return lock.read(() -> List.copyOf(tenants.getOrDefault(tenant, new TreeMap<>()).values()));
  }

  @Override
  public List<String> tenants() {
    return lock.read(() -> List.copyOf(tenants.keySet()));
  }

  private static int compare(List<String> a, List<String> b) {
    int byKind = a.get(0).compareTo(b.get(0));
    return byKind != 0 ? byKind : a.get(1).compareTo(b.get(1));
  }
}
