package dev.parley.core.routing;

import dev.parley.core.Channel;
import dev.parley.core.OperatorId;
import dev.parley.core.RoutingStrategy;
import java.util.Arrays;

/**
 * Operators' loads and their places among their groups' candidates: the part of the core that a
 * routing decision runs, kept in flat arrays by number.
 *
 * <p>Every operator has a number and every member (an operator's place in one group for one
 * channel) has one; numbers of removed operators and members are used again. What a decision and
 * a load change read and write — the operator's load, capacity, switches and "idle since" per
 * channel, each member's key and links among its group's candidates — lives here in primitive
 * arrays indexed by those numbers, not in the {@link OperatorState} and {@link Member} objects,
 * which are handles for the rest of the core. The reason is memory, not style: a routing step
 * touches two operators chosen by the traffic, effectively at random, and with the state spread
 * over objects and their arrays each of those touches was a dozen cache misses once ten thousand
 * operators no longer fit in the cache; packed by number the same state of ten thousand operators
 * takes a few hundred kilobytes.
 *
 * <p>{@link MemberBuckets} (a group's candidates for a channel) links members through {@link
 * #prev} and {@link #next}. {@link #changeLoad} counts a session for or against an operator and
 * re-places his members; a decision reads the head of the group's buckets ({@code
 * RoutingCore.pick}, for a session nobody has declined, takes {@link MemberBuckets#first}). The
 * routing benchmark's decision-only implementation drives the core's own instance (see {@code
 * RoutingCore#candidateIndex()}), so what it measures is the code the core runs.
 *
 * <p>It owns the change counter that orders "idle since" among changes at the same instant. Whoever
 * calls a method that returns {@code true} must let the operator take waiting sessions: he just
 * became eligible for a channel.
 *
 * <p>Thread safety: none; confined to its core's thread.
 */
final class CandidateIndex {
  static final Channel[] CHANNELS = Channel.values();
  static final int CHANNEL_COUNT = CHANNELS.length;
  /** No member: the end of a list. */
  static final int NONE = -1;

  private static final int ONLINE = 1;
  private static final int PHONE_LINE = 2;
  /** Bit {@code SWITCHED_ON << c}: channel c switched on. */
  private static final int SWITCHED_ON = 4;
  /** Channel bits of exclusive media, whose first or last session changes idleness for them. */
  private static final int EXCLUSIVE_CHANNELS = channelBits(true);
  /** Channel bits of channels that need a phone line. */
  private static final int PHONE_CHANNELS = channelBits(false);

  private static int channelBits(boolean exclusive) {
    int mask = 0;
    for (Channel c : CHANNELS) {
      if (exclusive ? c.exclusive() : c.needsPhoneLine()) {
        mask |= 1 << c.ordinal();
      }
    }
    return mask;
  }

  /** Counts load changes, logins and definitions: the order of "idle since" among equal instants. */
  private long changes;

  // Operators, by number. Per channel arrays are indexed [channel][number], so that one channel's
  // figures of all operators are contiguous.
  private OperatorState[] operators = new OperatorState[16];
  private final Numbers operatorNumbers = new Numbers();
  /** Sessions offered (to him alone), active or in wrap-up. */
  private int[][] load = new int[CHANNEL_COUNT][16];
  /** 0 when the channel is not assigned. */
  private int[][] capacity = new int[CHANNEL_COUNT][16];
  /** When his load on the channel last changed, or he came online: the "idle since" key. */
  private long[][] changedAt = new long[CHANNEL_COUNT][16];
  /** The change counter at the same moments: orders equal instants, and grows with every change. */
  private long[][] changedSeq = new long[CHANNEL_COUNT][16];
  /** His first member for the channel; the others follow through {@link #sibling}. */
  private int[][] firstMember = new int[CHANNEL_COUNT][16];
  private int[] totalLoad = new int[16];
  private int[] exclusiveLoad = new int[16];
  /** Bit c set while he can take one more session of channel c. */
  private int[] eligibleMask = new int[16];
  /** {@link #ONLINE}, {@link #PHONE_LINE} and the {@link #SWITCHED_ON} bits. */
  private int[] flags = new int[16];

