package dev.parley.storage;

import java.util.List;
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

  /** The sessions of one index, read up the arrival order when {@code ascending}, else down it. */
  static Postings of(SortedEntries index, boolean ascending) {
    return new Postings() {
      @Override
      public @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive) {
        return index.next(from, inclusive, ascending);
      }

      @Override
      public long size() {
        return index.size();
      }
    };
  }

  /**
   * The sessions of any of several indexes: those of every word a search word begins. A seek
   * costs one seek in each.
   */
  static Postings anyOf(List<SortedEntries> indexes, boolean ascending) {
    long size = indexes.stream().mapToLong(SortedEntries::size).sum();
    return new Postings() {
      @Override
      public @Nullable SessionEntry next(@Nullable SessionEntry from, boolean inclusive) {
        SessionEntry first = null;
        for (SortedEntries index : indexes) {
          SessionEntry e = index.next(from, inclusive, ascending);
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
