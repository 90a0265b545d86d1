package dev.parley.benchmarks;

import java.util.SplittableRandom;

/**
 * The shape of the routing benchmarks' contact center, shared by every implementation so that
 * they do the same work: {@code operators} operators with chat capacity 4 in eight groups, each
 * operator in two of them (so a group holds a quarter of all operators); a fixed, seeded sequence
 * of arrivals over the groups.
 */
final class SteadyState {
  static final int CAPACITY = 4;
  static final int GROUPS = 8;
  /** Arrivals in the precomputed sequence; a power of two so that indices wrap with a mask. */
  static final int SEQUENCE = 1 << 16;

  final int operators;
  final int groups;
  /** Operator indices of each group's members. */
  final int[][] members;
  /** The two groups of each operator. */
  final int[][] groupsOf;
  /** The group each arrival asks for, in order. */
  final int[] arrivals = new int[SEQUENCE];

  SteadyState(int operators) {
    this.operators = operators;
    this.groups = GROUPS;
    int[] sizes = new int[groups];
    groupsOf = new int[operators][2];
    for (int op = 0; op < operators; op++) {
      int first = op % groups;
      int second = (first + 1 + op / groups % (groups - 1)) % groups; // spreads the pairs evenly
      groupsOf[op][0] = first;
      groupsOf[op][1] = second;
      sizes[first]++;
      sizes[second]++;
    }
    members = new int[groups][];
    int[] filled = new int[groups];
    for (int g = 0; g < groups; g++) {
      members[g] = new int[sizes[g]];
    }
    for (int op = 0; op < operators; op++) {
      for (int g : groupsOf[op]) {
        members[g][filled[g]++] = op;
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < SEQUENCE; i++) {
      arrivals[i] = random.nextInt(groups);
    }
  }

  /** Sessions in service at the steady state: half of all chat slots. */
  int busySlots() {
    return operators * CAPACITY / 2;
  }
}
