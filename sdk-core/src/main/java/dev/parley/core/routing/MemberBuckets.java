package dev.parley.core.routing;

import static dev.parley.core.routing.CandidateIndex.NONE;

import java.util.Arrays;

/**
 * The candidates of one group for one channel, best first by the group's strategy, kept so that
 * the usual re-key is O(1). Members are numbers of its {@link CandidateIndex}, whose arrays hold
 * their keys and links.
 *
 * <p>A member's key is (primary, secondary, definition order). Members with the same primary key
 * (the same load fraction, the same fixed-order rank; everyone, for the other strategies) share a
 * bucket: a doubly linked list through the index's {@code prev} and {@code next}, in ascending
 * (secondary, order). Buckets sit in arrays in ascending primary key. The secondary key is the
 * operator's last load change, or his last turn: when it changes it becomes the latest of all, so a
 * re-keyed member goes to the tail of its new bucket without a search. Only a member whose key went
 * back in time (an operator switching a channel on again keeps his old idle time) is walked into
 * place from the tail.
 *
 * <p>The best candidate is the head of the first non-empty bucket; the index of that bucket is
 * kept. A decision reads one member; a load change unlinks and links one: no comparison chains,
 * and nothing allocated once the buckets for the group's load fractions exist.
 */
final class MemberBuckets {
  final GroupState group;
  final int channel;
  private final CandidateIndex index;

  /** Per bucket, in ascending primary key: the key, the first and last member, how many. */
  private long[] primaries = new long[4];
  private int[] heads = new int[4];
  private int[] tails = new int[4];
  private int[] counts = new int[4];
  private int bucketCount;
  /** Index of the first non-empty bucket; {@code bucketCount} when all are empty. */
  private int firstBucket;
  private int size;

  MemberBuckets(GroupState group, int channel, CandidateIndex index) {
    this.group = group;
    this.channel = channel;
    this.index = index;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The best candidate's number, or {@link CandidateIndex#NONE} when there is none. */
  int first() {
    return size == 0 ? NONE : heads[firstBucket];
  }

  /** The number of the candidate after {@code m} in order, or {@link CandidateIndex#NONE} after the last. */
  int after(int m) {
    int n = index.next[m];
    if (n != NONE) {
      return n;
    }
    for (int i = indexOf(index.primary[m]) + 1; i < bucketCount; i++) {
      if (counts[i] > 0) {
        return heads[i];
      }
    }
    return NONE;
  }

  /** Links member {@code m} in by the key in the index's arrays. */
  void add(int m) {
    int[] prev = index.prev;
    int[] next = index.next;
    int i = bucket(index.primary[m]);
    int after = tails[i];
    while (after != NONE && index.before(m, after)) {
      after = prev[after];
    }
    int before = after == NONE ? heads[i] : next[after];
    prev[m] = after;
    next[m] = before;
    if (after == NONE) {
      heads[i] = m;
    } else {
      next[after] = m;
    }
    if (before == NONE) {
      tails[i] = m;
    } else {
      prev[before] = m;
    }
    counts[i]++;
    size++;
    if (counts[i] == 1 && i < firstBucket) {
      firstBucket = i;
    }
  }

  /** Unlinks member {@code m}, which is linked in with the key in the index's arrays. */
  void remove(int m) {
    int[] prev = index.prev;
    int[] next = index.next;
    int i = indexOf(index.primary[m]);
    int p = prev[m];
    int n = next[m];
    if (p == NONE) {
      heads[i] = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      tails[i] = p;
    } else {
      prev[n] = p;
    }
    counts[i]--;
    size--;
    if (counts[i] == 0 && i == firstBucket) {
      while (firstBucket < bucketCount && counts[firstBucket] == 0) {
        firstBucket++;
      }
    }
  }

  /** The index of the bucket for {@code primary}, made when it is the first of its key. */
  private int bucket(long primary) {
    int i = indexOf(primary);
    if (i < bucketCount && primaries[i] == primary) {
      return i;
    }
    if (bucketCount == primaries.length) {
      int size = bucketCount * 2;
      primaries = Arrays.copyOf(primaries, size);
      heads = Arrays.copyOf(heads, size);
      tails = Arrays.copyOf(tails, size);
      counts = Arrays.copyOf(counts, size);
    }
    int moved = bucketCount - i;
    System.arraycopy(primaries, i, primaries, i + 1, moved);
    System.arraycopy(heads, i, heads, i + 1, moved);
    System.arraycopy(tails, i, tails, i + 1, moved);
    System.arraycopy(counts, i, counts, i + 1, moved);
    primaries[i] = primary;
    heads[i] = NONE;
    tails[i] = NONE;
    counts[i] = 0;
    bucketCount++;
    if (i <= firstBucket && firstBucket < bucketCount - 1) {
      firstBucket++; // the old first moved one place up
    } else if (firstBucket == bucketCount - 1) {
      firstBucket = bucketCount; // all were empty: still none
    }
    return i;
  }

  /** The index of the bucket with {@code primary}, or where it would go. */
  private int indexOf(long primary) {
    int lo = 0;
    int hi = bucketCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long p = primaries[mid];
      if (p < primary) {
        lo = mid + 1;
      } else if (p > primary) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return lo;
  }
}
