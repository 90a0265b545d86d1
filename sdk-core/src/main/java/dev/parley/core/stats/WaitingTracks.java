package dev.parley.core.stats;

import org.jspecify.annotations.Nullable;

/**
 * The clients waiting in one group, longest-waiting first: a list threaded through their tracks.
 *
 * <p>A tenant's events come in order, so a client starts waiting no earlier than anyone already in
 * the list: he joins at the tail, O(1). A client learnt from a snapshot after a restart may have
 * waited longer than some heard of since; he walks back from the tail to his place. Leaving is O(1)
 * from anywhere. Only the longest wait and the count are read, so clients who started waiting at
 * the same instant stand in any order among themselves.
 *
 * <p>Thread safety: none; its tenant's lock guards it.
 */
final class WaitingTracks {
  private @Nullable Track first;
  private @Nullable Track last;
  private int size;

  /** Adds a track that is in no list. */
  void add(Track t) {
    Track before = last;
    while (before != null && before.waitingSince > t.waitingSince) {
      before = before.earlier;
    }
    Track after = before == null ? first : before.later;
    t.earlier = before;
    t.later = after;
    if (before == null) {
      first = t;
    } else {
      before.later = t;
    }
    if (after == null) {
      last = t;
    } else {
      after.earlier = t;
    }
    size++;
  }

  /** Removes a track that is in this list. */
  void remove(Track t) {
    Track before = t.earlier;
    Track after = t.later;
    if (before == null) {
      first = after;
    } else {
      before.later = after;
    }
    if (after == null) {
      last = before;
    } else {
      after.earlier = before;
    }
    t.earlier = null;
    t.later = null;
    size--;
  }

  /** The longest-waiting track; null when nobody waits. */
  @Nullable Track first() {
    return first;
  }

  int size() {
    return size;
  }
}
