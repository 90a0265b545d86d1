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
 * The transcripts of an {@link InMemoryStorage}: each tenant's messages packed in a {@link
 * TranscriptArena}, listed by session in {@link PackedTranscript}s and found by id through a
 * {@link MessageIndex}, so that a stored message is about 200 bytes in large arrays rather than
 * seven objects that every young collection copies.
 *
 * <p>Thread safety: every method runs under the storage's {@link StorageLock}; the methods
 * without a lock of their own are for the other stores, which hold the write lock.
 */
final class InMemoryTranscriptStore implements TranscriptStore {
  private final StorageLock lock;
  // the session store's indexes, told each stored session's words
  private final SessionsByTenant indexes;
  // tenant -> the bytes of its messages
  private final Map<String, TranscriptArena> arenas = new HashMap<>();
  // tenant -> message id -> where its message is packed
  private final Map<String, MessageIndex> ids = new HashMap<>();
  // tenant -> session -> its messages, packed in the order stored
  private final Map<String, Map<String, PackedTranscript>> sessions = new HashMap<>();
  // tenant -> erased sessions, whose transcripts take no more messages
  private final Map<String, Set<String>> erased = new HashMap<>();

  InMemoryTranscriptStore(StorageLock lock, SessionsByTenant indexes) {
    this.lock = lock;
    this.indexes = indexes;
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
      for (int i = 0; i < given.size(); i++) {
        if (add(given.get(i))) {
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
    MessageIndex index = ids.computeIfAbsent(message.tenant(), t -> new MessageIndex());
    int slot = index.probeForAdd(message.id());
    if (slot >= 0) {
      return false;
    }
    Map<String, PackedTranscript> ofTenant = sessions.computeIfAbsent(message.tenant(), t -> new HashMap<>());
    PackedTranscript transcript = ofTenant.get(message.session()); // no capturing lambda for every message
    if (transcript == null) {
      transcript = new PackedTranscript(message.tenant(), message.session(), arena(message.tenant()));
      ofTenant.put(message.session(), transcript);
    }
    index.add(-slot - 1, message.id(), transcript, transcript.add(message));
    TenantSessions indexed = indexes.find(message.tenant());
    if (indexed != null && indexed.entry(message.session()) != null) {
      indexed.said(message.session(), Words.of(message.text()));
    }
    return true;
  }

  @Override
  public Optional<MessageRecord> markDelivery(String tenant, String messageId, MessageRecord.Delivery delivery) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    requireNonNull(delivery, "delivery must not be null");
    return lock.write(() -> {
      MessageIndex index = ids.get(tenant);
      int slot = index == null ? -1 : index.find(messageId);
      if (slot < 0) {
        return Optional.empty();
      }
      PackedTranscript transcript = index.owner(slot);
      int n = index.number(slot);
      if (transcript.delivery(n).canMoveTo(delivery)) {
        transcript.delivery(n, delivery);
      }
      return Optional.of(transcript.get(n));
    });
  }

  @Override
  public Optional<MessageRecord> find(String tenant, String messageId) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(messageId, "messageId must not be null");
    return lock.read(() -> {
      MessageIndex index = ids.get(tenant);
      int slot = index == null ? -1 : index.find(messageId);
      return slot < 0 ? Optional.empty() : Optional.of(index.owner(slot).get(index.number(slot)));
    });
  }

  @Override
  public List<MessageRecord> transcript(String tenant, String session) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(session, "session must not be null");
    return lock.read(() -> transcriptOf(tenant, session));
  }

  /** A session's messages in order; the caller holds the lock. */
  private List<MessageRecord> transcriptOf(String tenant, String session) {
    PackedTranscript packed = sessions.getOrDefault(tenant, Map.of()).get(session);
    if (packed == null) {
      return List.of();
    }
    List<MessageRecord> transcript = new ArrayList<>(packed.size());
    for (int n = 0; n < packed.size(); n++) {
      transcript.add(packed.get(n));
    }
    transcript.sort(Comparator.comparing(MessageRecord::at)); // stable: equal instants stay in the order stored
    return List.copyOf(transcript);
  }

  /** Moves what is left of the tenant's sparse chunks together; the caller holds the write lock and removed sessions. */
  void compact(String tenant) {
    TranscriptArena arena = arenas.get(tenant);
    if (arena != null) {
      arena.compact(sessions.get(tenant).values());
    }
  }

  private TranscriptArena arena(String tenant) {
    return arenas.computeIfAbsent(tenant, t -> new TranscriptArena());
  }

  /** Removes an erased session's transcript for good; the caller holds the write lock. */
  void eraseSession(String tenant, String session) {
    removeSession(tenant, session);
    erased.computeIfAbsent(tenant, t -> new HashSet<>()).add(session);
  }

  /** The distinct words of a session's messages; the caller holds the lock. */
  Set<String> wordsOf(String tenant, String session) {
    PackedTranscript packed = sessions.getOrDefault(tenant, Map.of()).get(session);
    if (packed == null) {
      return Set.of();
    }
    Set<String> words = new HashSet<>();
    for (int n = 0; n < packed.size(); n++) {
      words.addAll(Words.of(packed.get(n).text()));
    }
    return words;
  }

  /** Removes a session's transcript, and its words from the session indexes; the caller holds the write lock. */
  void removeSession(String tenant, String session) {
    TenantSessions indexed = indexes.find(tenant);
    if (indexed != null) {
      indexed.unsaid(session, wordsOf(tenant, session));
    }
    PackedTranscript packed = sessions.getOrDefault(tenant, new HashMap<>()).remove(session);
    if (packed != null) {
      ids.get(tenant).removeAll(packed);
      packed.removeAll();
    }
  }
}
