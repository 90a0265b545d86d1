package dev.parley.core.routing;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The candidates of one group for one channel, best first by the group's strategy, kept so that
 * the usual re-key is O(1).
 *
 * <p>A member's key is (primary, secondary, definition order) — see {@link Member#rekey()}. Members
 * with the same primary key (the same load fraction, the same fixed-order rank; everyone, for the
 * other strategies) share a bucket: a doubly linked list through the members themselves, in
 * ascending (secondary, order). Buckets sit in an array in ascending primary key. The secondary
 * key is the time of the operator's last load change, or his last turn: when it changes it becomes
 * the latest of all, so a re-keyed member goes to the tail of his new bucket without a search.
 * Only a member whose key went back in time (an operator switching a channel on again keeps his
 * old idle time) is walked into place from the tail.
 *
 * <p>The best candidate is the head of the first non-empty bucket; the index of that bucket is
 * kept. A decision reads one member; a load change unlinks and links one: no comparison chains,
 * and nothing allocated once the buckets for the group's load fractions exist.
 */
final class MemberBuckets {
  /** One primary key's members, in ascending (secondary, order). */
  static final class Bucket {
    final long primary;
    @Nullable Member head;
    @Nullable Member tail;
    int count;

    Bucket(long primary) {
      this.primary = primary;
    }
  }

  private Bucket[] buckets = new Bucket[4];
  private int bucketCount;
  /** Index of the first non-empty bucket; {@code bucketCount} when all are empty. */
  private int first;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(Member m) {
    return m.bucket != null && m.owner == this;
  }

  /** The best candidate, or null when there is none. */
  @Nullable Member peek() {
    return size == 0 ? null : buckets[first].head;
  }

  /** The candidate after {@code m} in order, or null after the last. */
  @Nullable Member next(Member m) {
    if (m.next != null) {
      return m.next;
    }
    for (int i = indexOf(m.bucket.primary) + 1; i < bucketCount; i++) {
      if (buckets[i].count > 0) {
        return buckets[i].head;
      }
    }
    return null;
  }

  /** Adds, removes or re-keys {@code m} so that it is a candidate exactly when {@code in}. */
  void set(Member m, boolean in) {
    boolean present = contains(m);
    if (in && present) {
      update(m);
    } else if (in) {
      add(m);
    } else if (present) {
      remove(m);
    }
  }

  /** Restores the order after {@code m}'s key changed; nothing to do when it did not. */
  void update(Member m) {
    if (m.bucket.primary != m.primary || m.placedSecondary != m.secondary) {
      remove(m);
      add(m);
    }
  }

  void add(Member m) {
    int i = bucket(m.primary);
    Bucket b = buckets[i];
    Member after = b.tail;
    while (after != null && before(m, after)) {
      after = after.prev;
    }
    m.prev = after;
    m.next = after == null ? b.head : after.next;
    if (m.prev == null) {
      b.head = m;
    } else {
      m.prev.next = m;
    }
    if (m.next == null) {
      b.tail = m;
    } else {
      m.next.prev = m;
    }
    m.bucket = b;
    m.owner = this;
    m.placedSecondary = m.secondary;
    b.count++;
    size++;
    if (b.count == 1 && i < first) {
      first = i;
    }
  }

  void remove(Member m) {
    Bucket b = m.bucket;
    if (m.prev == null) {
      b.head = m.next;
    } else {
      m.prev.next = m.next;
    }
    if (m.next == null) {
      b.tail = m.prev;
    } else {
      m.next.prev = m.prev;
    }
    m.prev = null;
    m.next = null;
    m.bucket = null;
    m.owner = null;
    b.count--;
    size--;
    if (b.count == 0 && buckets[first] == b) {
      while (first < bucketCount && buckets[first].count == 0) {
        first++;
      }
    }
  }

  /** Re-reads every key and restores the order, after the order itself changed. */
  void reorder() {
    Member[] all = new Member[size];
    int n = 0;
    for (Member m = peek(); m != null; m = next(m)) {
      all[n++] = m;
    }
    for (Member m : all) {
      remove(m);
    }
    for (Member m : all) {
      add(m);
    }
  }

  /** Whether {@code a} comes before {@code b} within one bucket. */
  private static boolean before(Member a, Member b) {
    return a.secondary != b.secondary ? a.secondary < b.secondary : a.operator.ordinal < b.operator.ordinal;
  }

  /** The index of the bucket for {@code primary}, made when it is the first of its key. */
  private int bucket(long primary) {
    int i = indexOf(primary);
    if (i < bucketCount && buckets[i].primary == primary) {
      return i;
    }
    if (bucketCount == buckets.length) {
      buckets = Arrays.copyOf(buckets, bucketCount * 2);
    }
    System.arraycopy(buckets, i, buckets, i + 1, bucketCount - i);
    Bucket b = new Bucket(primary);
    buckets[i] = b;
    bucketCount++;
    if (i <= first && first < bucketCount - 1) {
      first++; // the old first moved one place up
    } else if (first == bucketCount - 1) {
      first = bucketCount; // all were empty: still none
    }
    return i;
  }

  /** The index of the bucket with {@code primary}, or where it would go. */
  private int indexOf(long primary) {
    int lo = 0;
    int hi = bucketCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long p = buckets[mid].primary;
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
