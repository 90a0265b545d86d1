package dev.parley.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

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
}
