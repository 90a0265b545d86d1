package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BlacklistStore} in the heap: the default for tests and quick starts. Nothing survives
 * the process, so it is not durable.
 *
 * <p>Thread safety: safe for use by several threads at once; every operation is a single atomic
 * step on a {@link ConcurrentHashMap}, and {@link #list} returns a weakly consistent snapshot.
 */
public final class InMemoryBlacklistStore implements BlacklistStore {
  private static final Comparator<BlacklistEntry> ORDER =
      Comparator.comparing(BlacklistEntry::blockedAt)
          .thenComparing(BlacklistEntry::channel)
          .thenComparing(BlacklistEntry::identifier);

  // tenant -> (channel, identifier) -> entry. A tenant's map is never taken out again, so a put
  // can never land in a map that a concurrent remove has just discarded.
  private final ConcurrentMap<String, ConcurrentMap<Key, BlacklistEntry>> tenants =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryBlacklistStore() {}

  @Override
  public void put(BlacklistEntry entry) {
    requireNonNull(entry, "entry must not be null");
    tenants
        .computeIfAbsent(entry.tenant(), t -> new ConcurrentHashMap<>())
        .put(new Key(entry.channel(), entry.identifier()), entry);
  }

  @Override
  public boolean remove(String tenant, String channel, String identifier) {
    Key key = key(tenant, channel, identifier);
    ConcurrentMap<Key, BlacklistEntry> entries = tenants.get(tenant);
    return entries != null && entries.remove(key) != null;
  }

  @Override
  public Optional<BlacklistEntry> find(String tenant, String channel, String identifier) {
    Key key = key(tenant, channel, identifier);
    ConcurrentMap<Key, BlacklistEntry> entries = tenants.get(tenant);
    return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(key));
  }

  @Override
  public List<BlacklistEntry> list(String tenant) {
    requireNonNull(tenant, "tenant must not be null");
    ConcurrentMap<Key, BlacklistEntry> entries = tenants.get(tenant);
    return entries == null ? List.of() : entries.values().stream().sorted(ORDER).toList();
  }

  private static Key key(String tenant, String channel, String identifier) {
    requireNonNull(tenant, "tenant must not be null");
    return new Key(
        requireNonNull(channel, "channel must not be null"),
        requireNonNull(identifier, "identifier must not be null"));
  }

  /** An entry's key within its tenant. */
  private record Key(String channel, String identifier) {}
}
