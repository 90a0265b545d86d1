package dev.parley.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One session's messages in the in-memory storage, in the order stored: where each is packed in
 * its tenant's {@link TranscriptArena}, and the files of the few that carry any.
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class PackedTranscript {
  final String tenant;
  final String session;
  private final TranscriptArena arena;
  private long[] positions = new long[4];
  private int count;
  /** Message number → its files, for the few messages that carry any; null until one does. */
  private @Nullable Map<Integer, List<MessageRecord.FileRef>> files;

  PackedTranscript(String tenant, String session, TranscriptArena arena) {
    this.tenant = tenant;
    this.session = session;
    this.arena = arena;
  }

  int size() {
    return count;
  }

  /** Packs {@code m}, a message of this session, after the others; returns its number. */
  int add(MessageRecord m) {
    if (count == positions.length) {
      positions = Arrays.copyOf(positions, count * 2);
    }
    positions[count] = arena.add(m);
    if (!m.files().isEmpty()) {
      if (files == null) {
        files = new HashMap<>();
      }
      files.put(count, m.files());
    }
    return count++;
  }

  /** The message numbered {@code n}, unpacked. */
  MessageRecord get(int n) {
    List<MessageRecord.FileRef> attached = files == null ? null : files.get(n);
    return arena.get(positions[n], tenant, session, attached == null ? List.of() : attached);
  }

  MessageRecord.Delivery delivery(int n) {
    return arena.delivery(positions[n]);
  }

  void delivery(int n, MessageRecord.Delivery delivery) {
    arena.delivery(positions[n], delivery);
  }

  /** Whether the id of message {@code n} is {@code id}, without unpacking it. */
  boolean idEquals(int n, String id) {
    return arena.idEquals(positions[n], id);
  }

  /** {@link String#hashCode()} of the id of message {@code n}. */
  int idHash(int n) {
    return arena.idHash(positions[n]);
  }

  /** Gives every message's bytes back to the arena: the session is gone. */
  void removeAll() {
    for (int n = 0; n < count; n++) {
      arena.remove(positions[n]);
    }
  }

  /** Lets the arena move messages: each position becomes what {@code to} says. */
  void move(LongUnaryOperator to) {
    for (int n = 0; n < count; n++) {
      positions[n] = to.applyAsLong(positions[n]);
    }
  }
}
