package dev.parley.core.routing;

/** Sessions by their next deadline (offer time-out, escalation, wrap-up limit, retention). */
final class DeadlineHeap extends IndexedHeap<LiveSession> {
  DeadlineHeap() {
    super(64);
  }

  @Override
  int index(LiveSession s) {
    return s.deadlineIndex;
  }

  @Override
  void setIndex(LiveSession s, int index) {
    s.deadlineIndex = index;
  }

  @Override
  long first(LiveSession s) {
    return s.deadline;
  }

  @Override
  long second(LiveSession s) {
    return s.arrivalSeq;
  }
}
