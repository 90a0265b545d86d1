package dev.parley.core.routing;

import java.util.Arrays;

/**
 * A binary min-heap whose elements remember their own position, so that removing or re-keying any
 * element is O(log n) and needs no search. Nothing is allocated except when the arrays grow. The
 * core keeps its waiting queues and deadlines in such heaps.
 *
 * <p>Each element's key (two longs, compared in that order) is copied into arrays
 * beside the element, so that sifting reads contiguous memory instead of chasing one object per
 * comparison: with many thousands of waiting sessions that is the difference between a few cache
 * lines and a few dozen misses per operation. Subclasses say where an element keeps its index and
 * what its key is; after an element's key changes, {@link #update} (or {@link #set}) re-reads it.
 *
 * <p>An element is in at most one heap of a given subclass at a time; index -1 means "in none".
 */
abstract class IndexedHeap<T> {
  private Object[] elements;
  private long[] firstKeys;
  private long[] secondKeys;
  private int size;

  IndexedHeap(int initialCapacity) {
    int n = Math.max(4, initialCapacity);
    elements = new Object[n];
    firstKeys = new long[n];
    secondKeys = new long[n];
  }

  abstract int index(T element);

  abstract void setIndex(T element, int index);

  /** The most significant part of the element's key: smaller comes first. */
  abstract long first(T element);

  abstract long second(T element);

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

  private void ensureCapacity(int capacity) {
    if (capacity > elements.length) {
      int n = Math.max(capacity, elements.length * 2);
      elements = Arrays.copyOf(elements, n);
      firstKeys = Arrays.copyOf(firstKeys, n);
      secondKeys = Arrays.copyOf(secondKeys, n);
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

  private void place(T element, int i) {
    elements[i] = element;
    firstKeys[i] = first(element);
    secondKeys[i] = second(element);
    setIndex(element, i);
  }

  private void move(int from, int to) {
    elements[to] = elements[from];
    firstKeys[to] = firstKeys[from];
    secondKeys[to] = secondKeys[from];
    setIndex(get(to), to);
  }

  /** Whether the element at {@code i} comes before the key (a, b). */
  private boolean before(int i, long a, long b) {
    long x = firstKeys[i];
    return x != a ? x < a : secondKeys[i] < b;
  }

  /** Whether sifting moved the element. */
  private boolean siftUp(int i) {
    T x = get(i);
    long a = firstKeys[i];
    long b = secondKeys[i];
    int start = i;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!after(parent, a, b)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    if (i != start) {
      elements[i] = x;
      firstKeys[i] = a;
      secondKeys[i] = b;
      setIndex(x, i);
    }
    return i != start;
  }

  /** Whether the key (a, b) comes before the element at {@code i}. */
  private boolean after(int i, long a, long b) {
    long x = firstKeys[i];
    return x != a ? a < x : b < secondKeys[i];
  }

  private void siftDown(int i) {
    T x = get(i);
    long a = firstKeys[i];
    long b = secondKeys[i];
    int start = i;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(right, firstKeys[child], secondKeys[child])) {
        child = right;
      }
      if (!before(child, a, b)) {
        break;
      }
      move(child, i);
      i = child;
    }
    if (i != start) {
      elements[i] = x;
      firstKeys[i] = a;
      secondKeys[i] = b;
      setIndex(x, i);
    }
  }
}
