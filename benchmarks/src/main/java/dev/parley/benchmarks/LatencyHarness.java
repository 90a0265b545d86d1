package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * An open-loop latency test of the threaded runtime shell ({@link dev.parley.core.Parley}, not
 * same-thread mode): commands go to one tenant at a fixed rate whatever the engine does, and each
 * command's latency is the time from its send to the moment a listener receives its first event
 * ({@code SessionQueued} of an arrival, {@code SessionEnded} of an end). The workload is {@link
 * ShellBenchmark}'s, in {@link ShellTarget}: 1,000 sessions in service; the commands alternate
 * between an arrival and the end of the session that arrived 1,000 arrivals earlier.
 *
 * <p>Latency is measured from each command's <em>intended</em> send time (start + k / rate), so a
 * stall that delays later sends (a full queue, a GC pause, the sender descheduled) counts against
 * every command it delayed: coordinated omission is corrected. The latency from the actual {@code
 * submit} is shown beside it. Before the shell, the same sends go for the same time through a
 * {@linkplain HandoffTarget bare JDK hand-off} of the same shape with no engine: the floor the
 * machine sets, to read the shell's figures against.
 *
 * <p>The run is bounded: {@code rate × (warmup + seconds)} commands per target, the warm-up's not
 * recorded; a target gives up when its sends fall behind by the planned duration plus 10 s, or its
 * answers are not all in 30 s after the last send. It prints the percentiles as Markdown and
 * writes the shell's corrected histogram (in microseconds) as an {@code .hgrm} file; it exits with
 * status 1 when a target gave up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.LatencyHarness --rate 100000 --seconds 10
 * </pre>
 *
 * Further options: {@code --warmup SECONDS} (default 2), {@code --pace spin|park} (default spin,
 * see {@link Pace}) and {@code --hgrm FILE} (default {@code latency-RATE.hgrm}). {@code
 * benchmarks/run} adds the JMH forks' heap flags ({@code -Xms3g -Xmx3g -Xmn256m
 * -XX:+AlwaysPreTouch}).
 */
public final class LatencyHarness {
  static final int IN_SERVICE = 1_000;
  static final GroupId GROUP = GroupId.of("g");
  static final Entry ENTRY = Entry.builder(Channel.WEB_CHAT).group(GROUP).build();
  /** The most commands one run may plan, so that the send stamps stay within a few hundred MB. */
  static final long MAX_COMMANDS = 50_000_000;
  private static final long GOAL_P99_NANOS = 20_000;
  private static final int GOAL_RATE = 100_000;

  private LatencyHarness() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Flags flags;
    Report report;
    try {
      flags = Flags.parse(args, List.of("--rate", "--seconds", "--warmup", "--pace", "--hgrm"));
      report = run(flags.number("--rate", 1, GOAL_RATE), flags.number("--seconds", 1, 10),
          flags.number("--warmup", 0, 2), Pace.named(flags.text("--pace", "spin")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: LatencyHarness [--rate COMMANDS_PER_SECOND] [--seconds N] [--warmup N] "
          + "[--pace spin|park] [--hgrm FILE]");
      System.exit(2);
      return;
    }
    Path hgrm = Path.of(flags.text("--hgrm", "latency-" + report.rate() + ".hgrm"));
    report.writeHistogram(hgrm);
    System.out.print(report.markdown(hgrm));
    if (report.shell().failure() != null || report.baseline().failure() != null) {
      System.exit(1);
    }
  }

  /** The latencies of one target, in nanoseconds; why it stopped short, if it did; the CPU it took. */
  record Measurement(Histogram fromIntended, Histogram fromSubmit, double processCores, double senderCores,
      String failure) {}

  /** What one run measured. */
  record Report(int rate, int seconds, int warmup, Pace pace, Measurement shell, Measurement baseline) {
    void writeHistogram(Path file) throws IOException {
      try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
        shell.fromIntended().outputPercentileDistribution(out, 1_000.0);
      }
    }

