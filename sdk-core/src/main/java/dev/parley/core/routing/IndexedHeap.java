package dev.parley.core.routing;

import java.util.Arrays;

/**
 * A binary min-heap whose elements remember their own position, so that removing or re-keying any
 * element is O(log n) and needs no search. Nothing is allocated except when the arrays grow, which
 * the routing core keeps off the hot path by sizing heaps when operators join groups.
 *
 * <p>Each element's key (two longs and an int, compared in that order) is copied into arrays
 * beside the element, so that sifting reads contiguous memory instead of chasing one object per
 * comparison: with thousands of operators in a group that is the difference between a few cache
 * lines and a few dozen misses per decision. Subclasses say where an element keeps its index and
 * what its key is; after an element's key changes, {@link #update} (or {@link #set}) re-reads it.
 *
 * <p>An element is in at most one heap of a given subclass at a time; index -1 means "in none".
 */
abstract class IndexedHeap<T> {
  private Object[] elements;
  private long[] firstKeys;
  private long[] secondKeys;
  private int[] thirdKeys;
  private int size;

  IndexedHeap(int initialCapacity) {
    int n = Math.max(4, initialCapacity);
    elements = new Object[n];
    firstKeys = new long[n];
    secondKeys = new long[n];
    thirdKeys = new int[n];
  }

  abstract int index(T element);

  abstract void setIndex(T element, int index);

  /** The most significant part of the element's key: smaller comes first. */
  abstract long first(T element);

  abstract long second(T element);

  abstract int third(T element);

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
      int n = Math.max(capacity, elements.length * 2);
      elements = Arrays.copyOf(elements, n);
      firstKeys = Arrays.copyOf(firstKeys, n);
      secondKeys = Arrays.copyOf(secondKeys, n);
      thirdKeys = Arrays.copyOf(thirdKeys, n);
    }
  }

  final void add(T element) {
    if (size == elements.length) {
      ensureCapacity(size + 1);
    }
    int i = size++;
    place(element, i);
    siftUp(i);
  }

  final void remove(T element) {
    int i = index(element);
    int last = --size;
    setIndex(element, -1);
    if (i != last) {
      move(last, i);
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
    place(element, i);
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

  /** Re-reads every key and restores the order, after the order itself changed. */
  final void heapify() {
    for (int i = 0; i < size; i++) {
      place(get(i), i);
    }
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  private void place(T element, int i) {
    elements[i] = element;
    firstKeys[i] = first(element);
    secondKeys[i] = second(element);
    thirdKeys[i] = third(element);
    setIndex(element, i);
  }

  private void move(int from, int to) {
    elements[to] = elements[from];
    firstKeys[to] = firstKeys[from];
    secondKeys[to] = secondKeys[from];
    thirdKeys[to] = thirdKeys[from];
    setIndex(get(to), to);
  }

  /** Whether the element at {@code i} comes before the key (a, b, c). */
  private boolean before(int i, long a, long b, int c) {
    long x = firstKeys[i];
    if (x != a) {
      return x < a;
    }
    long y = secondKeys[i];
    return y != b ? y < b : thirdKeys[i] < c;
  }

  /** Whether sifting moved the element. */
  private boolean siftUp(int i) {
    T x = get(i);
    long a = firstKeys[i];
    long b = secondKeys[i];
    int c = thirdKeys[i];
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!after(parent, a, b, c)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    if (i != start) {
      elements[i] = x;
      firstKeys[i] = a;
      secondKeys[i] = b;
      thirdKeys[i] = c;
      setIndex(x, i);
    }
    return i != start;
  }

  /** Whether the key (a, b, c) comes before the element at {@code i}. */
  private boolean after(int i, long a, long b, int c) {
    long x = firstKeys[i];
    if (x != a) {
      return a < x;
    }
    long y = secondKeys[i];
    return y != b ? b < y : c < thirdKeys[i];
  }

  private void siftDown(int i) {
    T x = get(i);
    long a = firstKeys[i];
    long b = secondKeys[i];
    int c = thirdKeys[i];
    int start = i;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(right, firstKeys[child], secondKeys[child], thirdKeys[child])) {
        child = right;
      }
      if (!before(child, a, b, c)) {
        break;
      }
      move(child, i);
      i = child;
    }
    if (i != start) {
      elements[i] = x;
      firstKeys[i] = a;
      secondKeys[i] = b;
      thirdKeys[i] = c;
      setIndex(x, i);
    }
  }
}
