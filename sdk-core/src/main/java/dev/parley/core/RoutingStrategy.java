package dev.parley.core;

/**
 * How a group picks the operator for its next waiting client. Only operators who can take one
 * more session of the client's channel are candidates: online, the channel assigned and switched
 * on, below capacity, no exclusive session in hand (and nothing at all in hand for an exclusive
 * channel), the phone line available where the channel needs it.
 */
public enum RoutingStrategy {
  /**
   * The lowest load relative to capacity on the client's channel first; among equals, the one
   * idle on that channel the longest. The default.
   */
  BY_UTILIZATION,
  /**
   * The operator idle on the client's channel the longest: since his load on it last changed, he
   * came online, switched it on, or finished a call (a call keeps him busy on every channel).
   */
  LONGEST_IDLE,
  /** The candidate offered a session of this group the longest ago. */
  ROUND_ROBIN,
  /**
   * The lowest rank (see {@link OperatorSpec.Builder#group(GroupId, int)}); among equal ranks, the
   * operator defined first.
   */
  FIXED_ORDER,
  /**
   * Offered to every candidate at once; the first to accept takes it and the other offers are
   * withdrawn. Offers to the whole group hold no capacity until accepted, and do not time out.
   */
  WHOLE_GROUP
}
