package dev.parley.benchmarks;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * The JDK alternative: per group a {@link TreeSet} of the operators with room, ordered by load
 * then idle time; a load change removes the operator from each of his groups' sets and adds him
 * back with the new key.
 */
final class TreeSetRouter implements Router {
  private final SteadyState shape;
  private final int[] load;
  private final long[] changedAt;
  private final TreeSet<Integer>[] candidates;
  private long clock;

  @SuppressWarnings("unchecked")
  TreeSetRouter(SteadyState shape) {
    this.shape = shape;
    this.load = new int[shape.operators];
    this.changedAt = new long[shape.operators];
    Comparator<Integer> order = Comparator.<Integer>comparingInt(op -> load[op])
        .thenComparingLong(op -> changedAt[op])
        .thenComparingInt(op -> op);
    candidates = new TreeSet[shape.groups];
    for (int g = 0; g < shape.groups; g++) {
      candidates[g] = new TreeSet<>(order);
      for (int op : shape.members[g]) {
        candidates[g].add(op);
      }
    }
  }

  @Override
  public int arrive(int group) {
    if (candidates[group].isEmpty()) {
      return -1;
    }
    int op = candidates[group].first();
    rekey(op, +1);
    return op;
  }

  @Override
  public void end(int operator) {
    rekey(operator, -1);
  }

  private void rekey(int op, int delta) {
    for (int g : shape.groupsOf[op]) {
      candidates[g].remove(op);
    }
    load[op] += delta;
    changedAt[op] = ++clock;
    if (load[op] < SteadyState.CAPACITY) {
      for (int g : shape.groupsOf[op]) {
        candidates[g].add(op);
      }
    }
  }
}
