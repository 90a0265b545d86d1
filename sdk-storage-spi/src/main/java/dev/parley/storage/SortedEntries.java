package dev.parley.storage;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The sessions one index lists, in arrival order, in one sorted array: what {@link TenantSessions}
 * keeps per indexed value. Sessions mostly arrive in order, so an add is mostly an append, and a
 * value that a session gains later (its operator, its end reason) lands near the end; a seek is a
 * binary search. A tree set cost a node of 40 bytes and about twenty comparisons with cache misses
 * per add, which made the engine's in-memory saves several times slower.
 *
 * <p>The entries sit in the middle of the array, from {@code head}: removing or inserting one moves
 * the shorter side, so the live sessions, which mostly leave from the oldest end, cost nothing to
 * take out, and a change to a recent session moves only the few after it. {@link #removeIf} sweeps
 * many at once (a purge).
 *
 * <p>Thread safety: none; the storage's lock guards it.
 */
final class SortedEntries {
  private static final SessionEntry[] EMPTY = {};

  // entry k of the index is entries[head + k]
  private SessionEntry[] entries = EMPTY;
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The entries, in arrival order. */
  List<SessionEntry> toList() {
    return List.of(Arrays.copyOfRange(entries, head, head + size));
  }

  /** Adds {@code e} in its place; adding it again changes nothing. */
  void add(SessionEntry e) {
    if (size > 0 && entries[head + size - 1].compareTo(e) >= 0) {
      int k = search(e);
      if (k >= 0) {
        return;
      }
      insert(-k - 1, e);
    } else {
      insert(size, e);
    }
  }

  /** Removes {@code e}; returns whether it was here. */
  boolean remove(SessionEntry e) {
    int k = search(e);
    if (k < 0) {
      return false;
    }
    if (k < size / 2) {
      System.arraycopy(entries, head, entries, head + 1, k);
      entries[head++] = null;
    } else {
      System.arraycopy(entries, head + k + 1, entries, head + k, size - k - 1);
      entries[head + size - 1] = null;
    }
    size--;
    shrinkIfSparse();
    return true;
  }

  /** Removes every entry {@code gone} accepts, in one pass. */
  void removeIf(Predicate<SessionEntry> gone) {
    int kept = 0;
    for (int k = 0; k < size; k++) {
      SessionEntry e = entries[head + k];
      if (!gone.test(e)) {
        entries[head + kept++] = e;
      }
    }
    Arrays.fill(entries, head + kept, head + size, null);
    size = kept;
    shrinkIfSparse();
  }

  /**
   * The first entry at or after {@code from} ({@code inclusive}) or strictly after it, going up
   * the arrival order when {@code ascending} and down it otherwise; from the start when {@code
   * from} is null; null when there is none.
   */
  @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive, boolean ascending) {
    int k;
    if (from == null) {
      k = ascending ? 0 : size - 1;
    } else {
      int found = search(from);
      if (found >= 0) {
        k = inclusive ? found : found + (ascending ? 1 : -1);
      } else {
        k = ascending ? -found - 1 : -found - 2;
      }
    }
    return k >= 0 && k < size ? entries[head + k] : null;
  }

  /** The place of {@code key}, or {@code -(where it would go) - 1}. */
  private int search(SessionEntry key) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = entries[head + mid].compareTo(key);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private void insert(int k, SessionEntry e) {
    if (head > 0 && k < size / 2) {
      System.arraycopy(entries, head, entries, head - 1, k);
      head--;
    } else {
      if (head + size == entries.length) {
        resize(size < entries.length / 2 ? entries.length : Math.max(4, size + (size >> 1)));
      }
      System.arraycopy(entries, head + k, entries, head + k + 1, size - k);
    }
    entries[head + k] = e;
    size++;
  }

  private void shrinkIfSparse() {
    if (entries.length > 16 && size < entries.length / 4) {
      resize(entries.length / 2);
    }
  }

  /** Moves the entries to the start of a new array of {@code length}. */
  private void resize(int length) {
    SessionEntry[] moved = new SessionEntry[length];
    System.arraycopy(entries, head, moved, 0, size);
    entries = moved;
    head = 0;
  }
}
