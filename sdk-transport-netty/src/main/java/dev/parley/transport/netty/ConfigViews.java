package dev.parley.transport.netty;

import dev.parley.core.Channel;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.RoutingDecision;
import dev.parley.core.RoutingRule;
import dev.parley.core.TenantSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of a tenant's configuration on the admin API, the same shapes its {@code PUT}s
 * take: settings, routing rules, groups, operators, chatbots, and a routing dry run's answer.
 * Absent optional values are left out; durations are ISO-8601 ({@code PT30S}); channels are the
 * engine's names ({@code WEB_CHAT}). Maps are written in key order, so that equal configurations
 * have equal JSON and equal {@code ETag}s.
 */
final class ConfigViews {
  private ConfigViews() {}

  /** Every setting but the rules, the away reasons, the tags and the retention, which have their own. */
  static ObjectNode settings(TenantSettings s) {
    ObjectNode n = Json.object();
    s.defaultGroup().ifPresent(g -> n.put("defaultGroup", g.value()));
    n.put("switchesLocked", s.switchesLocked());
    n.put("operatorsMayBlock", s.operatorsMayBlock());
    n.put("invitationValidity", s.invitationValidity().toString());
    n.put("endedRetention", s.endedRetention().toString());
    n.put("clientGrace", s.clientGrace().toString());
    n.put("operatorGrace", s.operatorGrace().toString());
    n.set("goneOperatorStatus", status(s.goneOperatorStatus()));
    n.put("sessionsWaitForGoneOperator", s.sessionsWaitForGoneOperator().toString());
    return n;
  }

  /** {@code {"rules": [ … ]}}, in the order they are tried. */
  static ObjectNode rules(List<RoutingRule> rules) {
    ObjectNode n = Json.object();
    ArrayNode items = n.putArray("rules");
    rules.forEach(r -> items.add(rule(r)));
    return n;
  }

  /** {@code {"awayReasons": [ … ]}}, in the order a console lists them. */
  static ObjectNode awayReasons(TenantSettings s) {
    ObjectNode n = Json.object();
    ArrayNode reasons = n.putArray("awayReasons");
    s.awayReasons().forEach(reasons::add);
    return n;
  }

  /** {@code {"tags": [{"name": …, "colour": "#rrggbb"}]}}, the catalogue in its order. */
  static ObjectNode tags(TenantSettings s) {
    ObjectNode n = Json.object();
    ArrayNode tags = n.putArray("tags");
    s.tags().forEach((name, colour) -> tags.addObject().put("name", name).put("colour", colour));
    return n;
  }

  /** {@code {"history": "P90D"}}, or {@code {}} when the engine's retention holds. */
  static ObjectNode retention(TenantSettings s) {
    ObjectNode n = Json.object();
    s.historyRetention().ifPresent(d -> n.put("history", d.toString()));
    return n;
  }

  /** {@code {"autoTags": [{"keyword": …, "tag": …}]}}, in keyword order. */
  static ObjectNode autoTags(TenantSettings s) {
    ObjectNode n = Json.object();
    ArrayNode items = n.putArray("autoTags");
    new TreeMap<>(s.autoTags()).forEach((keyword, tag) -> items.addObject().put("keyword", keyword).put("tag", tag));
    return n;
  }

  static ObjectNode rule(RoutingRule r) {
    ObjectNode n = Json.object().put("group", r.group().value());
    if (!r.channels().isEmpty()) {
      ArrayNode channels = n.putArray("channels");
      r.channels().stream().sorted().forEach(c -> channels.add(c.name()));
    }
    r.language().ifPresent(v -> n.put("language", v));
    r.widget().ifPresent(v -> n.put("widget", v));
    r.pageUrlPrefix().ifPresent(v -> n.put("pageUrlPrefix", v));
    if (!r.parameters().isEmpty()) {
      ObjectNode p = n.putObject("parameters");
      new TreeMap<>(r.parameters()).forEach(p::put);
    }
    return n.put("priority", r.priority());
  }

  static ObjectNode decision(RoutingDecision d) {
    ObjectNode n = Json.object();
    d.chosen().ifPresent(g -> n.put("group", g.value()));
    n.put("reason", d.reason().name());
    d.matchedRule().ifPresent(i -> n.put("rule", i));
    return n.put("priority", d.priority()).put("why", d.why());
  }

  static ObjectNode group(GroupSpec g) {
    ObjectNode n = Json.object().put("id", g.id().value())
        .put("strategy", g.strategy().name())
        .put("offerTimeout", g.offerTimeout().toString())
        .put("autoAccept", g.autoAccept())
        .put("wrapUpLimit", g.wrapUpLimit().toString())
        .put("maxQueueLength", g.maxQueueLength())
        .put("priority", g.priority());
    g.escalateAfter().ifPresent(d -> n.put("escalateAfter", d.toString()));
    g.escalateTo().ifPresent(to -> n.put("escalateTo", to.value()));
    g.chatbot().ifPresent(bot -> n.put("chatbot", bot.value()));
    g.clientGrace().ifPresent(d -> n.put("clientGrace", d.toString()));
    g.reassignUnanswered().ifPresent(d -> n.put("reassignUnanswered", d.toString()));
    return n;
  }

  /** An operator's configuration: his groups with their ranks, his channels with their capacities, his phone line. */
  static ObjectNode operator(OperatorSpec o) {
    ObjectNode n = Json.object().put("id", o.id().value());
    ObjectNode groups = n.putObject("groups");
    Map<String, Integer> ranks = new TreeMap<>();
    o.groups().forEach((g, rank) -> ranks.put(g.value(), rank));
    ranks.forEach(groups::put);
    ObjectNode capacities = n.putObject("capacities");
    new TreeMap<Channel, Integer>(o.capacities()).forEach((c, cap) -> capacities.put(c.name(), cap));
    return n.put("phoneLine", o.phoneLine());
  }

  /** A chatbot without its secret, which is written and never read back. */
  static ObjectNode chatbot(ChatbotSpec c) {
    return Json.object().put("id", c.id().value()).put("endpoint", c.endpoint().toString())
        .put("replyTimeout", c.replyTimeout().toString());
  }

  static ObjectNode status(OperatorStatus s) {
    ObjectNode n = Json.object().put("presence", s.presence().name());
    if (s.reason() != null) {
      n.put("reason", s.reason());
    }
    return n;
  }
}
