package dev.parley.core.routing;

/**
 * One operator's place in one group for one channel: the element of that group's candidate set
 * for the channel. It is a candidate exactly while the operator can take one more session of the
 * channel. A handle: its key, links and turn live in its {@link CandidateIndex} under {@link
 * #number}.
 */
final class Member {
  final int number;
  final OperatorState operator;
  final GroupState group;
  final int channel;

  Member(int number, OperatorState operator, GroupState group, int channel) {
    this.number = number;
    this.operator = operator;
    this.group = group;
    this.channel = channel;
  }

  @Override
  public String toString() {
    return operator + "@" + group + "/" + CandidateIndex.CHANNELS[channel];
  }
}
