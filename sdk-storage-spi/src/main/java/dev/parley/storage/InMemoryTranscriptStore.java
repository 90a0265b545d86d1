package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transcripts of an {@link InMemoryStorage}.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}; the methods
 * without a lock of their own are for the other stores, which hold the write lock.
 */
final class InMemoryTranscriptStore implements TranscriptStore {
  private final StorageLock lock;
  // tenant -> message id -> message
  private final Map<String, Map<String, MessageRecord>> messages = new HashMap<>();
  // tenant -> session -> message ids in the order stored
  private final Map<String, Map<String, List<String>>> sessions = new HashMap<>();
  // tenant -> erased sessions, whose transcripts take no more messages
  private final Map<String, Set<String>> erased = new HashMap<>();

  InMemoryTranscriptStore(StorageLock lock) {
    this.lock = lock;
  }

  @Override
  public boolean append(MessageRecord message) {
    requireNonNull(message, "message must not be null");
    return lock.write(() -> add(message));
  }

  /** Appends them all under one lock, as the engine's persister appends a batch's messages. */
  @Override
  public int appendAll(List<MessageRecord> batch) {
    List<MessageRecord> given = List.copyOf(requireNonNull(batch, "messages must not be null"));
    return lock.write(() -> {
      int added = 0;
      for (MessageRecord message : given) {
        if (add(message)) {
          added++;
        }
      }
      return added;
    });
  }

  /** What {@link #append} does; the caller holds the write lock. */
  private boolean add(MessageRecord message) {
    if (erased.getOrDefault(message.tenant(), Set.of()).contains(message.session())) {
      return false;
    }
    Map<String, MessageRecord> byId = messages.computeIfAbsent(message.tenant(), t -> new HashMap<>());
    if (byId.putIfAbsent(message.id(), message) != null) {
      return false;
    }
    sessions.computeIfAbsent(message.tenant(), t -> new HashMap<>())
        .computeIfAbsent(message.session(), s -> new ArrayList<>())
        .add(message.id());
    return true;
  }

  @Override
  public Optional<MessageRecord> markDelivery(String tenant, String messageId, MessageRecord.Delivery delivery) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    requireNonNull(delivery, "delivery must not be null");
    return lock.write(() -> {
      Map<String, MessageRecord> byId = messages.getOrDefault(tenant, Map.of());
      MessageRecord stored = byId.get(messageId);
      if (stored == null || !stored.delivery().canMoveTo(delivery)) {
        return Optional.ofNullable(stored);
      }
      MessageRecord moved = new MessageRecord(stored.tenant(), stored.session(), stored.id(), stored.at(),
          stored.sender(), stored.author(), stored.text(), stored.files(), delivery);
      byId.put(messageId, moved);
      return Optional.of(moved);
    });
  }

  @Override
  public Optional<MessageRecord> find(String tenant, String messageId) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    return lock.read(() -> Optional.ofNullable(messages.getOrDefault(tenant, Map.of()).get(messageId)));
  }

  @Override
  public List<MessageRecord> transcript(String tenant, String session) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(session, "session must not be null");
    return lock.read(() -> transcriptOf(tenant, session));
  }

  /** A session's messages in order; the caller holds the lock. */
  List<MessageRecord> transcriptOf(String tenant, String session) {
    List<String> ids = sessions.getOrDefault(tenant, Map.of()).getOrDefault(session, List.of());
    Map<String, MessageRecord> byId = messages.get(tenant);
    List<MessageRecord> transcript = new ArrayList<>(ids.size());
    ids.forEach(id -> transcript.add(byId.get(id)));
    transcript.sort(Comparator.comparing(MessageRecord::at)); // stable: equal instants stay in the order stored
    return List.copyOf(transcript);
  }

  /** Removes an erased session's transcript for good; the caller holds the write lock. */
  void eraseSession(String tenant, String session) {
    removeSession(tenant, session);
    erased.computeIfAbsent(tenant, t -> new HashSet<>()).add(session);
  }

  /** Removes a session's transcript; the caller holds the write lock. */
  void removeSession(String tenant, String session) {
    List<String> ids = sessions.getOrDefault(tenant, new HashMap<>()).remove(session);
    if (ids != null) {
      ids.forEach(messages.get(tenant)::remove);
    }
  }
}
