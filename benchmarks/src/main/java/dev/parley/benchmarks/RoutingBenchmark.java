package dev.parley.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One routing step on a steady state: a session arrives and the router picks the least-utilized
 * operator of its group and counts the load; the session that arrived {@code busySlots} steps
 * earlier ends and frees its slot, so half of all chat slots stay busy. Every implementation does
 * the same shape ({@link SteadyState}) in the same run:
 *
 * <ul>
 *   <li>{@code parleyDecision}: the real routing core's decision alone, doing exactly what the
 *       baselines do: its candidate index picks the operator and re-keys his load, on a core set up
 *       through its commands ({@link ParleyDecisionRouter}; the code the core runs, not a copy);
 *   <li>{@code parleySession}: the real routing core through its public commands, the whole life
 *       of a session: an arrival routed and auto-accepted, then an end, with the session's record
 *       and its four events ({@link ParleySessionRouter}); more work than the baselines do;
 *   <li>{@code naiveScan}: the synchronized linear scan a user would write by hand;
 *   <li>{@code treeSet}: per-group JDK sorted sets, re-keyed on every load change.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RoutingBenchmark -p operators=10000 -f 1 -wi 3 -i 5
 * java -jar benchmarks/target/benchmarks.jar RoutingBenchmark -prof gc      # bytes per step
 * </pre>
 */
@State(Scope.Thread)
public class RoutingBenchmark extends EngineBenchmark {
  @Param({"100", "1000", "10000", "100000"})
  public int operators;

  @Param({"parleyDecision", "parleySession", "naiveScan", "treeSet"})
  public String impl;

  private SteadyState shape;
  private Router router;
  private int[] inService;
  private int mask;
  private int busy;
  private int next;

  @Setup
  public void setUp() {
    shape = new SteadyState(operators);
    router = create(impl, shape);
    busy = shape.busySlots();
    int ring = Integer.highestOneBit(busy * 2 - 1) << 1;
    mask = ring - 1;
    inService = new int[ring];
    for (next = 0; next < busy; next++) {
      inService[next & mask] = arrive(next);
    }
  }

  static Router create(String impl, SteadyState shape) {
    switch (impl) {
      case "parleyDecision":
        return new ParleyDecisionRouter(shape);
      case "parleySession":
        return new ParleySessionRouter(shape);
      case "naiveScan":
        return new NaiveScanRouter(shape);
      case "treeSet":
        return new TreeSetRouter(shape);
      default:
        throw new IllegalArgumentException("unknown impl " + impl + "; use parleyDecision, parleySession, naiveScan or treeSet");
    }
  }

  private int arrive(int i) {
    int session = router.arrive(shape.arrivals[i & (SteadyState.SEQUENCE - 1)]);
    if (session < 0) {
      throw new IllegalStateException(impl + ": nobody had room at step " + i + "; the steady state is broken");
    }
    return session;
  }

  /** One arrival routed and one end. */
  @Benchmark
  public int step() {
    int i = next++;
    int session = arrive(i);
    inService[i & mask] = session;
    router.end(inService[(i - busy) & mask]);
    return session;
  }
}
