package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.RoutingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The simulate command's options")
class SimulationOptionsTest {
  private static final List<String> REQUIRED = List.of(
      "--operators", "5", "--capacity", "2", "--arrivals-per-minute", "1.5", "--mean-handle-seconds", "240",
      "--hours", "10", "--seed", "42", "--service-level-seconds", "20");

  @Test
  @DisplayName("default to a tenth of the run as warm-up, by utilization, and nobody abandoning")
  void defaults() {
    SimulationOptions o = SimulationOptions.parse(REQUIRED.toArray(String[]::new));

    assertThat(o.operators()).isEqualTo(5);
    assertThat(o.capacity()).isEqualTo(2);
    assertThat(o.arrivalsPerMinute()).isEqualTo(1.5);
    assertThat(o.warmupHours()).isEqualTo(1.0);
    assertThat(o.strategy()).isEqualTo(RoutingStrategy.BY_UTILIZATION);
    assertThat(o.abandons()).isFalse();
    assertThat(o.report()).isEmpty();
    assertThat(o.json()).isFalse();
    assertThat(o.offeredLoad()).isEqualTo(6.0);
  }

  @Test
  @DisplayName("take --name=value as well, and spell themselves out again to repeat a run")
  void roundTrip() {
    SimulationOptions o = SimulationOptions.parse(with("--strategy=longest-idle", "--warmup-hours", "0",
        "--abandon-mean-seconds", "75.5", "--report", "out.html", "--json"));

    assertThat(o.strategy()).isEqualTo(RoutingStrategy.LONGEST_IDLE);
    assertThat(o.warmupHours()).isZero();
    assertThat(o.abandonMeanSeconds()).isEqualTo(75.5);
    assertThat(SimulationOptions.parse(o.toArguments().toArray(String[]::new))).isEqualTo(o);
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"--operators", "--capacity", "--arrivals-per-minute", "--mean-handle-seconds", "--hours",
      "--seed", "--service-level-seconds"})
  @DisplayName("name a missing required option, and exit with status 2")
  void missing(String option) {
    List<String> args = new ArrayList<>(REQUIRED);
    int i = args.indexOf(option);
    args.remove(i + 1);
    args.remove(i);

    assertRefused(args.toArray(String[]::new), "missing required option " + option);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "--operators             | abc       | --operators must be a whole number, not 'abc'",
    "--operators             | 2.5       | --operators must be a whole number, not '2.5'",
    "--operators             | 0         | --operators must be 1 to 10000, not 0",
    "--operators             | -3        | --operators must be 1 to 10000, not -3",
    "--capacity              | 101       | --capacity must be 1 to 100, not 101",
    "--arrivals-per-minute   | ten       | --arrivals-per-minute must be a number, not 'ten'",
    "--arrivals-per-minute   | 0         | --arrivals-per-minute must be more than 0, not 0",
    "--mean-handle-seconds   | -240      | --mean-handle-seconds must be more than 0, not -240",
    "--hours                 | NaN       | --hours must be a number, not 'NaN'",
    "--hours                 | Infinity  | --hours must be a number, not 'Infinity'",
    "--hours                 | -1        | --hours must be more than 0, not -1",
    "--hours                 | 1e9       | --hours must be at most 100000",
    "--seed                  | x1        | --seed must be a whole number, not 'x1'",
    "--seed                  | -1        | --seed must be 0 or more, not -1",
    "--service-level-seconds | -20       | --service-level-seconds must be 0 or more, not -20",
    "--warmup-hours          | -1        | --warmup-hours must be 0 or more, not -1",
    "--abandon-mean-seconds  | 0         | --abandon-mean-seconds must be more than 0, not 0",
    "--strategy              | fastest   | --strategy must be one of [by-utilization, longest-idle, round-robin], not 'fastest'",
  })
  @DisplayName("name a bad value's option, and exit with status 2")
  void badValue(String option, String value, String message) {
    List<String> args = new ArrayList<>(REQUIRED);
    int i = args.indexOf(option);
    if (i >= 0) {
      args.set(i + 1, value);
    } else {
      args.add(option);
      args.add(value);
    }

    assertRefused(args.toArray(String[]::new), message);
  }

  @Test
  @DisplayName("refuse unknown, repeated, valueless and stray arguments by name")
  void malformed() {
    assertRefused(with("--colour", "red"), "unknown option --colour");
    assertRefused(with("--seed", "7"), "--seed is given twice");
    assertRefused(with("--json", "--json"), "--json is given twice");
    assertRefused(with("--json=yes"), "--json takes no value, not 'yes'");
    assertRefused(with("--report"), "--report needs a value");
    assertRefused(with("--warmup-hours", "--json"), "--warmup-hours needs a value");
    assertRefused(with("extra"), "unexpected argument 'extra'");
  }

  @Test
  @DisplayName("print the usage on --help and exit with status 0")
  void help() {
    CommandRun run = CommandRun.simulate("--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--operators N", "--abandon-mean-seconds P");
  }

  private static String[] with(String... more) {
    List<String> args = new ArrayList<>(REQUIRED);
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  private static void assertRefused(String[] args, String message) {
    CommandRun run = CommandRun.simulate(args);

    assertThat(run.status()).as("exit status").isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message).contains("usage:").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
