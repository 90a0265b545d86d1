package dev.parley.examples.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --report} page: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched) with the inputs, the result table and three charts: the distribution of waits, the
 * queue length over the run, and each operator's occupancy. Every text put in it is escaped.
 *
 * <p>Thread safety: stateless.
 */
final class HtmlReport {
  /** At most this many bars in the waiting-time histogram. */
  private static final int MAX_BARS = 60;

  private HtmlReport() {}

  /** Writes the page for {@code result} to {@code file}, replacing it. */
  static void write(Path file, SimulationResult result) throws IOException {
    Files.writeString(file, render(result), StandardCharsets.UTF_8);
  }

  /** The page for {@code result}. */
  static String render(SimulationResult result) {
    SimulationOptions o = result.options();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Parley simulation: ").append(o.operators()).append(" operators, ")
        .append(Markup.escape(Figures.fixed(o.offeredLoad(), 2))).append(" Erlangs</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:800px;color:#222}")
        .append("table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #ddd}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}code{word-break:break-all}")
        .append("figure{margin:2em 0}figcaption{color:#555;font-size:90%}")
        .append(".warn{color:#b00;font-weight:bold}</style>\n")
        .append("</head>\n<body>\n<h1>Parley traffic simulation</h1>\n");
    html.append("<p><code>java -jar parley-examples.jar simulate ")
        .append(Markup.escape(String.join(" ", o.toArguments()))).append("</code></p>\n");
    if (!o.stable()) {
      html.append("<p class=\"warn\">Unstable: the offered load is at or above the slots and nobody abandons;")
          .append(" the queue grows without bound.</p>\n");
    }
    table(html, ResultTable.rows(result));
    html.append("<p>CPU ").append(Markup.escape(Figures.fixed(result.cpuSeconds(), 3))).append(" s for ")
        .append(Markup.escape(Figures.count(result.callsSimulated()))).append(" calls (")
        .append(Markup.escape(Figures.fixed(result.callsPerCpuSecond() / 1e6, 2)))
        .append(" million per CPU-second). Confidence intervals: batch means over ").append(Batches.COUNT)
        .append(" equal batches of the measured window, Student t; for the spread, the jackknife over the same")
        .append(" batches.</p>\n");
    waits(html, result);
    queue(html, result);
    occupancy(html, result);
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void table(StringBuilder html, List<String[]> rows) {
    html.append("<table>\n<tr>");
    for (String head : rows.get(0)) {
      html.append("<th>").append(Markup.escape(head)).append("</th>");
    }
    html.append("</tr>\n");
    for (String[] row : rows.subList(1, rows.size())) {
      html.append("<tr><td>").append(Markup.escape(row[0])).append("</td>");
      for (int i = 1; i < row.length; i++) {
        html.append("<td class=\"n\">").append(Markup.escape(row[i])).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void waits(StringBuilder html, SimulationResult result) {
    WaitHistogram h = result.waits();
    long total = h.total();
    // Show bins up to the 99.9th percentile, merged into at most MAX_BARS bars.
    int last = 0;
    long seen = 0;
    for (int i = 0; i < h.bins() && seen < Math.ceil(total * 0.999); i++) {
      seen += h.count(i);
      last = i;
    }
    int merge = (int) Math.ceil((last + 1) / (double) MAX_BARS);
    double[] bars = new double[(last + merge) / merge];
    for (int i = 0; i <= last; i++) {
      bars[i / merge] += h.count(i);
    }
    long hidden = total - seen;
    html.append("<figure>\n").append(SvgChart.histogram("Waiting time of clients who waited",
        "wait (s)", "clients", bars, h.binSeconds() * merge));
    html.append("<figcaption>").append(Markup.escape(Figures.count(total)))
        .append(" answered clients of the measured window waited; those answered at once are left out")
        .append(hidden > 0 ? "; " + Markup.escape(Figures.count(hidden)) + " longer waits lie beyond the chart" : "")
        .append(".</figcaption>\n</figure>\n");
  }

  private static void queue(StringBuilder html, SimulationResult result) {
    double[] means = result.queue().means();
    double stepHours = result.queue().stepSeconds() / 3600;
    html.append("<figure>\n").append(SvgChart.line("Clients waiting", "time (h)", "mean waiting", means, stepHours,
        result.options().warmupHours(), "end of warm-up"));
    html.append("<figcaption>The queue length averaged over each of ").append(means.length)
        .append(" equal intervals of the whole run, warm-up included.</figcaption>\n</figure>\n");
  }

  private static void occupancy(StringBuilder html, SimulationResult result) {
    html.append("<figure>\n").append(SvgChart.columns("Occupancy per operator", "operator", "occupancy",
        result.operatorOccupancy(), 1.0));
    html.append("<figcaption>Busy slot-time over capacity × window, per operator; spread (max/min) ")
        .append(Markup.escape(Figures.fixed(result.occupancySpread().value(), 3)))
        .append(".</figcaption>\n</figure>\n");
  }
}
