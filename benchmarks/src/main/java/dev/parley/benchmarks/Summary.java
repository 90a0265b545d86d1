package dev.parley.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result file into the Markdown summary that {@code benchmarks/run} writes: each
 * routing result beside its baselines from the same run (baseline / parley), the bytes allocated
 * per operation where {@code -prof gc} measured them, the growth of each implementation from the
 * fewest to the most operators, the shell's throughput, and the storage suites with one column per
 * storage.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.Summary routing.json shell.json ...</pre>
 */
public final class Summary {
  private Summary() {}

  /** A result row: benchmark, parameters, score, error, unit, bytes per op (or NaN). */
  private record Row(String benchmark, Map<String, String> params, double score, double error, String unit, double bytes) {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Summary RESULTS.json...");
      System.exit(2);
    }
    List<Row> rows = new ArrayList<>();
    for (String file : args) {
      rows.addAll(read(Path.of(file)));
    }
    System.out.print(markdown(rows));
  }

  private static List<Row> read(Path file) throws IOException {
    ObjectMapper json = JsonMapper.builder().build();
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : json.readTree(Files.readString(file))) {
      Map<String, String> params = new TreeMap<>();
      JsonNode p = r.get("params");
      if (p != null) {
        for (Map.Entry<String, JsonNode> e : p.properties()) {
          params.put(e.getKey(), e.getValue().asString());
        }
      }
      JsonNode primary = r.get("primaryMetric");
      JsonNode gc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      String name = r.get("benchmark").asString();
      int threads = r.get("threads").asInt();
      if (threads > 1) {
        params.put("threads", String.valueOf(threads));
      }
      rows.add(new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params,
          primary.get("score").asDouble(), primary.get("scoreError").asDouble(), primary.get("scoreUnit").asString(),
          gc.isMissingNode() ? Double.NaN : gc.get("score").asDouble()));
    }
    return rows;
  }

  static String markdown(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    Map<String, Map<String, Row>> routing = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    for (Row r : rows) {
      if (r.benchmark().startsWith("RoutingBenchmark")) {
        routing.computeIfAbsent(r.params().get("operators"), k -> new LinkedHashMap<>()).put(r.params().get("impl"), r);
      }
    }
    if (!routing.isEmpty()) {
      md.append("## Routing step (ns/op, lower is better)\n\n");
      md.append("| operators | parleyDecision | parleySession | naiveScan | treeSet | naiveScan / parleyDecision"
          + " | naiveScan / parleySession | treeSet / parleyDecision | parleyDecision B/op | parleySession B/op |\n");
      md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Map.Entry<String, Map<String, Row>> e : routing.entrySet()) {
        Row decision = e.getValue().get("parleyDecision");
        Row session = e.getValue().get("parleySession");
        Row naive = e.getValue().get("naiveScan");
        Row tree = e.getValue().get("treeSet");
        md.append("| ").append(e.getKey()).append(" | ").append(cell(decision)).append(" | ").append(cell(session))
            .append(" | ").append(cell(naive)).append(" | ").append(cell(tree)).append(" | ")
            .append(ratio(naive, decision)).append(" | ").append(ratio(naive, session)).append(" | ")
            .append(ratio(tree, decision)).append(" | ").append(bytes(decision)).append(" | ").append(bytes(session))
            .append(" |\n");
      }
      md.append("\nGrowth from the fewest to the most operators (cost at most / cost at fewest):");
      String fewest = routing.keySet().iterator().next();
      String most = ((TreeMap<String, Map<String, Row>>) routing).lastKey();
      for (String impl : List.of("parleyDecision", "parleySession", "naiveScan", "treeSet")) {
        Row a = routing.get(fewest).get(impl);
        Row b = routing.get(most).get(impl);
        md.append(' ').append(impl).append(' ').append(ratio(b, a)).append(';');
      }
      md.setLength(md.length() - 1);
      md.append(".\n\n");
    }
    storage(rows, md);
    boolean header = false;
    for (Row r : rows) {
      if (r.benchmark().startsWith("RoutingBenchmark") || r.params().containsKey("storage")) {
        continue;
      }
      if (!header) {
        md.append("## Other suites\n\n| benchmark | parameters | score | unit | B/op |\n|---|---|---:|---|---:|\n");
        header = true;
      }
      md.append("| ").append(r.benchmark()).append(" | ").append(r.params()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f ± %.1f", r.score(), r.error())).append(" | ").append(r.unit())
          .append(" | ").append(Double.isNaN(r.bytes()) ? "–" : String.format(Locale.ROOT, "%.0f", r.bytes())).append(" |\n");
    }
    return md.toString();
  }

  /** The storage suites' results side by side, one column per storage, with each storage's score over in-memory's. */
  private static void storage(List<Row> rows, StringBuilder md) {
    Map<String, Map<String, Row>> byStorage = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, String> others = new TreeMap<>(r.params());
      String storage = others.remove("storage");
      if (storage != null) {
        String params = others.isEmpty() ? "–" : others.toString().replaceAll("[{}]", "");
        byStorage.computeIfAbsent(r.benchmark() + " | " + params + " | " + r.unit(), k -> new LinkedHashMap<>()).put(storage, r);
      }
    }
    if (byStorage.isEmpty()) {
      return;
    }
    md.append("## Storages (score ± error; the ratios divide scores of the same run)\n\n");
    md.append("| benchmark | parameters | unit | inMemory | h2 | postgres | h2 / inMemory | postgres / inMemory |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|\n");
    byStorage.forEach((key, row) -> md.append("| ").append(key).append(" | ").append(cell(row.get("inMemory")))
        .append(" | ").append(cell(row.get("h2"))).append(" | ").append(cell(row.get("postgres"))).append(" | ")
        .append(ratio(row.get("h2"), row.get("inMemory"))).append(" | ")
        .append(ratio(row.get("postgres"), row.get("inMemory"))).append(" |\n"));
    md.append('\n');
  }

  private static String bytes(Row r) {
    return r == null || Double.isNaN(r.bytes()) ? "–" : String.format(Locale.ROOT, "%.0f", r.bytes());
  }

  private static String cell(Row r) {
    return r == null ? "–" : String.format(Locale.ROOT, "%.1f ± %.1f", r.score(), r.error());
  }

  private static String ratio(Row numerator, Row denominator) {
    if (numerator == null || denominator == null) {
      return "–";
    }
    double ratio = numerator.score() / denominator.score();
    return String.format(Locale.ROOT, ratio < 0.1 ? "%.2g×" : "%.1f×", ratio); // two digits of a small one
  }
}
