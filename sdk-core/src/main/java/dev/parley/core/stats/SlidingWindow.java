package dev.parley.core.stats;

import java.util.Arrays;

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
  /** {@code size * resolutionNanos}: the longest step forward taken bucket by bucket. */
  private final long spanNanos;
  private final long[][] buckets;
  private final long[] window;
  private final long[] sinceStart;
  /** The number of the newest bucket, counted from the epoch; {@code Long.MIN_VALUE} before any. */
  private long newest = Long.MIN_VALUE;
  /** The newest bucket's figures, and its bounds {@code [newestStart, newestEnd)}: empty before any. */
  private long[] newestBucket;
  private int newestSlot;
  private long newestStart = Long.MAX_VALUE;
  private long newestEnd = Long.MIN_VALUE;

  /** A window of {@code size} buckets of {@code resolutionNanos} each, summing {@code fields} figures. */
  SlidingWindow(int fields, int size, long resolutionNanos) {
    this.resolutionNanos = resolutionNanos;
    this.spanNanos = Math.multiplyExact(size, resolutionNanos);
    this.buckets = new long[size][fields];
    this.window = new long[fields];
    this.sinceStart = new long[fields];
    this.newestBucket = buckets[0];
  }

  /** Adds {@code value} to a figure at an instant; an instant already slid out counts since start only. */
  void add(long atNanos, int field, long value) {
    sinceStart[field] += value;
    if (atNanos < newestStart || atNanos >= newestEnd) {
      advance(atNanos);
      if (atNanos < newestStart || atNanos >= newestEnd) {
        addToOlder(atNanos, field, value);
        return;
      }
    }
    newestBucket[field] += value;
    window[field] += value;
  }

  /** Adds to a bucket before the newest one, if it is still held. */
  private void addToOlder(long atNanos, int field, long value) {
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
    long ahead = nowNanos - newestEnd; // negative if it overflowed
    if (newestEnd != Long.MIN_VALUE && ahead >= 0 && ahead < spanNanos && newestEnd <= Long.MAX_VALUE - spanNanos) {
      // Less than a whole window ahead: step bucket by bucket, clearing each, with no division.
      do {
        newestSlot = newestSlot == buckets.length - 1 ? 0 : newestSlot + 1;
        clear(buckets[newestSlot]);
        newest++;
        newestStart = newestEnd;
        newestEnd += resolutionNanos;
      } while (nowNanos >= newestEnd);
      newestBucket = buckets[newestSlot];
      return;
    }
    long bucket = Math.floorDiv(nowNanos, resolutionNanos);
    if (newest != Long.MIN_VALUE && bucket <= newest) {
      return;
    }
    if (newest == Long.MIN_VALUE || bucket - newest >= buckets.length) {
      for (long[] cleared : buckets) {
        Arrays.fill(cleared, 0);
      }
      Arrays.fill(window, 0);
    } else {
      for (long i = newest; i < bucket; i++) {
        newestSlot = newestSlot == buckets.length - 1 ? 0 : newestSlot + 1;
        clear(buckets[newestSlot]);
      }
    }
    newest = bucket;
    newestSlot = slot(bucket);
    newestBucket = buckets[newestSlot];
    // Bounds that do not fit in a long stay empty: instants near the ends of time take the slow way.
    long start = bucket * resolutionNanos;
    if (start <= nowNanos && start <= Long.MAX_VALUE - resolutionNanos) {
      newestStart = start;
      newestEnd = start + resolutionNanos;
    } else {
      newestStart = Long.MAX_VALUE;
      newestEnd = Long.MIN_VALUE;
    }
  }

  /** Empties a bucket, taking its figures out of the window's. */
  private void clear(long[] bucket) {
    for (int f = 0; f < bucket.length; f++) {
      window[f] -= bucket[f];
      bucket[f] = 0;
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
