package dev.parley.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs each benchmark for a moment in-process, so that the build catches a broken suite. */
class BenchmarksSmokeTest {
  @Test
  @DisplayName("the routing benchmark runs for every implementation and they route alike")
  void routingBenchmarkRuns() throws Exception {
    Options options = new OptionsBuilder()
        .include(RoutingBenchmark.class.getSimpleName())
        .param("operators", "100")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.NANOSECONDS)
        .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).hasSize(3);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the three routers pick operators of the same load for the same arrivals")
  void routersAgreeOnLoad() {
    SteadyState shape = new SteadyState(100);
    Router naive = RoutingBenchmark.create("naiveScan", shape);
    Router tree = RoutingBenchmark.create("treeSet", shape);
    int[] naiveLoad = new int[shape.operators];
    int[] treeLoad = new int[shape.operators];
    for (int i = 0; i < shape.busySlots(); i++) {
      naiveLoad[naive.arrive(shape.arrivals[i])]++;
      treeLoad[tree.arrive(shape.arrivals[i])]++;
    }
    assertThat(treeLoad).containsExactly(naiveLoad);
    assertThat(java.util.Arrays.stream(naiveLoad).max().orElseThrow()).isLessThanOrEqualTo(SteadyState.CAPACITY);
  }
}
