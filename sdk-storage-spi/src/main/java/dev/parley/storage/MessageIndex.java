package dev.parley.storage;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's message ids, each to the {@link PackedTranscript} that holds its message and the
 * message's number there: open-addressing tables (linear probing, deletion by shifting back) in
 * three parallel arrays, so that an id costs no object of its own. The ids themselves are read
 * from the transcripts.
 *
 * <p>The ids are spread by hash over {@value #SEGMENTS} tables that grow and shrink each on its
 * own. One table for all would be rebuilt whole when it doubles, under the store's lock: at half a
 * million messages that is tens of milliseconds of random memory reads during which no message of
 * any tenant sharing the store is kept, a stall every sender sees; a segment's rebuild is {@value
 * #SEGMENTS} times smaller.
 *
 * <p>A slot names the segment in its low bits and the place in the segment above them (up to 2^25
 * places a segment, a billion ids in all, more than a heap holds).
 *
 * <p>Thread safety: none; the transcript store's lock guards it.
 */
final class MessageIndex {
  private static final int SEGMENT_BITS = 6;
  private static final int SEGMENTS = 1 << SEGMENT_BITS;

  /** Made at a segment's first id, so that a tenant with few messages keeps few tables. */
  private final @Nullable Table[] segments = new Table[SEGMENTS];

  /** The slot of {@code id}, or -1. */
  int find(String id) {
    int s = segment(id.hashCode());
    Table table = segments[s];
    int i = table == null ? -1 : table.probe(id);
    return i >= 0 ? slot(i, s) : -1;
  }

  /**
   * The slot of {@code id}, or {@code -(free + 1)} where {@code free} is the slot {@link #add} puts
   * it in, with room made for it first: adding costs one probe.
   */
  int probeForAdd(String id) {
    int s = segment(id.hashCode());
    Table table = segments[s];
    if (table == null) {
      table = segments[s] = new Table();
    }
    table.makeRoom();
    int i = table.probe(id);
    return i >= 0 ? slot(i, s) : -(slot(-i - 1, s) + 1);
  }

  PackedTranscript owner(int slot) {
    return segments[slot & (SEGMENTS - 1)].owners[slot >>> SEGMENT_BITS];
  }

  int number(int slot) {
    return segments[slot & (SEGMENTS - 1)].numbers[slot >>> SEGMENT_BITS];
  }

  /**
   * Puts message {@code number} of {@code owner} under {@code id} in the free slot that {@link
   * #probeForAdd} gave for it, with no change to the index between the two.
   */
  void add(int free, String id, PackedTranscript owner, int number) {
    segments[free & (SEGMENTS - 1)].put(free >>> SEGMENT_BITS, id.hashCode(), owner, number);
  }

  /** Removes every message of {@code owner}. */
  void removeAll(PackedTranscript owner) {
    for (int n = 0; n < owner.size(); n++) {
      int hash = owner.idHash(n);
      segments[segment(hash)].remove(hash, owner, n);
    }
    for (Table table : segments) {
      if (table != null) {
        table.shrinkIfSparse();
      }
    }
  }

  /** Mixed apart from the bits that place an id within its segment's table. */
  private static int segment(int hash) {
    return (hash * 0x9E3779B9) >>> (Integer.SIZE - SEGMENT_BITS);
  }

  private static int slot(int place, int segment) {
    return place << SEGMENT_BITS | segment;
  }

  /** One segment: a table kept at most half full, so that probes are short. */
  private static final class Table {
    private static final int MIN_CAPACITY = 16;

    private @Nullable PackedTranscript[] owners = new PackedTranscript[MIN_CAPACITY];
    private int[] numbers = new int[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int size;

    /** The place of {@code id}, or {@code -(free + 1)} where {@code free} is the place it would take. */
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

    /** Grows the table, if need be, so that one more id keeps it at most half full. */
    void makeRoom() {
      if (2 * (size + 1) > owners.length) {
        resize(owners.length * 2);
      }
    }

    void put(int place, int hash, PackedTranscript owner, int number) {
      owners[place] = owner;
      numbers[place] = number;
      hashes[place] = hash;
      size++;
    }

    /** Removes message {@code number} of {@code owner}, whose id hashes to {@code hash}. */
    void remove(int hash, PackedTranscript owner, int number) {
      int mask = owners.length - 1;
      int i = home(hash, mask);
      while (owners[i] != owner || numbers[i] != number) {
        i = (i + 1) & mask;
      }
      delete(i);
      size--;
    }

    void shrinkIfSparse() {
      if (size * 8 < owners.length && owners.length > MIN_CAPACITY) {
        resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 4));
      }
    }

    /** Empties place {@code hole}, moving back the entries after it that would no longer be found. */
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
      int mask = capacity - 1;
      for (int j = 0; j < oldOwners.length; j++) {
        if (oldOwners[j] != null) {
          int i = home(oldHashes[j], mask);
          while (owners[i] != null) {
            i = (i + 1) & mask;
          }
          owners[i] = oldOwners[j];
          numbers[i] = oldNumbers[j];
          hashes[i] = oldHashes[j];
        }
      }
    }

    private static int home(int hash, int mask) {
      return (hash ^ (hash >>> 16)) & mask;
    }
  }
}
