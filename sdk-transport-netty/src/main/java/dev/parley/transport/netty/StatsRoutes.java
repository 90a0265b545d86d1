package dev.parley.transport.netty;

import dev.parley.core.GroupId;
import dev.parley.core.SessionState;
import dev.parley.core.routing.GroupCounts;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.core.stats.GroupSample;
import dev.parley.core.stats.StatisticsHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant's statistics:
 *
 * <ul>
 *   <li>{@code GET …/statistics}: the live figures from the engine's latest snapshot: live
 *       sessions by state, and per group its online / busy / away operators (with each
 *       operator's row), waiting clients and the longest wait in seconds;
 *   <li>{@code GET …/statistics/history}: the last hours, per group, as the engine sampled them
 *       ({@link dev.parley.core.Parley#statisticsHistory}): {@code {"every": "PT1M", "span":
 *       "PT6H", "groups": [{"group": "sales", "samples": [{"at": …, "waiting": 2, "online": 3,
 *       "busy": 2, "away": 0, "serviceLevel": 0.9, "abandonmentRate": 0.05, "occupancy": 0.67}]}]}},
 *       the three shares left out where nothing happened to divide by.
 * </ul>
 */
final class StatsRoutes {
  private StatsRoutes() {}

  static void register(Router router) {
    router.add("GET", AdminApi.TENANT + "/statistics", StatsRoutes::statistics);
    router.add("GET", AdminApi.TENANT + "/statistics/history", StatsRoutes::history);
  }

  private static Response history(Call call) {
    call.admin();
    StatisticsHistory history = call.server().parley.statisticsHistory(call.tenant());
    ObjectNode body = Json.object().put("every", history.every().toString()).put("span", history.span().toString());
    ArrayNode groups = body.putArray("groups");
    history.groups().forEach((group, samples) -> {
      ArrayNode items = groups.addObject().put("group", group.value()).putArray("samples");
      for (GroupSample s : samples) {
        ObjectNode n = items.addObject().put("at", s.at().toString()).put("waiting", s.waiting())
            .put("longestWaitSeconds", s.longestWaitSeconds()).put("online", s.online()).put("busy", s.busy())
            .put("away", s.away()).put("answered", s.answered()).put("abandoned", s.abandoned());
        s.serviceLevel().ifPresent(v -> n.put("serviceLevel", v));
        s.abandonmentRate().ifPresent(v -> n.put("abandonmentRate", v));
        s.occupancy().ifPresent(v -> n.put("occupancy", v));
      }
    });
    return Response.ok(body);
  }

  private static Response statistics(Call call) {
    call.admin();
    TenantSnapshot snapshot = call.server().parley.snapshot(call.tenant());
    Instant now = snapshot.at();
    Map<SessionState, Integer> byState = new EnumMap<>(SessionState.class);
    Map<GroupId, Long> longest = new TreeMap<>();
    Map<GroupId, Integer> waiting = new TreeMap<>();
    for (SessionView v : snapshot.sessions()) {
      byState.merge(v.state(), 1, Integer::sum);
      if (v.state().waiting() && v.group() != null) {
        waiting.merge(v.group(), 1, Integer::sum);
        longest.merge(v.group(), Duration.between(v.waitingSince(), now).toSeconds(), Math::max);
      }
    }
    ObjectNode body = Json.object().put("at", now.toString());
    ObjectNode sessions = body.putObject("sessions");
    byState.forEach((state, n) -> sessions.put(state.name(), n));
    ArrayNode groups = body.putArray("groups");
    for (GroupCounts counts : snapshot.redirectPicker()) {
      ObjectNode g = Views.counts(counts);
      g.put("longestWaitSeconds", longest.getOrDefault(counts.group(), 0L));
      groups.add(g);
      waiting.remove(counts.group());
    }
    waiting.forEach((group, n) -> groups.addObject().put("group", group.value()).put("online", 0).put("busy", 0)
        .put("away", 0).put("waiting", n).put("longestWaitSeconds", longest.getOrDefault(group, 0L)).putArray("operators"));
    return Response.ok(body);
  }
}
