package dev.parley.benchmarks;

/**
 * The baseline a user would write by hand: a synchronized linear scan of the group's members for
 * the lowest load relative to capacity, then the longest idle.
 */
final class NaiveScanRouter implements Router {
  private final SteadyState shape;
  private final int[] load;
  private final long[] changedAt;
  private long clock;

  NaiveScanRouter(SteadyState shape) {
    this.shape = shape;
    this.load = new int[shape.operators];
    this.changedAt = new long[shape.operators];
  }

  @Override
  public synchronized int arrive(int group) {
    int best = -1;
    for (int op : shape.members[group]) {
      if (load[op] < SteadyState.CAPACITY
          && (best < 0 || load[op] < load[best] || (load[op] == load[best] && changedAt[op] < changedAt[best]))) {
        best = op;
      }
    }
    if (best >= 0) {
      load[best]++;
      changedAt[best] = ++clock;
    }
    return best;
  }

  @Override
  public synchronized void end(int operator) {
    load[operator]--;
    changedAt[operator] = ++clock;
  }
}
