package dev.parley.examples.simulate;

import dev.parley.examples.BadOptionException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * The {@code simulate} command: reads the options, runs the {@link Simulator}, and prints a table
 * (or, with {@code --json}, one JSON object), optionally writing an HTML report.
 *
 * <pre>{@code
 * java -jar parley-examples.jar simulate --operators 55 --capacity 1 --arrivals-per-minute 12 \
 *     --mean-handle-seconds 240 --hours 1000 --seed 1 --service-level-seconds 20
 * }</pre>
 *
 * <p>Thread safety: stateless; each call runs on the caller's thread.
 */
public final class SimulateCommand {
  /** The synopsis printed with every option error. */
  public static final String USAGE =
      "usage: java -jar parley-examples.jar simulate --operators N --capacity C --arrivals-per-minute X\n"
          + "         --mean-handle-seconds Y --hours H --seed S --service-level-seconds T\n"
          + "         [--warmup-hours W] [--strategy by-utilization|longest-idle|round-robin]\n"
          + "         [--abandon-mean-seconds P] [--report report.html] [--json] [--no-statistics]";

  private static final String HELP = USAGE + "\n\n"
      + "Simulates one queue at virtual time through the engine's routing core: N operators online, each\n"
      + "taking up to C web chats at once; Poisson arrivals at X per minute; exponential handle times of\n"
      + "mean Y seconds; optionally exponential patience of mean P seconds. Measures H hours after a warm-up\n"
      + "of W hours (default H/10) and prints each figure with its 95 % confidence interval beside Erlang C,\n"
      + "and how far the engine's wait estimates, told to each waiting client on arrival and as the queue\n"
      + "moves, were from the waits that followed (mean absolute error, share within ±30 s).\n"
      + "--no-statistics leaves the engine's live statistics out, as a host does with\n"
      + "Parley.builder().noStatistics(): no estimates are told or checked (those rows say n/a), and the\n"
      + "routing alone is timed.\n"
      + "Exit status: 0 done, 1 the report could not be written, 2 bad options.\n";

  private SimulateCommand() {}

  /**
   * Runs the command.
   *
   * @param args the options, after the word {@code simulate}
   * @param out where the table or the JSON goes, and the progress bar when {@code terminal}
   * @param err where errors go
   * @param terminal whether {@code out} is a terminal, so that a progress bar may be drawn on it
   * @return the exit status: 0 done, 1 the report could not be written, 2 bad options
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      out.print(HELP);
      return 0;
    }
    SimulationOptions options;
    try {
      options = SimulationOptions.parse(args);
    } catch (BadOptionException e) {
      err.println("simulate: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ProgressBar bar = terminal && !options.json() ? new ProgressBar(out) : null;
    DoubleConsumer progress = bar == null ? fraction -> {} : bar::update;
    SimulationResult result = new Simulator(options).run(progress);
    if (bar != null) {
      bar.finish();
    }
    if (options.report().isPresent()) {
      Path file = options.report().get();
      try {
        HtmlReport.write(file, result);
      } catch (IOException e) {
        err.println("simulate: cannot write the report to " + file + ": " + e);
        return 1;
      }
    }
    if (options.json()) {
      if (!options.stable()) {
        err.println("simulate: unstable: the offered load is at or above the slots and nobody abandons");
      }
      out.println(JsonResult.render(result));
    } else {
      out.print(ResultTable.render(result));
      options.report().ifPresent(file -> out.println("Report written to " + file));
    }
    out.flush();
    return 0;
  }
}
