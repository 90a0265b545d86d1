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
  int compare(LiveSession a, LiveSession b) {
    int byTime = Long.compare(a.deadline, b.deadline);
    return byTime != 0 ? byTime : Long.compare(a.arrivalSeq, b.arrivalSeq);
  }
}
