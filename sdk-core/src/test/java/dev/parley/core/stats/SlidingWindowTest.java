package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sliding window of time buckets")
class SlidingWindowTest {
  private final SlidingWindow w = new SlidingWindow(2, 3, 10);

  @Test
  @DisplayName("sums what was added in its last buckets, and everything since the start")
  void sums() {
    w.add(0, 0, 1);
    w.add(15, 0, 2);
    w.add(29, 1, 5);
    assertThat(w.inWindow(0)).isEqualTo(3);
    w.advance(30);
    assertThat(w.inWindow(0)).as("bucket 0 slid out").isEqualTo(2);
    assertThat(w.inWindow(1)).isEqualTo(5);
    assertThat(w.sinceStart(0)).isEqualTo(3);
  }

  @Test
  @DisplayName("a long jump empties it, and a late addition counts only in the buckets still held")
  void jumpsAndLateAdditions() {
    w.add(5, 0, 1);
    w.advance(1_000);
    assertThat(w.inWindow(0)).isZero();
    w.add(985, 0, 4);
    w.add(975, 0, 8);
    assertThat(w.inWindow(0)).as("bucket 97 is too old, bucket 98 is held").isEqualTo(4);
    assertThat(w.sinceStart(0)).isEqualTo(13);
    w.advance(500);
    assertThat(w.inWindow(0)).as("time does not run back").isEqualTo(4);
  }

  @Test
  @DisplayName("agrees with a recount of every addition, near the bucket edges and at the ends of time")
  void agreesWithARecount() {
    SplittableRandom random = new SplittableRandom(7);
    long[] origins = {0, -1_000, Long.MIN_VALUE, Long.MAX_VALUE - 1_000};
    for (long origin : origins) {
      for (int run = 0; run < 200; run++) {
        SlidingWindow window = new SlidingWindow(2, 3, 10);
        List<long[]> added = new ArrayList<>(); // at, field, value
        long newest = Long.MIN_VALUE;
        long t = origin == Long.MIN_VALUE ? Long.MIN_VALUE + random.nextInt(20) : origin;
        for (int step = 0; step < 60; step++) {
          long back = random.nextInt(40);
          long at = t < Long.MIN_VALUE + back ? Long.MIN_VALUE : t - back;
          if (random.nextInt(4) == 0) {
            window.advance(at);
          } else {
            int field = random.nextInt(2);
            long value = 1 + random.nextInt(9);
            window.add(at, field, value);
            boolean held = newest == Long.MIN_VALUE || Math.floorDiv(at, 10) > Math.max(newest, Math.floorDiv(at, 10)) - 3;
            added.add(new long[] {at, field, held ? value : 0, value});
          }
          newest = newest == Long.MIN_VALUE ? Math.floorDiv(at, 10) : Math.max(newest, Math.floorDiv(at, 10));
          for (int f = 0; f < 2; f++) {
            long inWindow = 0;
            long sinceStart = 0;
            for (long[] a : added) {
              if (a[1] == f) {
                sinceStart += a[3];
                inWindow += Math.floorDiv(a[0], 10) > newest - 3 ? a[2] : 0;
              }
            }
            assertThat(window.inWindow(f)).as("window of %s at step %s from %s", f, step, origin).isEqualTo(inWindow);
            assertThat(window.sinceStart(f)).isEqualTo(sinceStart);
          }
          long gap = random.nextInt(3) == 0 ? random.nextInt(100) : random.nextInt(12);
          t = t > Long.MAX_VALUE - gap ? Long.MAX_VALUE : t + gap;
        }
      }
    }
  }
}