  // Members, by number.
  private final Numbers memberNumbers = new Numbers();
  /** The member's operator's number. */
  private int[] operatorOf = new int[16];
  /** The operator's definition order: the last tie-break among equal keys. */
  private int[] ordinal = new int[16];
  /** The next member of the same operator and channel, or {@link #NONE}. */
  private int[] sibling = new int[16];
  /** The candidates the member belongs to: its group's for its channel. */
  private MemberBuckets[] owner = new MemberBuckets[16];
  /**
   * The member's bucket among its group's candidates (see {@link MemberBuckets}), or {@link #NONE}
   * while it is no candidate.
   */
  int[] bucketOf = new int[16];
  /** Links among the candidates, valid while the member is one. */
  int[] prev = new int[16];
  int[] next = new int[16];
  /**
   * The key the member was placed with: {@code primary}, then {@code secondary}, then {@link
   * #ordinal} — see {@link #primaryKey}.
   */
  long[] primary = new long[16];
  long[] secondary = new long[16];
  /** The rank in a fixed-order group. */
  private int[] rank = new int[16];
  /**
   * The group's offer counter when the member's operator was last offered a session of the group,
   * on any channel (round robin).
   */
  private long[] lastOffer = new long[16];

  // ---------------------------------------------------------------------------------------------
  // Operators and members

