package dev.parley.examples.simulate;

import java.util.Arrays;

/**
 * The simulation's own event queue: a binary min-heap of session slots by the instant of their one
 * pending timer (a client's patience running out while he waits, or his session's end while he is
 * served). A slot is in the heap at most once, and remembers its position, so that rescheduling
 * it (an accepted client's patience timer becomes his end) or cancelling it is O(log n) with no
 * search and no allocation. The instants sit beside the slots in heap order, so that sifting reads
 * one array. Timers due at the same nanosecond (which continuous draws all but rule out) fire in an
 * order fixed by the heap's operations, so a run stays reproducible.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class TimerHeap {
  /** The instants, in nanoseconds of virtual time, in heap order. */
  private long[] due = new long[64];
  /** The slots, in heap order. */
  private int[] slots = new int[64];
  private int size;
  /** Per slot: its index in the heap, or -1. */
  private int[] position = new int[64];

  TimerHeap() {
    Arrays.fill(position, -1);
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** When the first timer fires, or {@link Long#MAX_VALUE} when there is none. */
  long nextDue() {
    return size == 0 ? Long.MAX_VALUE : due[0];
  }

  /** Removes and returns the slot whose timer fires first; the heap must not be empty. */
  int poll() {
    int slot = slots[0];
    removeAt(0);
    return slot;
  }

  /** Sets the slot's timer to fire at {@code at}, replacing any timer it had. */
  void schedule(int slot, long at) {
    if (slot >= position.length) {
      growPositions(slot + 1);
    }
    int i = position[slot];
    if (i < 0) {
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
        due = Arrays.copyOf(due, size * 2);
      }
      siftUp(size++, slot, at);
    } else if (at < due[i]) {
      siftUp(i, slot, at);
    } else {
      siftDown(i, slot, at);
    }
  }

  /** Removes the slot's timer, if it has one. */
  void cancel(int slot) {
    if (slot < position.length && position[slot] >= 0) {
      removeAt(position[slot]);
    }
  }

  private void removeAt(int i) {
    position[slots[i]] = -1;
    int last = --size;
    if (i < last) {
      int slot = slots[last];
      long at = due[last];
      if (i > 0 && at < due[(i - 1) >>> 1]) {
        siftUp(i, slot, at);
      } else {
        siftDown(i, slot, at);
      }
    }
  }

  /** Places {@code slot} due {@code at} at index {@code i} or above. */
  private void siftUp(int i, int slot, long at) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (at >= due[parent]) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    put(i, slot, at);
  }

  /** Places {@code slot} due {@code at} at index {@code i} or below. */
  private void siftDown(int i, int slot, long at) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && due[right] < due[child]) {
        child = right;
      }
      if (due[child] >= at) {
        break;
      }
      move(child, i);
      i = child;
    }
    put(i, slot, at);
  }

  private void move(int from, int to) {
    int slot = slots[from];
    slots[to] = slot;
    due[to] = due[from];
    position[slot] = to;
  }

  private void put(int i, int slot, long at) {
    slots[i] = slot;
    due[i] = at;
    position[slot] = i;
  }

  private void growPositions(int min) {
    int old = position.length;
    int length = Math.max(min, old * 2);
    position = Arrays.copyOf(position, length);
    Arrays.fill(position, old, length, -1);
  }
}
