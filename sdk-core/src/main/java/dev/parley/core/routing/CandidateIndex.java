package dev.parley.core.routing;

import dev.parley.core.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Operators' loads and their places among their groups' candidates: the part of the core that a
 * routing decision runs. {@link #best} reads a group's best candidate for a channel (the head of
 * its {@link MemberBuckets}); {@link #changeLoad} counts a session for or against an operator and
 * re-keys him in each of his groups. The core makes every load change through this class, and
 * picks by reading the same head ({@code RoutingCore.pick}, for a session nobody has declined, is
 * {@code candidates[channel].peek()}, all that {@link #best} does); the routing benchmark's
 * decision-only implementation drives the core's own instance (see {@code
 * RoutingCore#candidateIndex()}), so what it measures is the code the core runs.
 *
 * <p>It owns the change counter that orders "idle since" among changes at the same instant. Whoever
 * calls a method that returns {@code true} must let the operator take waiting sessions: he just
 * became eligible for a channel.
 *
 * <p>Thread safety: none; confined to its core's thread.
 */
final class CandidateIndex {
  private static final Channel[] CHANNELS = OperatorState.CHANNELS;

  /** Counts load changes, logins and definitions: the order of "idle since" among equal instants. */
  private long changes;

  /** The best candidate of {@code g} for channel {@code c} by the group's strategy, or null when nobody has room. */
  static @Nullable Member best(GroupState g, int c) {
    return g.candidates[c].peek();
  }

  /**
   * Adds {@code delta} sessions of channel {@code c} to the operator's load at {@code now} (nanoseconds),
   * keeps his groups' busy counts, and re-keys his places among their candidates.
   *
   * @return whether he became eligible for a channel he was not eligible for
   */
  boolean changeLoad(OperatorState op, int c, int delta, long now) {
    boolean wasBusy = op.totalLoad > 0;
    op.load[c] += delta;
    op.totalLoad += delta;
    boolean exclusive = CHANNELS[c].exclusive();
    if (exclusive) {
      op.exclusiveLoad += delta;
    }
    boolean busy = op.totalLoad > 0;
    if (busy != wasBusy && op.online()) {
      for (int i = 0; i < op.groups.size(); i++) {
        op.groups.get(i).busy += busy ? 1 : -1;
      }
    }
    // A call (an exclusive session) starting or ending changes his idleness on every channel, and
    // a first or last session changes it for calls: those channels count as changed now too. So
    // every candidate put back by a load change has the newest key and goes last in its bucket.
    if (exclusive) {
      touchAll(op, now);
      return refreshAll(op);
    }
    touch(op, c, now);
    boolean eligible = refreshChannel(op, c);
    if (busy != wasBusy) {
      for (int x = 0; x < CHANNELS.length; x++) {
        if (CHANNELS[x].exclusive()) {
          touch(op, x, now);
          eligible |= refreshChannel(op, x);
        }
      }
    }
    return eligible;
  }

  /** Marks the operator's channel changed at {@code now}: the "idle since" key. */
  void touch(OperatorState op, int c, long now) {
    op.changedAt[c] = now;
    op.changedSeq[c] = ++changes;
  }

  void touchAll(OperatorState op, long now) {
    for (int c = 0; c < CHANNELS.length; c++) {
      touch(op, c, now);
    }
  }

  /**
   * Makes the operator's places for every channel candidates exactly when he is eligible, re-keyed.
   *
   * @return whether he became eligible for a channel he was not eligible for
   */
  boolean refreshAll(OperatorState op) {
    boolean eligible = false;
    for (int c = 0; c < CHANNELS.length; c++) {
      eligible |= refreshChannel(op, c);
    }
    return eligible;
  }

  /**
   * Makes the operator's places for channel {@code c} candidates exactly when he is eligible, re-keyed.
   *
   * @return whether he became eligible for it and was not
   */
  boolean refreshChannel(OperatorState op, int c) {
    int bit = 1 << c;
    boolean was = (op.eligibleMask & bit) != 0;
    if (op.capacity[c] == 0 && !was) {
      return false; // not his channel: no places in it, and he never was eligible for it
    }
    boolean eligible = op.eligible(c);
    op.eligibleMask = eligible ? op.eligibleMask | bit : op.eligibleMask & ~bit;
    for (Member m : op.members) {
      if (m.channel == c) {
        m.rekey();
        m.group.candidates[c].set(m, eligible);
      }
    }
    return eligible && !was;
  }
}
