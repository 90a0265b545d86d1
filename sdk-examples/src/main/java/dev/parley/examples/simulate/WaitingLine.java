package dev.parley.examples.simulate;

import dev.parley.core.SessionId;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The slots of the clients waiting in the queue, first come first: the order the core serves them
 * in, since every client of a simulation has the same priority. The simulator reads each one's
 * place here instead of asking the core for its whole queue whenever it moves, and checks the
 * order against the core's choices as they come (see {@link Simulator}).
 *
 * <p>A ring: joining at the tail and leaving at the head are O(1); leaving from the middle (an
 * abandon) moves the clients behind, O(n), as their places change anyway.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class WaitingLine {
  private final SessionSlots sessions;
  private int[] slots = new int[64];
  private int head;
  private int size;

  /** A line of the slots of {@code sessions}. */
  WaitingLine(SessionSlots sessions) {
    this.sessions = sessions;
  }

  int size() {
    return size;
  }

  /** The slot at 0-based place {@code i}. */
  int get(int i) {
    return slots[(head + i) & (slots.length - 1)];
  }

  /** A view of the session ids at 0-based places {@code [from, to)}, valid until the line changes. */
  List<SessionId> ids(int from, int to) {
    return new AbstractList<>() {
      @Override
      public SessionId get(int i) {
        return sessions.id(WaitingLine.this.get(from + Objects.checkIndex(i, to - from)));
      }

      @Override
      public int size() {
        return to - from;
      }
    };
  }

  /** The slot first in line; -1 when nobody waits. */
  int first() {
    return size == 0 ? -1 : slots[head];
  }

  /** The slot's client joins the tail of the line. */
  void join(int slot) {
    if (size == slots.length) {
      int[] grown = new int[size * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = get(i);
      }
      slots = grown;
      head = 0;
    }
    slots[(head + size++) & (slots.length - 1)] = slot;
  }

  /** The slot's client leaves the line, from wherever he stands in it; false when he is not in it. */
  boolean leave(int slot) {
    if (size > 0 && slots[head] == slot) {
      head = (head + 1) & (slots.length - 1);
      size--;
      return true;
    }
    for (int i = 1; i < size; i++) {
      if (get(i) == slot) {
        for (int j = i; j < size - 1; j++) {
          slots[(head + j) & (slots.length - 1)] = get(j + 1);
        }
        size--;
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    int[] inLine = new int[size];
    Arrays.setAll(inLine, this::get);
    return Arrays.toString(inLine);
  }
}
