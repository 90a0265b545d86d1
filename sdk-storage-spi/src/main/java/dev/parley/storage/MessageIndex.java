package dev.parley.storage;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's message ids, each to the {@link PackedTranscript} that holds its message and the
 * message's number there: an open-addressing table (linear probing, deletion by shifting back) in
 * three parallel arrays, so that an id costs no object of its own. The ids themselves are read
 * from the transcripts.
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class MessageIndex {
  private static final int MIN_CAPACITY = 16;

  private @Nullable PackedTranscript[] owners = new PackedTranscript[MIN_CAPACITY];
  private int[] numbers = new int[MIN_CAPACITY];
  private int[] hashes = new int[MIN_CAPACITY];
  private int size;

  /** The slot of {@code id}, or -1. */
  int find(String id) {
    int slot = probe(id);
    return slot >= 0 ? slot : -1;
  }

  /**
   * The slot of {@code id}, or {@code -(free + 1)} where {@code free} is the slot it would take:
   * what {@link #add} takes, after {@link #makeRoom}, so that adding costs one probe.
   */
  int probe(String id) {
    int hash = id.hashCode();
    int mask = owners.length - 1;
    int i = home(hash, mask);
    for (; owners[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == hash && owners[i].idEquals(numbers[i], id)) {
        return i;
      }
    }
    return -(i + 1);
  }

  PackedTranscript owner(int slot) {
    return owners[slot];
  }

  int number(int slot) {
    return numbers[slot];
  }

  /** Grows the table, if need be, so that one more id keeps it at most half full: short probes. */
  void makeRoom() {
    if (2 * (size + 1) > owners.length) {
      resize(owners.length * 2);
    }
  }

  /**
   * Puts message {@code number} of {@code owner} under {@code id} in the free slot that {@link
   * #probe} gave for it, with no change to the index between the two.
   */
  void add(int free, String id, PackedTranscript owner, int number) {
    owners[free] = owner;
    numbers[free] = number;
    hashes[free] = id.hashCode();
    size++;
  }

  /** Removes every message of {@code owner}. */
  void removeAll(PackedTranscript owner) {
    for (int n = 0; n < owner.size(); n++) {
      int hash = owner.idHash(n);
      int mask = owners.length - 1;
      int i = home(hash, mask);
      while (owners[i] != owner || numbers[i] != n) {
        i = (i + 1) & mask;
      }
      delete(i);
      size--;
    }
    if (size * 8 < owners.length && owners.length > MIN_CAPACITY) {
      resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 4));
    }
  }

  private void put(int hash, PackedTranscript owner, int number) {
    int mask = owners.length - 1;
    int i = home(hash, mask);
    while (owners[i] != null) {
      i = (i + 1) & mask;
    }
    owners[i] = owner;
    numbers[i] = number;
    hashes[i] = hash;
  }

  /** Empties slot {@code hole}, moving back the entries after it that would no longer be found. */
  private void delete(int hole) {
    int mask = owners.length - 1;
    for (int i = (hole + 1) & mask; owners[i] != null; i = (i + 1) & mask) {
      // The entry at i may fill the hole only if its home is not between the hole and i.
      if (((i - home(hashes[i], mask)) & mask) >= ((i - hole) & mask)) {
        owners[hole] = owners[i];
        numbers[hole] = numbers[i];
        hashes[hole] = hashes[i];
        hole = i;
      }
    }
    owners[hole] = null;
  }

  private void resize(int capacity) {
    PackedTranscript[] oldOwners = owners;
    int[] oldNumbers = numbers;
    int[] oldHashes = hashes;
    owners = new PackedTranscript[capacity];
    numbers = new int[capacity];
    hashes = new int[capacity];
    for (int i = 0; i < oldOwners.length; i++) {
      if (oldOwners[i] != null) {
        put(oldHashes[i], oldOwners[i], oldNumbers[i]);
      }
    }
  }

  private static int home(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }
}
