package dev.parley.examples.simulate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private static final List<String> OPTIONAL =
      List.of("--warmup-hours", "--strategy", "--abandon-mean-seconds", "--report");

  private OptionParser() {}

  /** See {@link SimulationOptions#parse}. */
  static SimulationOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new BadOptionException("unexpected argument '" + arg + "': options start with --");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      if (name.equals("--json")) {
        if (value != null) {
          throw new BadOptionException("--json takes no value, not '" + value + "'");
        }
        if (json) {
          throw new BadOptionException("--json is given twice");
        }
        json = true;
        continue;
      }
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        throw new BadOptionException("unknown option " + name);
      }
      if (value == null) {
        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
          throw new BadOptionException(name + " needs a value");
        }
        value = args[++i];
      }
      if (values.put(name, value) != null) {
        throw new BadOptionException(name + " is given twice");
      }
    }
    for (String name : REQUIRED) {
      if (!values.containsKey(name)) {
        throw new BadOptionException("missing required option " + name);
      }
    }
    double hours = number("--hours", values.get("--hours"));
    String warmup = values.get("--warmup-hours");
    String strategy = values.getOrDefault("--strategy", "by-utilization");
    if (!SimulationOptions.STRATEGIES.containsKey(strategy)) {
      throw new BadOptionException(
          "--strategy must be one of " + SimulationOptions.STRATEGIES.keySet() + ", not '" + strategy + "'");
    }
    String patience = values.get("--abandon-mean-seconds");
    String report = values.get("--report");
    if (report != null && report.isBlank()) {
      throw new BadOptionException("--report needs a file name");
    }
    return new SimulationOptions(
        whole("--operators", values.get("--operators")),
        whole("--capacity", values.get("--capacity")),
        number("--arrivals-per-minute", values.get("--arrivals-per-minute")),
        number("--mean-handle-seconds", values.get("--mean-handle-seconds")),
        hours,
        seed(values.get("--seed")),
        number("--service-level-seconds", values.get("--service-level-seconds")),
        warmup == null ? SimulationOptions.defaultWarmup(hours) : number("--warmup-hours", warmup),
        SimulationOptions.STRATEGIES.get(strategy),
        patience == null ? Double.POSITIVE_INFINITY : number("--abandon-mean-seconds", patience),
        report == null ? Optional.empty() : Optional.of(Path.of(report)),
        json);
  }

  private static int whole(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadOptionException(name + " must be a whole number, not '" + value + "'");
    }
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
