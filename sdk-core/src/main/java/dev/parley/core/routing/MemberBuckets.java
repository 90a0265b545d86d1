package dev.parley.core.routing;

import static dev.parley.core.routing.CandidateIndex.NONE;

import java.util.Arrays;

/**
 * The candidates of one group for one channel, best first by the group's strategy, kept so that
 * the usual re-key is O(1). Members are numbers of its {@link CandidateIndex}, whose arrays hold
 * their keys, links and buckets.
 *
 * <p>A member's key is (primary, secondary, definition order). Members with the same primary key
 * (the same load fraction, the same fixed-order rank; everyone, for the other strategies) share a
 * bucket: a doubly linked list through the index's {@code prev} and {@code next}, in ascending
 * (secondary, order). The secondary key is the operator's last load change, or his last turn: when
 * it changes it becomes the latest of all, so a re-keyed member goes to the tail of its new bucket
 * without a search. Only a member whose key went back in time (an operator switching a channel on
 * again keeps his old idle time) is walked into place from the tail.
 *
 * <p>A bucket keeps its number for good; {@code order} lists the numbers in ascending primary key,
 * and a small hash table finds the bucket of a primary key. So a member leaves its bucket through
 * the index's {@code bucketOf} and joins one through a hash probe, without a search, and the best
 * candidate is the head of the first non-empty bucket in order, whose place is kept. A decision
 * reads one member; a load change unlinks and links one: no comparison chains, and nothing
 * allocated once the buckets for the group's load fractions exist. Buckets left empty are dropped
 * when they outnumber the others, so keys that never come back (fixed-order ranks redefined) do not
 * pile up.
 */
final class MemberBuckets {
  private static final int EMPTY_SLOT = -1;
  /** The hash table of a group's candidates that never had a bucket: most channels of most groups. */
  private static final int[] NO_SLOTS = {EMPTY_SLOT};

  final GroupState group;
  final int channel;
  private final CandidateIndex index;

  // Made on the first bucket: a group has candidates for a channel or two, not all nine.
  /** Per bucket number: the key, the first and last member, how many. */
  private long[] primaries = new long[0];
  private int[] heads = new int[0];
  private int[] tails = new int[0];
  private int[] counts = new int[0];
  /** Per bucket number: its place in {@link #order}. */
  private int[] places = new int[0];
  /** The bucket numbers in ascending primary key. */
  private int[] order = new int[0];
  private int bucketCount;
  /** The place in {@link #order} of the first non-empty bucket; {@code bucketCount} when all are empty. */
  private int firstPlace;
  private int size;
  private int emptyBuckets;
  /** Open addressing, linear probing: bucket numbers by primary key, or {@link #EMPTY_SLOT}. */
  private int[] slots = NO_SLOTS;

  MemberBuckets(GroupState group, int channel, CandidateIndex index) {
    this.group = group;
    this.channel = channel;
    this.index = index;
  }

  int size() {
    return size;
  }

