package dev.parley.examples.simulate;

import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.examples.BadOptionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to simulate: the staffing, the traffic, the run length and what to print. {@link
 * #parse(String[])} reads them from the command line; the constructor checks every value and names
 * the option of a bad one.
 *
 * <pre>{@code
 * SimulationOptions options = SimulationOptions.parse(new String[] {
 *     "--operators", "55", "--capacity", "1", "--arrivals-per-minute", "12",
 *     "--mean-handle-seconds", "240", "--hours", "100", "--seed", "1",
 *     "--service-level-seconds", "20"});
 * options.offeredLoad(); // 48 Erlangs
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param operators operators online, each a member of the one group
 * @param capacity sessions each operator takes at once
 * @param arrivalsPerMinute the mean rate of the Poisson arrivals
 * @param meanHandleSeconds the mean of the exponential handle time, whatever the operator's load
 * @param hours the measured run, after the warm-up
 * @param seed seeds every random draw: the same seed gives the same figures
 * @param serviceLevelSeconds the service-level threshold T
 * @param warmupHours the run before measuring starts, from an empty center
 * @param strategy how the group picks an operator
 * @param abandonMeanSeconds the mean of the clients' exponential patience; infinite when nobody
 *     abandons
 * @param report where to write the HTML report, if anywhere
 * @param json whether to print one JSON object instead of a table
 * @param statistics whether the engine's live statistics hear the run, and tell and check the
 *     clients' wait estimates; without them only the routing runs, as under {@code noStatistics()}
 */
public record SimulationOptions(
    int operators,
    int capacity,
    double arrivalsPerMinute,
    double meanHandleSeconds,
    double hours,
    long seed,
    double serviceLevelSeconds,
    double warmupHours,
    RoutingStrategy strategy,
    double abandonMeanSeconds,
    Optional<Path> report,
    boolean json,
    boolean statistics) {

  /** The most operators a simulation takes. */
  public static final int MAX_OPERATORS = 10_000;
  /** The longest run, and the longest warm-up, in hours (about 11 years of virtual time). */
  public static final double MAX_HOURS = 100_000;
  /** The longest mean handle time and mean patience, in seconds: a year. */
  public static final double MAX_MEAN_SECONDS = 365 * 24 * 3600;

  /** The strategies the simulator offers, by their command-line names. */
  static final Map<String, RoutingStrategy> STRATEGIES = strategies();

  /** Checks every value; a bad one is reported under its option's name. */
  public SimulationOptions {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(report, "report");
    if (operators < 1 || operators > MAX_OPERATORS) {
      throw new BadOptionException("--operators must be 1 to " + MAX_OPERATORS + ", not " + operators);
    }
    if (capacity < 1 || capacity > OperatorSpec.MAX_CAPACITY) {
      throw new BadOptionException("--capacity must be 1 to " + OperatorSpec.MAX_CAPACITY + ", not " + capacity);
    }
    positive("--arrivals-per-minute", arrivalsPerMinute);
    positive("--mean-handle-seconds", meanHandleSeconds);
    atMost("--mean-handle-seconds", meanHandleSeconds, MAX_MEAN_SECONDS);
    positive("--hours", hours);
    atMost("--hours", hours, MAX_HOURS);
    if (seed < 0) {
      throw new BadOptionException("--seed must be 0 or more, not " + seed);
    }
    notNegative("--service-level-seconds", serviceLevelSeconds);
    notNegative("--warmup-hours", warmupHours);
    atMost("--warmup-hours", warmupHours, MAX_HOURS);
    if (!(abandonMeanSeconds > 0)) {
      throw new BadOptionException("--abandon-mean-seconds must be more than 0, not " + format(abandonMeanSeconds));
    }
    if (Double.isFinite(abandonMeanSeconds)) {
      atMost("--abandon-mean-seconds", abandonMeanSeconds, MAX_MEAN_SECONDS);
    }
    if (!STRATEGIES.containsValue(strategy)) {
      throw new BadOptionException("--strategy must be one of " + STRATEGIES.keySet() + ", not " + strategy);
    }
  }

  /**
   * Reads the options of the {@code simulate} command: {@code --name value} or {@code --name=value},
   * in any order, each at most once.
   *
   * @throws BadOptionException naming the first option that is unknown, missing, given twice,
   *     malformed or out of range
   */
  public static SimulationOptions parse(String[] args) {
    return OptionParser.parse(args);
  }

  private static Map<String, RoutingStrategy> strategies() {
    Map<String, RoutingStrategy> byName = new LinkedHashMap<>();
    byName.put("by-utilization", RoutingStrategy.BY_UTILIZATION);
    byName.put("longest-idle", RoutingStrategy.LONGEST_IDLE);
    byName.put("round-robin", RoutingStrategy.ROUND_ROBIN);
    return Collections.unmodifiableMap(byName);
  }

  /** The warm-up when none is given: a tenth of the measured run. */
  static double defaultWarmup(double hours) {
    return hours > 0 ? hours / 10 : 0;
  }

  /** The option's command-line name of the strategy. */
  public String strategyName() {
    for (Map.Entry<String, RoutingStrategy> e : STRATEGIES.entrySet()) {
      if (e.getValue() == strategy) {
        return e.getKey();
      }
    }
    throw new AssertionError(strategy);
  }

  /**
   * The command-line arguments that give these options, every one spelled out (the warm-up and the
   * strategy too), so that a run can be repeated exactly.
   */
  public List<String> toArguments() {
    List<String> args = new ArrayList<>(List.of(
        "--operators", Integer.toString(operators),
        "--capacity", Integer.toString(capacity),
        "--arrivals-per-minute", format(arrivalsPerMinute),
        "--mean-handle-seconds", format(meanHandleSeconds),
        "--hours", format(hours),
        "--seed", Long.toString(seed),
        "--service-level-seconds", format(serviceLevelSeconds),
        "--warmup-hours", format(warmupHours),
        "--strategy", strategyName()));
    if (abandons()) {
      args.add("--abandon-mean-seconds");
      args.add(format(abandonMeanSeconds));
    }
    report.ifPresent(path -> {
      args.add("--report");
      args.add(path.toString());
    });
    if (json) {
      args.add("--json");
    }
    return args;
  }

  /** Whether clients abandon when their patience runs out. */
  public boolean abandons() {
    return Double.isFinite(abandonMeanSeconds);
  }

  /** Arrivals per second, λ. */
  public double arrivalsPerSecond() {
    return arrivalsPerMinute / 60;
  }

  /** The offered load A = λ × mean handle time, in Erlangs. */
  public double offeredLoad() {
    return arrivalsPerSecond() * meanHandleSeconds;
  }

  /** Sessions that can be served at once: operators × capacity. */
  public int slots() {
    return operators * capacity;
  }

  /**
   * Whether the queue has a steady state: someone abandons, or the offered load is below the
   * slots. An unstable queue grows without bound, and its figures depend on the run's length.
   */
  public boolean stable() {
    return abandons() || offeredLoad() < slots();
  }

  /**
   * Whether Erlang C describes this center: one session per operator, nobody abandons, and the
   * queue is stable.
   */
  public boolean erlangCApplies() {
    return capacity == 1 && !abandons() && offeredLoad() < operators;
  }

  /** Why Erlang C does not describe this center; empty when it does. */
  public Optional<String> whyNotErlangC() {
    if (capacity != 1) {
      return Optional.of("capacity " + capacity + " > 1");
    }
    if (abandons()) {
      return Optional.of("clients abandon");
    }
    if (offeredLoad() >= operators) {
      return Optional.of("unstable: A >= N");
    }
    return Optional.empty();
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new BadOptionException(name + " must be more than 0, not " + format(value));
    }
  }

  private static void notNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new BadOptionException(name + " must be 0 or more, not " + format(value));
    }
  }

  private static void atMost(String name, double value, double max) {
    if (value > max) {
      throw new BadOptionException(name + " must be at most " + format(max) + ", not " + format(value));
    }
  }

  /** The shortest text that reads back as {@code value}. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
