package dev.parley.core.stats;

/**
 * Sums of a few figures over a sliding window of time, and since the start: a ring of buckets on
 * the engine's clock, each {@code resolution} long, with running totals. Adding is O(1); moving
 * forward clears the buckets that slid out, subtracting them from the totals, so it costs at most
 * one pass over the ring however long the time between two calls.
 *
 * <p>The window holds the bucket of the newest instant seen and the {@code size - 1} before it: it
 * covers between {@code (size - 1) * resolution} and {@code size * resolution} of the past.
 *
 * <p>Most instants fall in the newest bucket: its bounds are kept, so that adding or advancing
 * inside it costs two comparisons and no division.
 *
 * <p>Thread safety: none; its owner's lock guards it.
 */
final class SlidingWindow {
  private final long resolutionNanos;
  private final long[][] buckets;
  private final long[] window;
  private final long[] sinceStart;
  /** The number of the newest bucket, counted from the epoch; {@code Long.MIN_VALUE} before any. */
  private long newest = Long.MIN_VALUE;
  /** The newest bucket's figures, and its bounds {@code [newestStart, newestEnd)}: empty before any. */
  private long[] newestBucket;
  private long newestStart = Long.MAX_VALUE;
  private long newestEnd = Long.MIN_VALUE;

  /** A window of {@code size} buckets of {@code resolutionNanos} each, summing {@code fields} figures. */
  SlidingWindow(int fields, int size, long resolutionNanos) {
    this.resolutionNanos = resolutionNanos;
    this.buckets = new long[size][fields];
    this.window = new long[fields];
    this.sinceStart = new long[fields];
    this.newestBucket = buckets[0];
  }

  /** Adds {@code value} to a figure at an instant; an instant already slid out counts since start only. */
  void add(long atNanos, int field, long value) {
    if (atNanos >= newestStart && atNanos < newestEnd) {
      sinceStart[field] += value;
      newestBucket[field] += value;
      window[field] += value;
      return;
    }
    advance(atNanos);
    sinceStart[field] += value;
    long bucket = Math.floorDiv(atNanos, resolutionNanos);
    if (bucket <= newest - buckets.length) {
      return;
    }
    buckets[slot(bucket)][field] += value;
    window[field] += value;
  }

  /** Slides the window forward to {@code nowNanos}; an earlier instant changes nothing. */
  void advance(long nowNanos) {
    if (nowNanos < newestEnd) {
      return;
    }
    long bucket = Math.floorDiv(nowNanos, resolutionNanos);
    if (newest != Long.MIN_VALUE) {
      if (bucket <= newest) {
        return;
      }
      long steps = Math.min(bucket - newest, buckets.length);
      for (long i = 1; i <= steps; i++) {
        long[] cleared = buckets[slot(newest + i)];
        for (int f = 0; f < cleared.length; f++) {
          window[f] -= cleared[f];
          cleared[f] = 0;
        }
      }
    }
    newest = bucket;
    newestBucket = buckets[slot(bucket)];
    // The bounds stay empty where they would not fit in a long: those instants take the slow way.
    long start = nowNanos - Math.floorMod(nowNanos, resolutionNanos);
    if (start <= nowNanos && start <= Long.MAX_VALUE - resolutionNanos) {
      newestStart = start;
      newestEnd = start + resolutionNanos;
    } else {
      newestStart = Long.MAX_VALUE;
      newestEnd = Long.MIN_VALUE;
    }
  }

  /** A figure's sum over the window, as of the last {@link #advance}. */
  long inWindow(int field) {
    return window[field];
  }

  /** A figure's sum since the window was made. */
  long sinceStart(int field) {
    return sinceStart[field];
  }

  private int slot(long bucket) {
    return (int) Math.floorMod(bucket, (long) buckets.length);
  }
}