  /** How many buckets it keeps, empty ones included: its memory, which stays bounded. */
  int bucketCount() {
    return bucketCount;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The best candidate's number, or {@link CandidateIndex#NONE} when there is none. */
  int first() {
    return size == 0 ? NONE : heads[order[firstPlace]];
  }

  /** The number of the candidate after {@code m} in order, or {@link CandidateIndex#NONE} after the last. */
  int after(int m) {
    int n = index.next[m];
    if (n != NONE) {
      return n;
    }
    for (int p = places[index.bucketOf[m]] + 1; p < bucketCount; p++) {
      if (counts[order[p]] > 0) {
        return heads[order[p]];
      }
    }
    return NONE;
  }

  /** Links member {@code m} in by the key in the index's arrays. */
  void add(int m) {
    add(m, false);
  }

  /**
   * Links member {@code m} in by the key in the index's arrays; {@code newest} says its secondary
   * key is above every other of its bucket, so it goes last without being compared.
   */
  void add(int m, boolean newest) {
    link(m, newest, index.prev, index.next);
    size++;
  }

  /** Unlinks member {@code m}, which is linked in. */
  void remove(int m) {
    unlink(m, index.prev, index.next);
    index.bucketOf[m] = NONE;
    size--;
  }

  /**
   * Moves member {@code m}, which is linked in, to where its key in the index's arrays now puts it;
   * {@code newest} as for {@link #add(int, boolean)}.
   */
  void move(int m, boolean newest) {
    int[] prev = index.prev;
    int[] next = index.next;
    unlink(m, prev, next);
    link(m, newest, prev, next);
  }

  private void link(int m, boolean newest, int[] prev, int[] next) {
    int b = bucket(index.primary[m]);
    int after = tails[b];
    // The newest key needs no comparison, which would read the tail's key: at scale the tail is
    // out of the cache, and its key is what a load change waited for.
    while (!newest && after != NONE && index.before(m, after)) {
      after = prev[after];
    }
    int before = after == NONE ? heads[b] : next[after];
    prev[m] = after;
    next[m] = before;
    if (after == NONE) {
      heads[b] = m;
    } else {
      next[after] = m;
    }
    if (before == NONE) {
      tails[b] = m;
    } else {
      prev[before] = m;
    }
    index.bucketOf[m] = b;
    if (++counts[b] == 1) {
      emptyBuckets--;
      if (places[b] < firstPlace) {
        firstPlace = places[b];
      }
    }
  }

  private void unlink(int m, int[] prev, int[] next) {
    int b = index.bucketOf[m];
    int p = prev[m];
    int n = next[m];
    if (p == NONE) {
      heads[b] = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      tails[b] = p;
    } else {
      prev[n] = p;
    }
    if (--counts[b] == 0) {
      emptyBuckets++;
      if (places[b] == firstPlace) {
        while (firstPlace < bucketCount && counts[order[firstPlace]] == 0) {
          firstPlace++;
        }
      }
    }
  }

  /** The number of the bucket for {@code primary}, made when it is the first of its key. */
  private int bucket(long primary) {
    int mask = slots.length - 1;
    for (int s = slot(primary, mask); ; s = (s + 1) & mask) {
      int b = slots[s];
      if (b == EMPTY_SLOT) {
        break;
      }
      if (primaries[b] == primary) {
        return b;
      }
    }
    if (emptyBuckets > 8 && emptyBuckets > bucketCount - emptyBuckets) {
      dropEmptyBuckets();
    }
    return newBucket(primary);
  }

  private static int slot(long primary, int mask) {
    return (int) ((primary * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  private int newBucket(long primary) {
    int b = bucketCount++;
    if (b == primaries.length) {
      int size = Math.max(4, b * 2);
      primaries = Arrays.copyOf(primaries, size);
      heads = Arrays.copyOf(heads, size);
      tails = Arrays.copyOf(tails, size);
      counts = Arrays.copyOf(counts, size);
      places = Arrays.copyOf(places, size);
      order = Arrays.copyOf(order, size);
    }
    primaries[b] = primary;
    heads[b] = NONE;
    tails[b] = NONE;
    counts[b] = 0;
    emptyBuckets++;
    // Its place in order: after every bucket with a lower key.
    int lo = 0;
    int hi = b - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (primaries[order[mid]] < primary) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    int place = lo;
    System.arraycopy(order, place, order, place + 1, b - place);
    order[place] = b;
    for (int p = place; p <= b; p++) {
      places[order[p]] = p;
    }
    if (place <= firstPlace) {
      firstPlace++; // the old first moved one place up, or all were and are empty
    }
    if (bucketCount * 2 > slots.length) {
      rehash(Math.max(8, slots.length * 2));
    } else {
      insertSlot(b);
    }
    return b;
  }

  private void insertSlot(int b) {
    int mask = slots.length - 1;
    int s = slot(primaries[b], mask);
    while (slots[s] != EMPTY_SLOT) {
      s = (s + 1) & mask;
    }
    slots[s] = b;
  }

  private void rehash(int size) {
    slots = emptySlots(size);
    for (int b = 0; b < bucketCount; b++) {
      insertSlot(b);
    }
  }

  private static int[] emptySlots(int size) {
    int[] s = new int[size];
    Arrays.fill(s, EMPTY_SLOT);
    return s;
  }

  /** Renumbers the non-empty buckets, in order, and forgets the empty ones. */
  private void dropEmptyBuckets() {
    int length = primaries.length;
    long[] keptPrimaries = new long[length];
    int[] keptHeads = new int[length];
    int[] keptTails = new int[length];
    int[] keptCounts = new int[length];
    int kept = 0;
    for (int p = 0; p < bucketCount; p++) {
      int b = order[p];
      if (counts[b] == 0) {
        continue;
      }
      keptPrimaries[kept] = primaries[b];
      keptHeads[kept] = heads[b];
      keptTails[kept] = tails[b];
      keptCounts[kept] = counts[b];
      for (int m = heads[b]; m != NONE; m = index.next[m]) {
        index.bucketOf[m] = kept;
      }
      order[kept] = kept;
      places[kept] = kept;
      kept++;
    }
    primaries = keptPrimaries;
    heads = keptHeads;
    tails = keptTails;
    counts = keptCounts;
    bucketCount = kept;
    emptyBuckets = 0;
    firstPlace = 0;
    rehash(slots.length);
  }
}
