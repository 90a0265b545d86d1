package dev.parley.storage;

import java.util.List;
import java.util.NavigableSet;
import org.jspecify.annotations.Nullable;

/**
 * The sessions one filter of a history query lets through, in the query's order, read by seeking:
 * what {@link HistoryPage} intersects.
 *
 * <p>Thread safety: none; read under the storage's read lock.
 */
interface Postings {
  /**
   * The first session at or after {@code from} in this order ({@code inclusive}), or strictly
   * after it; from the start when {@code from} is null; null when there is none.
   */
  @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive);

  /** How many sessions it holds in all: the smallest is read first. */
  long size();

  /** The sessions of one index, already in the query's order (an ascending or descending view). */
  static Postings of(NavigableSet<SessionEntry> inOrder) {
    return new Postings() {
      @Override
      public @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive) {
        if (from == null) {
          return inOrder.isEmpty() ? null : inOrder.first();
        }
        return inclusive ? inOrder.ceiling(from) : inOrder.higher(from);
      }

      @Override
      public long size() {
        return inOrder.size();
      }
    };
  }

  /**
   * The sessions of any of several indexes, each in the query's order: those of every word a
   * search word begins. A seek costs one seek in each.
   */
  static Postings anyOf(List<NavigableSet<SessionEntry>> inOrder, boolean ascending) {
    List<Postings> each = inOrder.stream().map(Postings::of).toList();
    long size = inOrder.stream().mapToLong(NavigableSet::size).sum();
    return new Postings() {
      @Override
      public @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive) {
        SessionEntry first = null;
        for (Postings p : each) {
          SessionEntry e = p.next(from, inclusive);
          if (e != null && (first == null || (e.compareTo(first) < 0) == ascending)) {
            first = e;
          }
        }
        return first;
      }

      @Override
      public long size() {
        return size;
      }
    };
  }
}