  /** A new operator, numbered, with no channel, offline, every channel switched on, idle since {@code now}. */
  OperatorState addOperator(OperatorId id, int definitionOrder, long now) {
    int n = operatorNumbers.take();
    if (n == operators.length) {
      growOperators(n * 2);
    }
    OperatorState op = new OperatorState(id, definitionOrder, n, this);
    operators[n] = op;
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      load[c][n] = 0;
      capacity[c][n] = 0;
      firstMember[c][n] = NONE;
      touch(n, c, now);
    }
    totalLoad[n] = 0;
    exclusiveLoad[n] = 0;
    eligibleMask[n] = 0;
    flags[n] = ((1 << CHANNEL_COUNT) - 1) * SWITCHED_ON;
    return op;
  }

  /** Forgets a removed operator, who holds nothing and is a candidate nowhere, and his members. */
  void removeOperator(OperatorState op) {
    releaseMembers(op);
    operators[op.number] = null;
    operatorNumbers.giveBack(op.number);
  }

  /**
   * Gives {@code op} new members: one per group in {@code groups} (with its rank in {@code ranks})
   * and channel with a capacity, in that order. They are candidates nowhere yet (see {@link
   * #refreshAll}). His former members, which must be candidates nowhere, are forgotten.
   */
  Member[] replaceMembers(OperatorState op, GroupState[] groups, int[] ranks) {
    releaseMembers(op);
    int n = op.number;
    int assigned = 0;
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      if (capacity[c][n] > 0) {
        assigned++;
      }
    }
    Member[] made = new Member[groups.length * assigned];
    int i = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int c = 0; c < CHANNEL_COUNT; c++) {
        if (capacity[c][n] > 0) {
          made[i++] = addMember(op, groups[g], c, ranks[g]);
        }
      }
    }
    // Chains in definition order, so that walking them visits his groups in order.
    for (int k = made.length - 1; k >= 0; k--) {
      int m = made[k].number;
      int c = made[k].channel;
      sibling[m] = firstMember[c][n];
      firstMember[c][n] = m;
    }
    op.members = made;
    return made;
  }

  private Member addMember(OperatorState op, GroupState g, int c, int memberRank) {
    int m = memberNumbers.take();
    if (m == operatorOf.length) {
      growMembers(m * 2);
    }
    Member member = new Member(m, op, g, c);
    operatorOf[m] = op.number;
    ordinal[m] = op.ordinal;
    sibling[m] = NONE;
    owner[m] = g.candidates[c];
    bucketOf[m] = NONE;
    rank[m] = memberRank;
    lastOffer[m] = 0;
    return member;
  }

  private void releaseMembers(OperatorState op) {
    for (Member member : op.members) {
      int m = member.number;
      if (bucketOf[m] != NONE) {
        owner[m].remove(m);
      }
      owner[m] = null;
      memberNumbers.giveBack(m);
    }
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      firstMember[c][op.number] = NONE;
    }
    op.members = new Member[0];
  }

  private void growOperators(int size) {
    operators = Arrays.copyOf(operators, size);
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      load[c] = Arrays.copyOf(load[c], size);
      capacity[c] = Arrays.copyOf(capacity[c], size);
      changedAt[c] = Arrays.copyOf(changedAt[c], size);
      changedSeq[c] = Arrays.copyOf(changedSeq[c], size);
      firstMember[c] = Arrays.copyOf(firstMember[c], size);
    }
    totalLoad = Arrays.copyOf(totalLoad, size);
    exclusiveLoad = Arrays.copyOf(exclusiveLoad, size);
    eligibleMask = Arrays.copyOf(eligibleMask, size);
    flags = Arrays.copyOf(flags, size);
  }

  private void growMembers(int size) {
    operatorOf = Arrays.copyOf(operatorOf, size);
    ordinal = Arrays.copyOf(ordinal, size);
    sibling = Arrays.copyOf(sibling, size);
    owner = Arrays.copyOf(owner, size);
    bucketOf = Arrays.copyOf(bucketOf, size);
    prev = Arrays.copyOf(prev, size);
    next = Arrays.copyOf(next, size);
    primary = Arrays.copyOf(primary, size);
    secondary = Arrays.copyOf(secondary, size);
    rank = Arrays.copyOf(rank, size);
    lastOffer = Arrays.copyOf(lastOffer, size);
  }

  /** The operator of the member numbered {@code m}. */
  OperatorState operatorOf(int m) {
    return operators[operatorOf[m]];
  }

  /** The number of the operator of the member numbered {@code m}. */
  int operatorNumberOf(int m) {
    return operatorOf[m];
  }

  // ---------------------------------------------------------------------------------------------
  // Operator figures (read and set through OperatorState)

  int load(int n, int c) {
    return load[c][n];
  }

  int capacity(int n, int c) {
    return capacity[c][n];
  }

  void capacity(int n, int c, int value) {
    capacity[c][n] = value;
  }

  long changedAt(int n, int c) {
    return changedAt[c][n];
  }

  int totalLoad(int n) {
    return totalLoad[n];
  }

  int exclusiveLoad(int n) {
    return exclusiveLoad[n];
  }

  int eligibleMask(int n) {
    return eligibleMask[n];
  }

  boolean online(int n) {
    return (flags[n] & ONLINE) != 0;
  }

  void online(int n, boolean on) {
    flags[n] = on ? flags[n] | ONLINE : flags[n] & ~ONLINE;
  }

  boolean phoneLine(int n) {
    return (flags[n] & PHONE_LINE) != 0;
  }

  void phoneLine(int n, boolean available) {
    flags[n] = available ? flags[n] | PHONE_LINE : flags[n] & ~PHONE_LINE;
  }

  boolean switchedOn(int n, int c) {
    return (flags[n] & (SWITCHED_ON << c)) != 0;
  }

  void switchedOn(int n, int c, boolean on) {
    flags[n] = on ? flags[n] | (SWITCHED_ON << c) : flags[n] & ~(SWITCHED_ON << c);
  }

  /** Whether operator {@code n} has room for one more session of channel {@code c}, whatever his status. */
  boolean hasRoom(int n, int c) {
    int cap = capacity[c][n];
    return cap > 0
        && load[c][n] < cap
        && exclusiveLoad[n] == 0
        && ((EXCLUSIVE_CHANNELS & (1 << c)) == 0 || totalLoad[n] == 0);
  }

  /** Whether channel {@code c} may be routed to operator {@code n} now. */
  boolean eligible(int n, int c) {
    int f = flags[n];
    return (f & ONLINE) != 0
        && (f & (SWITCHED_ON << c)) != 0
        && hasRoom(n, c)
        && ((PHONE_CHANNELS & (1 << c)) == 0 || (f & PHONE_LINE) != 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Member figures

  long lastOffer(int m) {
    return lastOffer[m];
  }

  /**
   * Records that {@code m}'s operator was just offered a session of the group at {@code turn}; in a
   * round-robin group that is his key, and his place among the candidates moves.
   */
  void lastOffer(int m, long turn) {
    lastOffer[m] = turn;
    if (bucketOf[m] != NONE && owner[m].group.strategy() == RoutingStrategy.ROUND_ROBIN) {
      place(m, true);
    }
  }

  boolean isCandidate(Member m) {
    return bucketOf[m.number] != NONE;
  }

  /**
   * The first part of member {@code m}'s key under {@code strategy}: the load fraction {@code
   * utilization} (by utilization; see {@link #utilization(int, int)}), the rank (fixed order), else 0.
   */
  private long primaryKey(int m, RoutingStrategy strategy, long utilization) {
    if (strategy == RoutingStrategy.BY_UTILIZATION) {
      return utilization;
    } else if (strategy == RoutingStrategy.FIXED_ORDER) {
      return rank[m];
    }
    return 0;
  }

  /**
   * The second part of member {@code m}'s key under {@code strategy}: the change counter {@code
   * idle} of his last idle change (by utilization, longest idle), his last turn (round robin: each
   * turn is the group's newest, so the group's candidates are one bucket in turn order), else 0.
   */
  private long secondaryKey(int m, RoutingStrategy strategy, long idle) {
    if (strategy == RoutingStrategy.BY_UTILIZATION || strategy == RoutingStrategy.LONGEST_IDLE) {
      return idle;
    } else if (strategy == RoutingStrategy.ROUND_ROBIN) {
      return lastOffer[m];
    }
    return 0;
  }

  /**
   * Operator {@code n}'s load relative to his capacity for channel {@code c} as a fixed-point
   * fraction. Capacities are at most 100, so distinct fractions differ by more than 2^-20 and the
   * order (and equality) is exact; 100 << 20 fits an int, whose division is the cheaper one.
   */
  private long utilization(int n, int c) {
    int cap = capacity[c][n];
    return cap == 0 ? Long.MAX_VALUE : (load[c][n] << 20) / cap;
  }

  /** The candidates' order of two members of one group and channel, by their keys as they are now. */
  int compare(Member a, Member b) {
    RoutingStrategy strategy = a.group.strategy();
    int ch = a.channel;
    int na = a.operator.number;
    int nb = b.operator.number;
    int c = Long.compare(primaryKey(a.number, strategy, utilization(na, ch)), primaryKey(b.number, strategy, utilization(nb, ch)));
    if (c != 0) {
      return c;
    }
    c = Long.compare(secondaryKey(a.number, strategy, changedSeq[ch][na]), secondaryKey(b.number, strategy, changedSeq[ch][nb]));
    return c != 0 ? c : Integer.compare(ordinal[a.number], ordinal[b.number]);
  }

  /** Whether member {@code a} comes before member {@code b} within one bucket (equal primary keys). */
  boolean before(int a, int b) {
    return secondary[a] != secondary[b] ? secondary[a] < secondary[b] : ordinal[a] < ordinal[b];
  }

  /**
   * Makes member {@code m} a candidate exactly when {@code in}, placed by its key as it is now;
   * nothing moves when its key did not change.
   */
  private void place(int m, boolean in) {
    int n = operatorOf[m];
    int c = owner[m].channel;
    place(m, in, utilization(n, c), changedSeq[c][n]);
  }

  /**
   * {@link #place(int, boolean)} with its operator's figures for its channel read already: {@code
   * utilization} (see {@link #utilization(int, int)}) and {@code idle}, the change counter of his
   * last idle change.
   */
  private void place(int m, boolean in, long utilization, long idle) {
    MemberBuckets b = owner[m];
    boolean was = bucketOf[m] != NONE;
    if (!in) {
      if (was) {
        b.remove(m);
      }
      return;
    }
    RoutingStrategy strategy = b.group.strategy();
    long p = primaryKey(m, strategy, utilization);
    long s = secondaryKey(m, strategy, idle);
    if (was && primary[m] == p && secondary[m] == s) {
      return;
    }
    primary[m] = p;
    secondary[m] = s;
    // Under the idle strategies the key is a change counter, which every change raises: equal to
    // the counter, it was made by the latest change and is above every other key of the bucket.
    boolean newest = s == changes
        && (strategy == RoutingStrategy.BY_UTILIZATION || strategy == RoutingStrategy.LONGEST_IDLE);
    if (was) {
      b.move(m, newest);
    } else {
      b.add(m, newest);
    }
  }

  /** Re-places every candidate of {@code b} by its key as it is now, after the group's strategy changed. */
  void reorder(MemberBuckets b) {
    int[] all = new int[b.size()];
    int k = 0;
    for (int m = b.first(); m != NONE; m = b.after(m)) {
      all[k++] = m;
    }
    for (int m : all) {
      place(m, false);
    }
    for (int m : all) {
      place(m, true);
    }
  }

  /**
   * Takes {@code m} out of its candidates for one decision, keeping its key; {@link #putBack} puts
   * it back where it was.
   */
  void setAside(int m) {
    owner[m].remove(m);
  }

  void putBack(int m) {
    owner[m].add(m);
  }

  // ---------------------------------------------------------------------------------------------
  // Load changes and eligibility

  /**
   * Adds {@code delta} sessions of channel {@code c} to operator {@code n}'s load at {@code now}
   * (nanoseconds), keeps his groups' busy counts, and re-places his members among their candidates.
   *
   * @return whether he became eligible for a channel he was not eligible for
   */
  boolean changeLoad(int n, int c, int delta, long now) {
    int before = totalLoad[n];
    int after = before + delta;
    load[c][n] += delta;
    totalLoad[n] = after;
    boolean exclusive = (EXCLUSIVE_CHANNELS & (1 << c)) != 0;
    if (exclusive) {
      exclusiveLoad[n] += delta;
    }
    boolean busyChanged = (before > 0) != (after > 0);
    if (busyChanged && (flags[n] & ONLINE) != 0) {
      int sign = after > 0 ? 1 : -1;
      for (GroupState g : operators[n].groups) {
        g.busy += sign;
      }
    }
    // A call (an exclusive session) starting or ending changes his idleness on every channel, and
    // a first or last session changes it for calls: those channels count as changed now too. So
    // every candidate put back by a load change has the newest key and goes last in its bucket.
    if (exclusive) {
      touchAll(n, now);
      return refreshAll(n);
    }
    touch(n, c, now);
    boolean eligible = refreshChannel(n, c);
    if (busyChanged) {
      for (int x = 0; x < CHANNEL_COUNT; x++) {
        if ((EXCLUSIVE_CHANNELS & (1 << x)) != 0) {
          touch(n, x, now);
          eligible |= refreshChannel(n, x);
        }
      }
    }
    return eligible;
  }

  /** Marks operator {@code n}'s channel {@code c} changed at {@code now}: the "idle since" key. */
  void touch(int n, int c, long now) {
    changedAt[c][n] = now;
    changedSeq[c][n] = ++changes;
  }

  void touchAll(int n, long now) {
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      touch(n, c, now);
    }
  }

  /**
   * Makes operator {@code n}'s members for every channel candidates exactly when he is eligible,
   * re-keyed.
   *
   * @return whether he became eligible for a channel he was not eligible for
   */
  boolean refreshAll(int n) {
    boolean eligible = false;
    for (int c = 0; c < CHANNEL_COUNT; c++) {
      eligible |= refreshChannel(n, c);
    }
    return eligible;
  }

  /**
   * Makes operator {@code n}'s members for channel {@code c} candidates exactly when he is
   * eligible, re-keyed.
   *
   * @return whether he became eligible for it and was not
   */
  boolean refreshChannel(int n, int c) {
    int bit = 1 << c;
    int mask = eligibleMask[n];
    boolean was = (mask & bit) != 0;
    if (capacity[c][n] == 0 && !was) {
      return false; // not his channel: no members for it, and he never was eligible for it
    }
    boolean eligible = eligible(n, c);
    eligibleMask[n] = eligible ? mask | bit : mask & ~bit;
    long utilization = utilization(n, c);
    long idle = changedSeq[c][n];
    for (int m = firstMember[c][n]; m != NONE; m = sibling[m]) {
      place(m, eligible, utilization, idle);
    }
    return eligible && !was;
  }

  /**
   * Takes {@code op}'s members out of every candidate set and forgets which channels he was
   * eligible for, before his definition changes ({@link #refreshAll} puts him back).
   */
  void withdraw(OperatorState op) {
    for (Member m : op.members) {
      place(m.number, false);
    }
    eligibleMask[op.number] = 0;
  }

  /**
   * Numbers handed out from 0 up, those given back handed out again first: a fresh number is the
   * count of numbers ever made, so it equals an array's length exactly when the array is full.
   */
  private static final class Numbers {
    private int made;
    private int[] free = new int[16];
    private int freeCount;

    int take() {
      return freeCount > 0 ? free[--freeCount] : made++;
    }

    void giveBack(int n) {
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, freeCount * 2);
      }
      free[freeCount++] = n;
    }
  }
}
