package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator, driving the real routing core with one session per operator and nobody
 * abandoning, must reproduce Erlang C. Each figure must lie within {@value #K} of its own 95 %
 * half-widths of the model's value, and the half-widths must be narrow enough for the comparison to
 * mean something. Two half-widths are about four standard errors: an unbiased simulator misses by
 * that much about once in two thousand comparisons, and the runs are seeded, so a pass is a pass.
 */
@DisplayName("The simulator reproduces Erlang C")
class SimulatorAgainstErlangCTest {
  /** How many of its 95 % half-widths a figure may stray from the model. */
  private static final double K = 2;

  @ParameterizedTest(name = "{0} Erlangs ({1}/min × {2} s) on {3} operators, {4}, {5} h")
  @CsvSource({
    // erlangs, arrivals/min, AHT s, operators, strategy, hours, T s, seed
    "48,  12,                 240, 55, by-utilization, 4000,  20, 11",
    "2,   0.6666666666666666, 180, 3,  longest-idle,   20000, 60, 12",
    "8,   4,                  120, 10, round-robin,    10000, 15, 13",
  })
  @DisplayName("on a row of the Erlang C table")
  void reproducesTheRow(
      double erlangs, String perMinute, String aht, int operators, String strategy, String hours, String target, String seed) {
    SimulationOptions options = SimulationOptions.parse(new String[] {
        "--operators", Integer.toString(operators), "--capacity", "1", "--arrivals-per-minute", perMinute,
        "--mean-handle-seconds", aht, "--hours", hours, "--seed", seed, "--service-level-seconds", target,
        "--strategy", strategy});
    assertThat(options.offeredLoad()).isCloseTo(erlangs, offset(1e-9));

    SimulationResult result = new Simulator(options).run(fraction -> {});
    ErlangC model = result.erlangC().orElseThrow();
    double handle = options.meanHandleSeconds();

    assertAgrees("P(wait)", result.probabilityOfWaiting(), model.probabilityOfWaiting(), 0.02);
    assertAgrees("ASA", result.averageSpeedOfAnswer(), model.averageSpeedOfAnswer(handle), 0.06 * model.averageSpeedOfAnswer(handle));
    assertAgrees("service level", result.serviceLevel(), model.serviceLevel(options.serviceLevelSeconds(), handle), 0.02);
    assertAgrees("occupancy", result.occupancy(), model.occupancy(), 0.01);
    assertThat(result.abandonRate().value()).isZero();
    assertThat(result.answered()).isEqualTo(result.sessions());
    assertThat((double) result.sessions())
        .isCloseTo(options.arrivalsPerSecond() * options.hours() * 3600, withinPercentage(1));
  }

  private static void assertAgrees(String figure, Estimate simulated, double model, double widestHalfWidth) {
    assertThat(simulated.halfWidth())
        .as("%s: the 95 %% half-width is too wide to test anything", figure)
        .isPositive()
        .isLessThanOrEqualTo(widestHalfWidth);
    assertThat(simulated.agreesWith(model, K))
        .as("%s: simulated %s ± %s, Erlang C %s", figure, simulated.value(), simulated.halfWidth(), model)
        .isTrue();
  }
}
