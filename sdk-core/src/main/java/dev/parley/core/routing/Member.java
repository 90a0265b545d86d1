package dev.parley.core.routing;

/**
 * One operator's place in one group for one channel: the element of that group's candidate heap
 * for the channel. It is in the heap exactly while the operator can take one more session of the
 * channel.
 */
final class Member {
  final OperatorState operator;
  final GroupState group;
  final int channel;
  final int rank;
  int heapIndex = -1;
  /**
   * The group's offer counter when this member's operator was last offered a session of the group,
   * on any channel (round robin).
   */
  long lastOffer;

  Member(OperatorState operator, GroupState group, int channel, int rank) {
    this.operator = operator;
    this.group = group;
    this.channel = channel;
    this.rank = rank;
  }
}
