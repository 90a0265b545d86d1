package dev.parley.examples.simulate;

import dev.parley.examples.BadOptionException;
import dev.parley.examples.CommandLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the {@code simulate} command line into {@link SimulationOptions}: the syntax (known names,
 * values present, numbers well formed, nothing twice, nothing required missing). The ranges are
 * the options' own checks.
 *
 * <p>Thread safety: stateless.
 */
final class OptionParser {
  private static final List<String> REQUIRED = List.of(
      "--operators", "--capacity", "--arrivals-per-minute", "--mean-handle-seconds", "--hours", "--seed",
      "--service-level-seconds");
  private static final Set<String> OPTIONS = Stream.concat(REQUIRED.stream(),
      Stream.of("--warmup-hours", "--strategy", "--abandon-mean-seconds", "--report")).collect(Collectors.toSet());

  private OptionParser() {}

  /** See {@link SimulationOptions#parse}. */
  static SimulationOptions parse(String[] args) {
    CommandLine line = CommandLine.read(args, OPTIONS, Set.of("--json", "--no-statistics"));
    for (String name : REQUIRED) {
      line.required(name);
    }
    double hours = number("--hours", line.required("--hours"));
    String warmup = line.value("--warmup-hours").orElse(null);
    String strategy = line.value("--strategy").orElse("by-utilization");
    if (!SimulationOptions.STRATEGIES.containsKey(strategy)) {
      throw new BadOptionException(
          "--strategy must be one of " + SimulationOptions.STRATEGIES.keySet() + ", not '" + strategy + "'");
    }
    String patience = line.value("--abandon-mean-seconds").orElse(null);
    String report = line.value("--report").orElse(null);
    if (report != null && report.isBlank()) {
      throw new BadOptionException("--report needs a file name");
    }
    return new SimulationOptions(
        CommandLine.whole("--operators", line.required("--operators")),
        CommandLine.whole("--capacity", line.required("--capacity")),
        number("--arrivals-per-minute", line.required("--arrivals-per-minute")),
        number("--mean-handle-seconds", line.required("--mean-handle-seconds")),
        hours,
        seed(line.required("--seed")),
        number("--service-level-seconds", line.required("--service-level-seconds")),
        warmup == null ? SimulationOptions.defaultWarmup(hours) : number("--warmup-hours", warmup),
        SimulationOptions.STRATEGIES.get(strategy),
        patience == null ? Double.POSITIVE_INFINITY : number("--abandon-mean-seconds", patience),
        report == null ? Optional.empty() : Optional.of(Path.of(report)),
        line.flag("--json"),
        !line.flag("--no-statistics"));
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new BadOptionException("--seed must be a whole number, not '" + value + "'");
    }
  }

  private static double number(String name, String value) {
    String v = value.strip();
    // parseDouble also takes "NaN", "Infinity", hexadecimal and a trailing d or f; a user means none of them.
    if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new BadOptionException(name + " must be a number, not '" + value + "'");
    }
    double d = Double.parseDouble(v);
    if (Double.isInfinite(d)) {
      throw new BadOptionException(name + " is too large: " + value);
    }
    return d;
  }
}
