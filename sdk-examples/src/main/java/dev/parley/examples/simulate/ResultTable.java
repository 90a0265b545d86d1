package dev.parley.examples.simulate;

import dev.parley.core.stats.EstimateAccuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The human-readable result: what was simulated, then one row per figure with its 95 % confidence
 * interval beside the Erlang C value of the same inputs ("n/a" where Erlang C does not apply), then
 * the speed of the run.
 *
 * <p>Thread safety: stateless.
 */
final class ResultTable {
  private ResultTable() {}

  /** The table for {@code result}, lines separated by {@code \n}. */
  static String render(SimulationResult result) {
    SimulationOptions o = result.options();
    double aht = o.meanHandleSeconds();
    StringBuilder out = new StringBuilder();
    out.append("Simulated ").append(o.operators()).append(" operators x capacity ").append(o.capacity())
        .append(" on web chat, ").append(o.strategyName()).append("; ")
        .append(Figures.plain(o.arrivalsPerMinute())).append(" arrivals/min, mean handle ")
        .append(Figures.plain(aht)).append(" s");
    out.append(o.abandons() ? ", mean patience " + Figures.plain(o.abandonMeanSeconds()) + " s" : ", no abandonment");
    out.append('\n');
    out.append("Offered load ").append(Figures.fixed(o.offeredLoad(), 2)).append(" Erlangs on ")
        .append(o.slots()).append(" slots; measured ").append(Figures.plain(o.hours())).append(" h after ")
        .append(Figures.plain(o.warmupHours())).append(" h warm-up; seed ").append(o.seed()).append('\n');
    if (!o.stable()) {
      out.append("UNSTABLE: the offered load is at or above the slots and nobody abandons, so the queue grows\n")
          .append("without bound; the waiting figures below grow with --hours and describe no steady state.\n");
    }
    out.append('\n');
    List<String[]> rows = rows(result);
    int[] widths = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      out.append(pad(r[0], widths[0], false)).append("  ")
          .append(pad(r[1], widths[1], true)).append("  ")
          .append(pad(r[2], widths[2], false)).append("  ")
          .append(pad(r[3], widths[3], true).stripTrailing()).append('\n');
    }
    out.append('\n');
    out.append("CPU ").append(Figures.fixed(result.cpuSeconds(), 3)).append(" s for ")
        .append(Figures.count(result.callsSimulated())).append(" calls: ")
        .append(Figures.fixed(result.callsPerCpuSecond() / 1e6, 2)).append(" million calls per CPU-second\n");
    out.append("95 % CI: batch means over ").append(Batches.COUNT)
        .append(" equal batches of the measured window, Student t with ").append(Batches.COUNT - 1)
        .append(" degrees of freedom (the spread: jackknife over the same batches).\n");
    return out.toString();
  }

  /** The header row, then one row per figure: name, simulated value, 95 % CI, Erlang C value. */
  static List<String[]> rows(SimulationResult result) {
    SimulationOptions o = result.options();
    Optional<ErlangC> erlang = result.erlangC();
    double aht = o.meanHandleSeconds();
    String t = Figures.plain(o.serviceLevelSeconds());
    String model = erlang.isPresent() ? "Erlang C" : "Erlang C (" + o.whyNotErlangC().orElse("") + ")";
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "simulated", "95 % CI", model});
    rows.add(new String[] {"sessions", Figures.count(result.sessions()), "",
        erlang.isPresent()
            ? Figures.count(Math.round(o.arrivalsPerSecond() * o.hours() * 3600)) + " expected"
            : "n/a"});
    rows.add(row("probability of waiting", result.probabilityOfWaiting(), 4,
        erlang.map(ErlangC::probabilityOfWaiting)));
    rows.add(row("average speed of answer (s)", result.averageSpeedOfAnswer(), 2,
        erlang.map(e -> e.averageSpeedOfAnswer(aht))));
    rows.add(row("service level within " + t + " s", result.serviceLevel(), 4,
        erlang.map(e -> e.serviceLevel(o.serviceLevelSeconds(), aht))));
    rows.add(row("occupancy", result.occupancy(), 4, erlang.map(ErlangC::occupancy)));
    rows.add(row("occupancy spread (max/min)", result.occupancySpread(), 3, Optional.empty()));
    rows.add(row("abandonment rate", result.abandonRate(), 4, erlang.map(e -> 0.0)));
    rows.add(row("wait estimate: mean abs. error (s)", result.estimateError(), 2, Optional.empty()));
    rows.add(row("wait estimate within ±30 s", result.estimateWithinTolerance(), 4, Optional.empty()));
    // Checked by the engine's statistics alone, over the whole window: no interval.
    EstimateAccuracy all = result.engineAllEstimates();
    double error = all.meanAbsoluteError().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    rows.add(row("estimates as the queue moves: error (s)", new Estimate(error, Double.NaN), 2, Optional.empty()));
    rows.add(row("estimates as the queue moves: ±30 s",
        new Estimate(all.shareWithinTolerance().orElse(Double.NaN), Double.NaN), 4, Optional.empty()));
    return rows;
  }

  private static String[] row(String name, Estimate e, int decimals, Optional<Double> model) {
    String ci = Double.isNaN(e.halfWidth()) ? "n/a" : "± " + Figures.fixed(e.halfWidth(), decimals);
    String modelled = model.map(x -> Figures.fixed(x, decimals)).orElse("n/a");
    return new String[] {name, Figures.fixed(e.value(), decimals), ci, modelled};
  }

  private static String pad(String s, int width, boolean right) {
    String space = " ".repeat(Math.max(0, width - s.length()));
    return right ? space + s : s + space;
  }
}
