package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("The simulator")
class SimulatorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static SimulationResult simulate(String... args) {
    return new Simulator(SimulationOptions.parse(args)).run(fraction -> {});
  }

  @Test
  @DisplayName("with several chats per operator and clients who abandon reports sane figures")
  void capacityAndAbandonment() {
    SimulationResult r = simulate("--operators", "20", "--capacity", "3", "--arrivals-per-minute", "12",
        "--mean-handle-seconds", "280", "--hours", "300", "--seed", "5", "--service-level-seconds", "30",
        "--abandon-mean-seconds", "60", "--strategy", "round-robin");

    assertThat(r.erlangC()).isEmpty();
    assertThat(r.abandonRate().value()).isStrictlyBetween(0.0, 1.0);
    assertThat(r.abandonRate().halfWidth()).isPositive();
    assertThat(r.occupancy().value()).isStrictlyBetween(0.5, 1.0);
    assertThat(r.probabilityOfWaiting().value()).isStrictlyBetween(0.0, 1.0);
    assertThat(r.serviceLevel().value()).isStrictlyBetween(0.0, 1.0);
    assertThat(r.averageSpeedOfAnswer().value()).isPositive();
    assertThat(r.occupancySpread().value()).isGreaterThanOrEqualTo(1.0).isLessThan(1.2);
    assertThat(r.operatorOccupancy()).hasSize(20);
    assertThat(Arrays.stream(r.operatorOccupancy()).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    assertThat(Arrays.stream(r.operatorOccupancy()).min().orElseThrow()).isPositive();
    assertThat(r.answered() + r.abandoned()).isEqualTo(r.sessions());
  }

  @Test
  @DisplayName("without statistics routes the same clients the same way and tells no estimates")
  void withoutStatistics() {
    String[] args = {"--operators", "10", "--capacity", "1", "--arrivals-per-minute", "2", "--mean-handle-seconds",
        "240", "--hours", "200", "--seed", "9", "--service-level-seconds", "20", "--abandon-mean-seconds", "120"};
    SimulationResult with = simulate(args);
    String[] bare = Arrays.copyOf(args, args.length + 1);
    bare[args.length] = "--no-statistics";
    SimulationResult without = simulate(bare);

    assertThat(without.sessions()).isEqualTo(with.sessions());
    assertThat(without.abandoned()).isEqualTo(with.abandoned());
    assertThat(without.probabilityOfWaiting()).isEqualTo(with.probabilityOfWaiting());
    assertThat(without.averageSpeedOfAnswer()).isEqualTo(with.averageSpeedOfAnswer());
    assertThat(without.occupancy()).isEqualTo(with.occupancy());
    assertThat(with.estimateError().value()).isPositive();
    assertThat(without.estimateError().value()).isNaN();
    assertThat(without.engineAllEstimates().estimates()).isZero();
  }

  @Test
  @DisplayName("with capacity C and nobody abandoning serves like Erlang C on N × C slots")
  void capacityMakesSlots() {
    // Handle times do not depend on the operator's load, so each of the N × C slots is a server.
    SimulationResult r = simulate("--operators", "4", "--capacity", "3", "--arrivals-per-minute", "1.5",
        "--mean-handle-seconds", "400", "--hours", "10000", "--seed", "21", "--service-level-seconds", "60");
    ErlangC slots = new ErlangC(12, 10);

    assertThat(r.erlangC()).as("Erlang C is only claimed for capacity 1").isEmpty();
    assertThat(r.probabilityOfWaiting().agreesWith(slots.probabilityOfWaiting(), 2)).isTrue();
    assertThat(r.averageSpeedOfAnswer().agreesWith(slots.averageSpeedOfAnswer(400), 2)).isTrue();
    assertThat(r.occupancy().agreesWith(slots.occupancy(), 2)).isTrue();
  }

  @Test
  @DisplayName("with patience as long as the handle time counts clients as an M/M/∞ queue does")
  void abandonmentMatchesTheInfiniteServerQueue() {
    // When patience and handle time have the same exponential rate, every client in the system leaves
    // at that rate whether served or waiting: the number in the system is Poisson with mean A.
    int n = 10;
    double a = 12;
    SimulationResult r = simulate("--operators", "10", "--capacity", "1", "--arrivals-per-minute", "12",
        "--mean-handle-seconds", "60", "--hours", "2000", "--seed", "8", "--service-level-seconds", "30",
        "--abandon-mean-seconds", "60", "--strategy", "longest-idle");
    double p = Math.exp(-a);
    double belowN = 0;
    double busy = 0;
    for (int k = 0; k < n; k++) {
      belowN += p;
      busy += k * p;
      p *= a / (k + 1);
    }
    busy += n * (1 - belowN);
    double waitingMean = a - busy;

    assertThat(r.probabilityOfWaiting().agreesWith(1 - belowN, 2)).as("P(wait) %s", r.probabilityOfWaiting()).isTrue();
    assertThat(r.occupancy().agreesWith(busy / n, 2)).as("occupancy %s", r.occupancy()).isTrue();
    assertThat(r.abandonRate().agreesWith(waitingMean / a, 2)).as("abandonment %s", r.abandonRate()).isTrue();
  }

  @Test
  @DisplayName("gives the same JSON for the same seed, but for the CPU time")
  void isReproducible() {
    String[] args = {"--operators", "7", "--capacity", "2", "--arrivals-per-minute", "3", "--mean-handle-seconds", "250",
        "--hours", "50", "--seed", "99", "--service-level-seconds", "20", "--abandon-mean-seconds", "90", "--json"};

    JsonNode first = withoutCpu(CommandRun.simulate(args).out());
    JsonNode second = withoutCpu(CommandRun.simulate(args).out());
    args[11] = "100";
    JsonNode otherSeed = withoutCpu(CommandRun.simulate(args).out());

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed.get("pWait")).isNotEqualTo(first.get("pWait"));
  }

  @Test
  @DisplayName("prints one JSON object with the headline figures, their intervals and Erlang C")
  void printsJson() {
    CommandRun run = CommandRun.simulate(true, "--operators", "5", "--capacity", "1", "--arrivals-per-minute", "1",
        "--mean-handle-seconds", "240", "--hours", "100", "--seed", "3", "--service-level-seconds", "20", "--json");

    assertThat(run.status()).isZero();
    assertThat(run.out()).as("no progress bar in JSON mode").doesNotContain("\r");
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.isObject()).isTrue();
    for (String field : new String[] {"sessions", "pWait", "asaSeconds", "serviceLevel", "occupancy",
        "occupancyMaxOverMin", "abandonRate", "estimateMaeSeconds", "estimateWithin30s", "cpuSeconds",
        "callsPerCpuSecond"}) {
      assertThat(json.get(field)).as(field).isNotNull();
      assertThat(json.get(field).isNumber()).as(field).isTrue();
    }
    assertThat(json.get("erlangC").get("applies").asBoolean()).isTrue();
    assertThat(json.get("erlangC").get("pWait").asDouble()).isCloseTo(new ErlangC(5, 4).probabilityOfWaiting(), withinPercentage(0.001));
    assertThat(json.get("ci95").get("asaSeconds").get("halfWidth").asDouble()).isPositive();
    assertThat(json.get("stable").asBoolean()).isTrue();
    assertThat(json.get("engineEstimates").get("first").get("estimates").asLong()).isPositive();
    assertThat(json.get("engineEstimates").get("asTheQueueMoves").get("estimates").asLong()).isPositive();
  }

  @Test
  @DisplayName("measures the engine's wait estimates, and the engine's own check of them agrees")
  void estimateAccuracy() {
    SimulationResult r = simulate("--operators", "30", "--capacity", "1", "--arrivals-per-minute", "7",
        "--mean-handle-seconds", "240", "--hours", "50", "--seed", "8", "--service-level-seconds", "20");

    assertThat(r.engineEstimates().estimates()).as("clients who waited, and were told").isPositive();
    assertThat(r.engineEstimates().meanAbsoluteError().orElseThrow().toNanos() / 1e9)
        .isCloseTo(r.estimateError().value(), withinPercentage(0.001));
    assertThat(r.engineEstimates().shareWithinTolerance().orElseThrow())
        .isCloseTo(r.estimateWithinTolerance().value(), withinPercentage(0.001));
    assertThat(r.estimateError().value()).as("a busy queue's waits are told to within a minute").isLessThan(60);
    assertThat(r.engineAllEstimates().estimates()).as("one per place passed").isGreaterThan(r.engineEstimates().estimates());
  }

  @Test
  @DisplayName("prints a table beside Erlang C, and a progress bar only on a terminal")
  void printsTable() {
    String[] args = {"--operators", "5", "--capacity", "1", "--arrivals-per-minute", "1", "--mean-handle-seconds", "240",
        "--hours", "20", "--seed", "3", "--service-level-seconds", "20"};

    CommandRun piped = CommandRun.simulate(false, args);
    CommandRun terminal = CommandRun.simulate(true, args);

    assertThat(piped.status()).isZero();
    assertThat(piped.out()).doesNotContain("\r")
        .contains("probability of waiting", "average speed of answer (s)", "service level within 20 s", "occupancy",
            "occupancy spread (max/min)", "abandonment rate", "Erlang C", "million calls per CPU-second", "batch means");
    assertThat(terminal.out()).contains("\r");
  }

  @Test
  @DisplayName("with capacity above 1 says n/a in the Erlang C column")
  void saysNotApplicable() {
    CommandRun run = CommandRun.simulate("--operators", "3", "--capacity", "2", "--arrivals-per-minute", "1",
        "--mean-handle-seconds", "200", "--hours", "10", "--seed", "3", "--service-level-seconds", "20");

    assertThat(run.out()).contains("Erlang C (capacity 2 > 1)").contains("n/a");
  }

  @Test
  @DisplayName("runs an overloaded center without abandonment, and reports it unstable")
  void reportsUnstable() {
    String[] args = {"--operators", "2", "--capacity", "1", "--arrivals-per-minute", "3", "--mean-handle-seconds", "60",
        "--hours", "2", "--seed", "3", "--service-level-seconds", "20"};

    CommandRun table = CommandRun.simulate(args);
    CommandRun json = CommandRun.simulate(append(args, "--json"));

    assertThat(table.status()).isZero();
    assertThat(table.out()).contains("UNSTABLE");
    assertThat(json.status()).isZero();
    JsonNode node = JSON.readTree(json.out());
    assertThat(node.get("stable").asBoolean()).isFalse();
    assertThat(node.get("erlangC").get("applies").asBoolean()).isFalse();
    assertThat(json.err()).contains("unstable");
  }

  private static JsonNode withoutCpu(String json) {
    ObjectNode node = (ObjectNode) JSON.readTree(json);
    node.remove("cpuSeconds");
    node.remove("callsPerCpuSecond");
    return node;
  }

  private static String[] append(String[] args, String more) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
