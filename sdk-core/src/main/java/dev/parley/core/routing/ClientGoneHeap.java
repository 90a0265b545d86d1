package dev.parley.core.routing;

/** Sessions whose client's connection is gone, by the end of his grace. */
final class ClientGoneHeap extends IndexedHeap<LiveSession> {
  ClientGoneHeap() {
    super(16);
  }

  @Override
  int index(LiveSession s) {
    return s.goneIndex;
  }

  @Override
  void setIndex(LiveSession s, int index) {
    s.goneIndex = index;
  }

  @Override
  long first(LiveSession s) {
    return s.goneDeadline;
  }

  @Override
  long second(LiveSession s) {
    return s.arrivalSeq;
  }
}
