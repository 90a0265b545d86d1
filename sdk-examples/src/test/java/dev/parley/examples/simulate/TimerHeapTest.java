package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The timer heap")
class TimerHeapTest {

  @Test
  @DisplayName("fires timers in time order, a rescheduled one at its new time, a cancelled one never")
  void ordersTimers() {
    TimerHeap heap = new TimerHeap();
    heap.schedule(3, 300);
    heap.schedule(1, 100);
    heap.schedule(2, 200);
    heap.schedule(1, 400);
    heap.schedule(4, 50);
    heap.cancel(4);
    heap.cancel(9);

    assertThat(heap.nextDue()).isEqualTo(200);
    assertThat(heap.poll()).isEqualTo(2);
    assertThat(heap.poll()).isEqualTo(3);
    assertThat(heap.poll()).isEqualTo(1);
    assertThat(heap.isEmpty()).isTrue();
    assertThat(heap.nextDue()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("agrees with a plain map over a long random run of schedules, cancels and polls")
  void agreesWithAModel() {
    TimerHeap heap = new TimerHeap();
    Map<Integer, Long> model = new HashMap<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int step = 0; step < 200_000; step++) {
      int op = random.nextInt(10);
      if (op < 5) {
        int slot = random.nextInt(300);
        long at = random.nextLong(1_000_000);
        heap.schedule(slot, at);
        model.put(slot, at);
      } else if (op < 7) {
        int slot = random.nextInt(300);
        heap.cancel(slot);
        model.remove(slot);
      } else if (!model.isEmpty()) {
        long earliest = model.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(heap.nextDue()).isEqualTo(earliest);
        int slot = heap.poll();
        assertThat(model.remove(slot)).isEqualTo(earliest);
      }
      assertThat(heap.size()).isEqualTo(model.size());
    }
  }
}
