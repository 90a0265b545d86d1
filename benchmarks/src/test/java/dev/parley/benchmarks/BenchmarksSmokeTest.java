package dev.parley.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs each benchmark for a moment in-process, so that the build catches a broken suite. */
class BenchmarksSmokeTest {
  @Test
  @DisplayName("the routing benchmark runs for every implementation and they route alike")
  void routingBenchmarkRuns() throws Exception {
    Collection<RunResult> results = runBriefly(RoutingBenchmark.class, Map.of("operators", "100"));

    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the queue benchmark runs its arrivals and its abandons from the middle")
  void queueBenchmarkRuns() throws Exception {
    Collection<RunResult> results = runBriefly(QueueBenchmark.class, Map.of("waiting", "1000"));

    assertThat(results).hasSize(2);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the whole-group benchmark runs its offer, accept and end cycle")
  void wholeGroupBenchmarkRuns() throws Exception {
    Collection<RunResult> results = runBriefly(WholeGroupBenchmark.class, Map.of("members", "10"));

    assertThat(results).singleElement().satisfies(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the redirect benchmark sends sessions back and forth and each is accepted")
  void redirectBenchmarkRuns() throws Exception {
    Collection<RunResult> results = runBriefly(RedirectBenchmark.class, Map.of());

    assertThat(results).singleElement().satisfies(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the latency harness sends at its rate, hears every command answered and writes its histogram")
  void latencyHarnessRuns(@TempDir Path dir) throws Exception {
    LatencyHarness.Report report = LatencyHarness.run(1_000, 1, 0, Pace.SPIN);
    Path hgrm = dir.resolve("latency.hgrm");
    report.writeHistogram(hgrm);

    for (LatencyHarness.Measurement m : List.of(report.shell(), report.baseline())) {
      assertThat(m.failure()).isNull();
      assertThat(m.fromIntended().getTotalCount()).isEqualTo(1_000);
      assertThat(m.fromSubmit().getTotalCount()).isEqualTo(1_000);
    }
    assertThat(report.markdown(hgrm)).contains("| Parley shell | intended send", "| JDK hand-off baseline |");
    assertThat(Files.readString(hgrm)).contains("Percentile");
  }

  @Test
  @DisplayName("the memory footprint builds its core and reports the bytes it retains")
  void memoryFootprintRuns() {
    MemoryFootprint.Report report = MemoryFootprint.run(1_000, 100, 10_000);

    assertThat(report.failure()).isNull();
    assertThat(report.retained()).isPositive();
    assertThat(report.fits()).isTrue();
    assertThat(report.markdown()).contains("per waiting session");
  }

  @Test
  @DisplayName("the storage write benchmark writes single sessions and batches on every storage")
  void storageWriteBenchmarkRuns() throws Exception {
    Collection<RunResult> results = runBriefly(StorageWriteBenchmark.class, Map.of("storage", "inMemory,h2,postgres"));

    assertThat(results).hasSize(6);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the history query benchmark finds a page for each of its queries in a small seeded history")
  void historyQueryBenchmarkRuns(@TempDir Path kept) throws Exception {
    System.setProperty("parley.history.dir", kept.toString());
    Collection<RunResult> results;
    try {
      results = runBriefly(HistoryQueryBenchmark.class, Map.of("storage", "inMemory,h2", "sessions", "2000"));
    } finally {
      System.clearProperty("parley.history.dir");
    }

    assertThat(results).hasSize(12);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  @DisplayName("the restart harness rebuilds the same live sessions from every storage and reports the times")
  void restartHarnessRuns() {
    RestartHarness.Report report = RestartHarness.run(2_000, 1, TrialStorage.KINDS);

    assertThat(report.timings()).extracting(RestartHarness.Timing::storage).containsExactlyElementsOf(TrialStorage.KINDS);
    assertThat(report.states().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
    assertThat(report.meetsGoal()).isTrue();
    assertThat(report.markdown()).contains("| postgres | 2,000 |", "within 3 s at this smaller scale");
  }

  @Test
  @DisplayName("the wire harness starts a server process, sends open loop and hears every frame back")
  void wireHarnessRuns() throws Exception {
    assertThat(WireRun.sentAt("{\"type\":\"message\",\"text\":\"t=-42;xx\"}")).isEqualTo(-42);
    try (WireChild echo = WireChild.echo(0); WireClient client = new WireClient(1)) {
      List<WireClient.Conn> connections = client.open(echo.uri("/ws/client"), 10, 10);
      WireRun.Result result = new WireRun(200, 0, 1).run(client, connections, echo);

      assertThat(result.sent()).isEqualTo(200);
      assertThat(result.received()).isEqualTo(200);
      assertThat(result.bytesPerFrame()).isPositive();
      assertThat(result.cpuMicrosPerFrame()).isPositive();
      assertThat(echo.memory()).isPositive();
    }
  }

  @Test
  @DisplayName("the working echo spends the CPU time it is given on every frame before it answers")
  void workingEchoSpendsItsWork() throws Exception {
    try (WireChild echo = WireChild.echo(500); WireClient client = new WireClient(1)) {
      List<WireClient.Conn> connections = client.open(echo.uri("/ws/client"), 10, 10);
      WireRun.Result result = new WireRun(200, 0, 1).run(client, connections, echo);

      assertThat(result.received()).isEqualTo(200);
      assertThat(result.cpuMicrosPerFrame()).isGreaterThanOrEqualTo(500);
      assertThat(result.p50()).isGreaterThanOrEqualTo(500);
    }
  }

  /**
   * Runs each benchmark of {@code suite} in-process for one short iteration, with the parameters'
   * values (several separated by commas).
   */
  private static Collection<RunResult> runBriefly(Class<?> suite, Map<String, String> params) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(suite.getSimpleName())
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .timeUnit(TimeUnit.NANOSECONDS);
    params.forEach((name, values) -> options.param(name, values.split(",")));
    // JMH locks the machine for one run at a time; a smoke run measures nothing, so a real
    // benchmark running beside the build must not fail it.
    System.setProperty("jmh.ignoreLock", "true");
    return new Runner(options.build()).run();
  }

  @Test
  @DisplayName("the routers pick operators of the same load for the same arrivals")
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

  @Test
  @DisplayName("the core's decision picks the very operators the hand-written scan picks, step after step")
  void coreDecisionPicksAsTheScan() {
    SteadyState shape = new SteadyState(100);
    int[] scan = picks(RoutingBenchmark.create("naiveScan", shape), shape);

    assertThat(picks(RoutingBenchmark.create("parleyDecision", shape), shape)).containsExactly(scan);
  }

  /** The operators {@code router} picks over five turns of the benchmark's ring, ends included. */
  private static int[] picks(Router router, SteadyState shape) {
    int busy = shape.busySlots();
    int[] picks = new int[busy * 5];
    for (int i = 0; i < picks.length; i++) {
      picks[i] = router.arrive(shape.arrivals[i & (SteadyState.SEQUENCE - 1)]);
      if (i >= busy) {
        router.end(picks[i - busy]);
      }
    }
    return picks;
  }

  @Test
  @DisplayName("the grace harness lets every gone client go, none before his grace")
  void graceHarnessRuns() throws Exception {
    long[] lateness = GraceHarness.run(20, 200, 1);

    assertThat(lateness).hasSize(20);
    // The fact's acknowledgement comes after the writer applied it: a client let go early would show
    // as more than the acknowledgement's own delay early, which the few milliseconds here allow.
    assertThat(lateness[0]).as("µs past the grace of the earliest").isGreaterThan(-50_000);
    assertThat(GraceHarness.markdown(lateness)).startsWith("| clients |").contains("| 20 |");
  }
}