    String markdown(Path hgrm) {
      StringBuilder md = new StringBuilder("## Shell latency, open loop (LatencyHarness)\n\n");
      md.append(String.format(Locale.ROOT, "Submit → first event at the listener: %,d commands/s for %d s after %d s "
              + "of warm-up, one partition, %,d operators, the sender's pace %s. The baseline sends the same "
              + "commands through a bare JDK hand-off of the same shape, with no engine. Histogram: `%s`.%n%n",
          rate, seconds, warmup, ShellTarget.OPERATORS, pace.name().toLowerCase(Locale.ROOT), hgrm));
      md.append("| target | measured from | commands | p50 µs | p99 µs | p99.9 µs | max µs | CPU cores (sender's) |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
      row(md, "Parley shell", "intended send (corrected)", shell.fromIntended(), shell);
      row(md, "Parley shell", "actual submit", shell.fromSubmit(), null);
      row(md, "JDK hand-off baseline", "intended send (corrected)", baseline.fromIntended(), baseline);
      long p99 = shell.fromIntended().getValueAtPercentile(99);
      md.append(String.format(Locale.ROOT, "%nShell / baseline at p99 (same run): %.1f×. ",
          p99 / (double) Math.max(1, baseline.fromIntended().getValueAtPercentile(99))));
      md.append(String.format(Locale.ROOT, "Goal p99 ≤ %d µs at %,d commands/s: %s.%n", GOAL_P99_NANOS / 1_000,
          GOAL_RATE, rate < GOAL_RATE ? "not measured, this run's rate is lower"
              : p99 <= GOAL_P99_NANOS ? "met" : "**not met**"));
      for (Measurement m : List.of(shell, baseline)) {
        if (m.failure() != null) {
          md.append("\n**").append(m == shell ? "The shell" : "The baseline").append(" stopped short:** ")
              .append(m.failure()).append('\n');
        }
      }
      return md.toString();
    }

    private static void row(StringBuilder md, String target, String from, Histogram h, Measurement cpu) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %.1f | %s |%n", target, from,
          h.getTotalCount(), h.getValueAtPercentile(50) / 1_000.0, h.getValueAtPercentile(99) / 1_000.0,
          h.getValueAtPercentile(99.9) / 1_000.0, h.getMaxValue() / 1_000.0,
          cpu == null ? "" : String.format(Locale.ROOT, "%.2f (%.2f)", cpu.processCores(), cpu.senderCores())));
    }
  }

  /**
   * Runs the test: for the baseline, then for the shell, {@code rate} commands per second for
   * {@code warmup} seconds unrecorded, then {@code seconds} seconds recorded.
   */
  static Report run(int rate, int seconds, int warmup, Pace pace) throws InterruptedException {
    long total = (long) rate * (warmup + seconds);
    if (total > MAX_COMMANDS) {
      throw new IllegalArgumentException(
          "rate × (warmup + seconds) is " + total + " commands; at most " + MAX_COMMANDS + " per run");
    }
    Measurement baseline = measure(HandoffTarget::new, rate, (int) total, (long) rate * warmup, pace);
    System.gc(); // the baseline's garbage is not the shell's
    Measurement shell = measure(ShellTarget::new, rate, (int) total, (long) rate * warmup, pace);
    return new Report(rate, seconds, warmup, pace, shell, baseline);
  }

  private static Measurement measure(Function<LatencyProbe, LoadTarget> targets, int rate, int total, long unrecorded,
      Pace pace) throws InterruptedException {
    LatencyProbe probe = new LatencyProbe(rate, total, unrecorded);
    CpuMeter cpu = new CpuMeter();
    String failure = null;
    int sent = 0;
    try (LoadTarget target = targets.apply(probe)) {
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
      long giveUp = start + 2 * (total * 1_000_000_000L / rate) + TimeUnit.SECONDS.toNanos(10);
      probe.start = start;
      for (; sent < total; sent++) {
        if (sent == unrecorded) {
          cpu.start();
        }
        Command command = command(sent);
        if (pace.await(probe.intended(sent)) > giveUp) {
          failure = String.format(Locale.ROOT, "the sends fell behind; gave up after %,d of %,d commands", sent, total);
          break;
        }
        probe.sentAt[sent] = System.nanoTime();
        target.send(sent, command);
      }
      cpu.stop();
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (probe.seen.get() < sent && System.nanoTime() < waitUntil) {
        Thread.sleep(10);
      }
      if (failure == null && probe.seen.get() < sent) {
        failure = String.format(Locale.ROOT, "%,d of %,d commands were never answered", sent - probe.seen.get(), sent);
      }
    }
    return new Measurement(probe.fromIntended, probe.fromSubmit, cpu.processCores(), cpu.threadCores(), failure);
  }

  /**
   * Command {@code k}: an even one is the arrival of session {@code IN_SERVICE + k / 2}, an odd one
   * the end of session {@code k / 2}, so that {@code IN_SERVICE} sessions stay in service.
   */
  static Command command(long k) {
    return k % 2 == 0
        ? new Command.Arrive(sessionId(IN_SERVICE + k / 2), ENTRY)
        : new Command.End(sessionId(k / 2), Actor.CLIENT);
  }

  /** The index of the command whose first event {@code event} is, or -1 when it is none's. */
  static long commandAnswered(Event event) {
    if (event instanceof Event.SessionQueued) {
      long m = Long.parseLong(((Event.SessionQueued) event).session().value());
      return m < IN_SERVICE ? -1 : 2 * (m - IN_SERVICE); // below: put in service before the start
    }
    if (event instanceof Event.SessionEnded) {
      return 2 * Long.parseLong(((Event.SessionEnded) event).session().value()) + 1;
    }
    return -1;
  }

  /** Session m's id is m in decimal, so that a listener can tell which command an event answers. */
  static SessionId sessionId(long m) {
    return SessionId.of(Long.toString(m));
  }
}
