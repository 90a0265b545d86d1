package dev.parley.examples.simulate;

import dev.parley.core.stats.EstimateAccuracy;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable result: one JSON object. The headline figures sit at the top level under
 * stable names ({@code sessions}, {@code pWait}, {@code asaSeconds}, {@code serviceLevel}, {@code
 * occupancy}, {@code occupancyMaxOverMin}, {@code abandonRate}, {@code estimateMaeSeconds}, {@code
 * estimateWithin30s}, {@code cpuSeconds}); {@code engineEstimates} the engine's own check of the
 * same estimates; {@code ci95}
 * holds their confidence intervals, {@code erlangC} the model's values when it applies, {@code
 * options} the inputs. A figure that is undefined (NaN) or unbounded is {@code null}.
 *
 * <p>Everything but {@code cpuSeconds} and {@code callsPerCpuSecond} is a function of the options:
 * the same seed prints the same object.
 *
 * <p>Thread safety: stateless.
 */
final class JsonResult {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonResult() {}

  /** The object for {@code result}, pretty-printed. */
  static String render(SimulationResult result) {
    SimulationOptions o = result.options();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("sessions", result.sessions());
    number(root, "pWait", result.probabilityOfWaiting().value());
    number(root, "asaSeconds", result.averageSpeedOfAnswer().value());
    number(root, "serviceLevel", result.serviceLevel().value());
    number(root, "occupancy", result.occupancy().value());
    number(root, "occupancyMaxOverMin", result.occupancySpread().value());
    number(root, "abandonRate", result.abandonRate().value());
    number(root, "estimateMaeSeconds", result.estimateError().value());
    number(root, "estimateWithin30s", result.estimateWithinTolerance().value());
    number(root, "cpuSeconds", result.cpuSeconds());
    number(root, "callsPerCpuSecond", result.callsPerCpuSecond());
    root.put("callsSimulated", result.callsSimulated());
    root.put("answered", result.answered());
    root.put("abandoned", result.abandoned());
    number(root, "offeredLoadErlangs", o.offeredLoad());
    root.put("stable", o.stable());

    ObjectNode ci = root.putObject("ci95");
    ci.put("method", "batch means over " + Batches.COUNT
        + " equal batches of the measured window, Student t; occupancyMaxOverMin: jackknife over the same batches");
    interval(ci, "pWait", result.probabilityOfWaiting());
    interval(ci, "asaSeconds", result.averageSpeedOfAnswer());
    interval(ci, "serviceLevel", result.serviceLevel());
    interval(ci, "occupancy", result.occupancy());
    interval(ci, "occupancyMaxOverMin", result.occupancySpread());
    interval(ci, "abandonRate", result.abandonRate());
    interval(ci, "estimateMaeSeconds", result.estimateError());
    interval(ci, "estimateWithin30s", result.estimateWithinTolerance());

    ObjectNode checked = root.putObject("engineEstimates");
    accuracy(checked.putObject("first"), result.engineEstimates());
    accuracy(checked.putObject("asTheQueueMoves"), result.engineAllEstimates());

    ObjectNode model = root.putObject("erlangC");
    Optional<ErlangC> erlang = result.erlangC();
    model.put("applies", erlang.isPresent());
    if (erlang.isPresent()) {
      ErlangC e = erlang.get();
      number(model, "pWait", e.probabilityOfWaiting());
      number(model, "asaSeconds", e.averageSpeedOfAnswer(o.meanHandleSeconds()));
      number(model, "serviceLevel", e.serviceLevel(o.serviceLevelSeconds(), o.meanHandleSeconds()));
      number(model, "occupancy", e.occupancy());
    } else {
      model.put("reason", o.whyNotErlangC().orElse(""));
    }

    ArrayNode perOperator = root.putArray("operatorOccupancy");
    for (double x : result.operatorOccupancy()) {
      if (Double.isFinite(x)) {
        perOperator.add(x);
      } else {
        perOperator.addNull();
      }
    }

    ObjectNode options = root.putObject("options");
    options.put("operators", o.operators());
    options.put("capacity", o.capacity());
    number(options, "arrivalsPerMinute", o.arrivalsPerMinute());
    number(options, "meanHandleSeconds", o.meanHandleSeconds());
    number(options, "hours", o.hours());
    number(options, "warmupHours", o.warmupHours());
    options.put("seed", o.seed());
    number(options, "serviceLevelSeconds", o.serviceLevelSeconds());
    options.put("strategy", o.strategyName());
    options.put("statistics", o.statistics());
    number(options, "abandonMeanSeconds", o.abandonMeanSeconds());
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void accuracy(ObjectNode node, EstimateAccuracy a) {
    node.put("estimates", a.estimates());
    number(node, "meanAbsoluteErrorSeconds", a.meanAbsoluteError().map(d -> d.toNanos() / 1e9).orElse(Double.NaN));
    number(node, "meanErrorSeconds", a.meanError().map(d -> d.toNanos() / 1e9).orElse(Double.NaN));
    number(node, "withinTolerance", a.shareWithinTolerance().orElse(Double.NaN));
  }

  private static void interval(ObjectNode parent, String name, Estimate e) {
    ObjectNode node = parent.putObject(name);
    number(node, "low", e.low());
    number(node, "high", e.high());
    number(node, "halfWidth", e.halfWidth());
  }

  private static void number(ObjectNode node, String name, double x) {
    if (Double.isFinite(x)) {
      node.put(name, x);
    } else {
      node.putNull(name);
    }
  }
}
