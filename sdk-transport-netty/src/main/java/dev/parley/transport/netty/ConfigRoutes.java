package dev.parley.transport.netty;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.ConfigRecord;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's groups and operators: read as the engine stored them, defined and removed through
 * the engine. A group is {@code {"strategy": "BY_UTILIZATION", "offerTimeout": "PT20S",
 * "autoAccept": false, "wrapUpLimit": "PT2M", "maxQueueLength": 100, "priority": 0,
 * "escalateAfter": "PT5M", "escalateTo": "backup"}} (every field optional on {@code PUT}); an
 * operator {@code {"groups": {"sales": 0}, "capacities": {"WEB_CHAT": 4}, "phoneLine": false}}.
 */
final class ConfigRoutes {
  private static final String GROUP = "group";
  private static final String OPERATOR = "operator";

  private ConfigRoutes() {}

  static void register(Router router) {
    String groups = AdminApi.TENANT + "/groups";
    router.add("GET", groups, ConfigRoutes::groups);
    router.add("PUT", groups + "/{group}", ConfigRoutes::defineGroup);
    router.add("DELETE", groups + "/{group}",
        call -> submit(authorized(call), new Command.RemoveGroup(GroupId.of(call.param(GROUP)))));
    String operators = AdminApi.TENANT + "/operators";
    router.add("GET", operators, ConfigRoutes::operators);
    router.add("PUT", operators + "/{operator}", ConfigRoutes::defineOperator);
    router.add("DELETE", operators + "/{operator}",
        call -> submit(authorized(call), new Command.RemoveOperator(OperatorId.of(call.param(OPERATOR)))));
    router.add("PUT", operators + "/{operator}/status", ConfigRoutes::setStatus);
  }

  private static Response groups(Call call) {
    call.admin();
    ArrayNode items = Json.array();
    for (ConfigRecord r : call.server().parley.storage().config().list(call.tenant().value())) {
      if (r.kind().equals(GROUP)) {
        ObjectNode n = items.addObject().put("id", r.key());
        r.properties().forEach((k, v) -> put(n, k, v));
      }
    }
    return Response.ok(Json.object().set("items", items));
  }

  private static Response operators(Call call) {
    call.admin();
    TenantSnapshot snapshot = call.server().parley.snapshot(call.tenant());
    ArrayNode items = Json.array();
    for (ConfigRecord r : call.server().parley.storage().config().list(call.tenant().value())) {
      if (r.kind().equals(OPERATOR)) {
        ObjectNode n = items.addObject().put("id", r.key());
        ObjectNode groups = n.putObject("groups");
        ObjectNode capacities = n.putObject("capacities");
        r.properties().forEach((k, v) -> {
          if (k.startsWith("group.")) {
            groups.put(k.substring(6), Integer.parseInt(v));
          } else if (k.startsWith("capacity.")) {
            capacities.put(k.substring(9), Integer.parseInt(v));
          } else {
            put(n, k, v);
          }
        });
        snapshot.status(OperatorId.of(r.key())).ifPresent(s -> {
          n.put("presence", s.presence().name());
          if (s.reason() != null) {
            n.put("reason", s.reason());
          }
        });
      }
    }
    return Response.ok(Json.object().set("items", items));
  }

  private static Response defineGroup(Call call) throws Exception {
    call.admin();
    JsonNode body = call.json();
    GroupSpec.Builder b = GroupSpec.builder(GroupId.of(call.param(GROUP)));
    Json.optionalString(body, "strategy").ifPresent(s -> b.strategy(RoutingStrategy.valueOf(s.toUpperCase(Locale.ROOT))));
    Json.optionalString(body, "offerTimeout").ifPresent(s -> b.offerTimeout(Duration.parse(s)));
    if (body.has("autoAccept")) {
      b.autoAccept(Json.bool(body, "autoAccept", false));
    }
    Json.optionalString(body, "wrapUpLimit").ifPresent(s -> b.wrapUpLimit(Duration.parse(s)));
    Json.integer(body, "maxQueueLength").ifPresent(b::maxQueueLength);
    Json.integer(body, "priority").ifPresent(b::priority);
    Json.optionalString(body, "escalateAfter")
        .ifPresent(s -> b.escalateAfter(Duration.parse(s), GroupId.of(Json.string(body, "escalateTo"))));
    return submit(call, new Command.DefineGroup(b.build()));
  }

  private static Response defineOperator(Call call) throws Exception {
    call.admin();
    JsonNode body = call.json();
    OperatorSpec.Builder b = OperatorSpec.builder(OperatorId.of(call.param(OPERATOR)));
    for (Map.Entry<String, JsonNode> g : Json.optionalObject(body, "groups").map(JsonNode::properties).orElse(java.util.Set.of())) {
      b.group(GroupId.of(g.getKey()), g.getValue().asInt(0));
    }
    for (Map.Entry<String, JsonNode> c : Json.optionalObject(body, "capacities").map(JsonNode::properties).orElse(java.util.Set.of())) {
      Channel channel = Webhooks.channel(c.getKey().toLowerCase(Locale.ROOT));
      if (!c.getValue().isIntegralNumber()) {
        throw new WireException("Malformed", "the capacity of " + c.getKey() + " is not a whole number");
      }
      b.channel(channel, c.getValue().asInt());
    }
    if (body.has("phoneLine")) {
      b.phoneLine(Json.bool(body, "phoneLine", false));
    }
    return submit(call, new Command.DefineOperator(b.build()));
  }

  /** {@code {"presence": "AWAY", "reason": "lunch"}}: an administrator sets an operator's status. */
  private static Response setStatus(Call call) throws Exception {
    call.admin();
    JsonNode body = call.json();
    Presence presence = Presence.valueOf(Json.string(body, "presence").toUpperCase(Locale.ROOT));
    OperatorStatus status = new OperatorStatus(presence, Json.optionalString(body, "reason").orElse(null));
    return submit(call, new Command.SetStatus(OperatorId.of(call.param(OPERATOR)), status));
  }

  /** The call, once its caller is known to be an administrator of the tenant. */
  private static Call authorized(Call call) {
    call.admin();
    return call;
  }

  /** Submits a command; the route has checked the administrator first. */
  private static Response submit(Call call, Command command) throws Exception {
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(), command))));
  }

  /** A stored property as JSON: booleans and whole numbers typed, the rest as text. */
  private static void put(ObjectNode n, String key, String value) {
    if (value.equals("true") || value.equals("false")) {
      n.put(key, Boolean.parseBoolean(value));
    } else if (value.matches("-?\\d{1,9}")) {
      n.put(key, Integer.parseInt(value));
    } else {
      n.put(key, value);
    }
  }
}
