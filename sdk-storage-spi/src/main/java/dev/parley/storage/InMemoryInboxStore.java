package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbox of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}.
 */
final class InMemoryInboxStore implements InboxStore {
  /** Oldest received first, ties by source, then id. */
  private static final Comparator<InboxMessage> ORDER = Comparator.comparing(InboxMessage::receivedAt)
      .thenComparing(InboxMessage::source).thenComparing(InboxMessage::messageId);

  private record Key(String source, String messageId) {
    static Key of(InboxMessage m) {
      return new Key(m.source(), m.messageId());
    }
  }

  private final StorageLock lock;
  // tenant -> pending messages
  private final Map<String, Map<Key, InboxMessage>> pending = new HashMap<>();
  // tenant -> every message ever accepted, applied or not
  private final Map<String, Set<Key>> accepted = new HashMap<>();

  InMemoryInboxStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public boolean accept(InboxMessage message) {
    requireNonNull(message, "message must not be null");
    return lock.write(() -> {
      if (!accepted.computeIfAbsent(message.tenant(), t -> new HashSet<>()).add(Key.of(message))) {
        return false;
      }
      pending.computeIfAbsent(message.tenant(), t -> new HashMap<>()).put(Key.of(message), message);
      return true;
    });
  }

  @Override
  public List<InboxMessage> pending(String tenant, int limit) {
    requireNonNull(tenant, "tenant must not be null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, was: " + limit);
    }
    return lock.read(() -> pending.getOrDefault(tenant, Map.of()).values().stream().sorted(ORDER).limit(limit).toList());
  }

  @Override
  public int markApplied(String tenant, Collection<InboxMessage> messages) {
    requireNonNull(tenant, "tenant must not be null");
    List<InboxMessage> given = List.copyOf(requireNonNull(messages, "messages must not be null"));
    return lock.write(() -> {
      Map<Key, InboxMessage> mine = pending.get(tenant);
      int marked = 0;
      for (InboxMessage m : given) {
        if (mine != null && m.tenant().equals(tenant) && mine.remove(Key.of(m)) != null) {
          marked++;
        }
      }
      return marked;
    });
  }
}
