package dev.parley.core.routing;

import java.util.Arrays;

/**
 * A binary min-heap whose elements remember their own position, so that removing or re-keying any
 * element is O(log n) and needs no search. Nothing is allocated except when the array grows, which
 * the routing core keeps off the hot path by sizing heaps when operators join groups.
 *
 * <p>Subclasses say where an element keeps its index and how two elements compare. An element is
 * in at most one heap of a given subclass at a time; index -1 means "in none".
 */
abstract class IndexedHeap<T> {
  private Object[] elements;
  private int size;

  IndexedHeap(int initialCapacity) {
    elements = new Object[Math.max(4, initialCapacity)];
  }

  abstract int index(T element);

  abstract void setIndex(T element, int index);

  /** Negative when {@code a} comes before {@code b}. */
  abstract int compare(T a, T b);

  final int size() {
    return size;
  }

  final boolean isEmpty() {
    return size == 0;
  }

  final boolean contains(T element) {
    int i = index(element);
    return i >= 0 && i < size && elements[i] == element;
  }

  @SuppressWarnings("unchecked")
  final T get(int i) {
    return (T) elements[i];
  }

  /** The first element, or null when empty. */
  final T peek() {
    return size == 0 ? null : get(0);
  }

  /** Makes room for {@code capacity} elements so that later adds do not allocate. */
  final void ensureCapacity(int capacity) {
    if (capacity > elements.length) {
      elements = Arrays.copyOf(elements, Math.max(capacity, elements.length * 2));
    }
  }

  final void add(T element) {
    if (size == elements.length) {
      ensureCapacity(size + 1);
    }
    elements[size] = element;
    setIndex(element, size);
    size++;
    siftUp(size - 1);
  }

  final void remove(T element) {
    int i = index(element);
    int last = --size;
    setIndex(element, -1);
    if (i != last) {
      T moved = get(last);
      elements[i] = moved;
      setIndex(moved, i);
      elements[last] = null;
      if (!siftUp(i)) {
        siftDown(i);
      }
    } else {
      elements[last] = null;
    }
  }

  /** Restores the order after {@code element}'s key changed. */
  final void update(T element) {
    int i = index(element);
    if (!siftUp(i)) {
      siftDown(i);
    }
  }

  /** Adds, removes or re-keys {@code element} so that it is in the heap exactly when {@code in}. */
  final void set(T element, boolean in) {
    boolean present = contains(element);
    if (in && present) {
      update(element);
    } else if (in) {
      add(element);
    } else if (present) {
      remove(element);
    }
  }

  /** Restores the order of every element, after the order itself changed. */
  final void heapify() {
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /** Whether sifting moved the element. */
  private boolean siftUp(int i) {
    T x = get(i);
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      T p = get(parent);
      if (compare(x, p) >= 0) {
        break;
      }
      elements[i] = p;
      setIndex(p, i);
      i = parent;
    }
    elements[i] = x;
    setIndex(x, i);
    return i != start;
  }

  private void siftDown(int i) {
    T x = get(i);
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      T c = get(child);
      int right = child + 1;
      if (right < size && compare(get(right), c) < 0) {
        child = right;
        c = get(child);
      }
      if (compare(x, c) <= 0) {
        break;
      }
      elements[i] = c;
      setIndex(c, i);
      i = child;
    }
    elements[i] = x;
    setIndex(x, i);
  }
}
