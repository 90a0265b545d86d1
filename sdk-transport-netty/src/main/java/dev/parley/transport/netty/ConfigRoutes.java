package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.routing.TenantSnapshot;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's groups, operators and chatbots, each a piece of configuration with the conventions
 * of {@link ConfigResource} ({@code ETag}, {@code If-Match}, whole {@code PUT}s), read from the
 * engine's snapshot and changed through its commands; and an administrator's acts on an operator:
 * his status and his channel switches (which only administrators may change when the tenant locks
 * them).
 *
 * <ul>
 *   <li>a group: {@code {"strategy": "BY_UTILIZATION", "offerTimeout": "PT20S", "autoAccept":
 *       false, "wrapUpLimit": "PT2M", "maxQueueLength": 100, "priority": 0, "escalateAfter":
 *       "PT5M", "escalateTo": "backup", "chatbot": "faq", "clientGrace": "PT30S",
 *       "reassignUnanswered": "PT3M"}};
 *   <li>an operator: {@code {"groups": {"sales": 0}, "capacities": {"WEB_CHAT": 4}, "phoneLine":
 *       false}}, shown with his {@code presence}, {@code reason} and {@code switchedOff} channels;
 *   <li>a chatbot: {@code {"endpoint": "https://bots.example/faq", "secret": "…", "replyTimeout":
 *       "PT10S"}}; the secret is never shown, and a {@code PUT} without one keeps the current.
 * </ul>
 */
final class ConfigRoutes {
  private static final String GROUP = "group";
  private static final String OPERATOR = "operator";
  private static final String CHATBOT = "chatbot";
  private static final ConfigResource.View GROUP_VIEW = call -> snapshot(call).groups().entrySet().stream()
      .filter(e -> e.getKey().value().equals(call.param(GROUP))).findFirst().map(e -> ConfigViews.group(e.getValue()));
  private static final ConfigResource.View OPERATOR_VIEW =
      call -> snapshot(call).operator(operator(call)).map(ConfigViews::operator);
  private static final ConfigResource.View CHATBOT_VIEW =
      call -> chatbot(call).map(ConfigViews::chatbot);

  private ConfigRoutes() {}

  static void register(Router router) {
    String groups = AdminApi.TENANT + "/groups";
    router.add("GET", groups, call -> list(call, s -> s.groups().values().stream()
        .sorted(Comparator.comparing(g -> g.id().value())).map(ConfigViews::group).toList()));
    router.add("GET", groups + "/{group}", call -> call.server().config.get(call, GROUP_VIEW, UnaryOperator.identity(),
        missing("NoSuchGroup", "group", call.param(GROUP))));
    router.add("PUT", groups + "/{group}", call -> call.server().config.put(call, GROUP_VIEW,
        () -> List.of(new Command.DefineGroup(group(call)))));
    router.add("DELETE", groups + "/{group}", call -> call.server().config.delete(call, GROUP_VIEW,
        new Command.RemoveGroup(GroupId.of(call.param(GROUP)))));

    String operators = AdminApi.TENANT + "/operators";
    router.add("GET", operators, call -> {
      TenantSnapshot s = snapshot(call);
      return list(call, x -> s.operators().stream().map(o -> live(s, o.id(), ConfigViews.operator(o))).toList());
    });
    router.add("GET", operators + "/{operator}", call -> call.server().config.get(call, OPERATOR_VIEW,
        n -> live(snapshot(call), operator(call), n), missing("NoSuchOperator", "operator", call.param(OPERATOR))));
    router.add("PUT", operators + "/{operator}", call -> call.server().config.put(call, OPERATOR_VIEW,
        () -> List.of(new Command.DefineOperator(operatorSpec(call)))));
    router.add("DELETE", operators + "/{operator}", call -> call.server().config.delete(call, OPERATOR_VIEW,
        new Command.RemoveOperator(operator(call))));
    router.add("PUT", operators + "/{operator}/status", ConfigRoutes::setStatus);
    router.add("PUT", operators + "/{operator}/channels/{channel}", ConfigRoutes::switchChannel);

    String chatbots = AdminApi.TENANT + "/chatbots";
    router.add("GET", chatbots, call -> list(call, s -> s.chatbots().values().stream()
        .sorted(Comparator.comparing(c -> c.id().value())).map(ConfigViews::chatbot).toList()));
    router.add("GET", chatbots + "/{chatbot}", call -> call.server().config.get(call, CHATBOT_VIEW,
        UnaryOperator.identity(), missing("NoSuchChatbot", "chatbot", call.param(CHATBOT))));
    router.add("PUT", chatbots + "/{chatbot}", call -> call.server().config.put(call, CHATBOT_VIEW,
        () -> List.of(new Command.DefineChatbot(chatbotSpec(call)))));
    router.add("DELETE", chatbots + "/{chatbot}", call -> call.server().config.delete(call, CHATBOT_VIEW,
        new Command.RemoveChatbot(ChatbotId.of(call.param(CHATBOT)))));
  }

  private static Response list(Call call, Function<TenantSnapshot, List<ObjectNode>> items) {
    call.admin();
    ArrayNode array = Json.array();
    items.apply(snapshot(call)).forEach(array::add);
    return Response.ok(Json.object().set("items", array));
  }

  private static TenantSnapshot snapshot(Call call) {
    return call.server().parley.snapshot(call.tenant());
  }

  private static WireException missing(String type, String what, String id) {
    return new WireException(404, type, "no " + what + " " + id + " in this tenant; create it with PUT");
  }

  private static OperatorId operator(Call call) {
    try {
      return OperatorId.of(call.param(OPERATOR));
    } catch (IllegalArgumentException e) {
      throw new WireException(404, "NoSuchOperator", "no operator " + call.param(OPERATOR) + ": " + e.getMessage());
    }
  }

  private static Optional<ChatbotSpec> chatbot(Call call) {
    return snapshot(call).chatbots().values().stream().filter(c -> c.id().value().equals(call.param(CHATBOT))).findFirst();
  }

  /** His configuration with what he is doing now beside it: status and switched-off channels. */
  private static ObjectNode live(TenantSnapshot snapshot, OperatorId id, ObjectNode config) {
    snapshot.status(id).ifPresent(s -> config.setAll(ConfigViews.status(s)));
    ArrayNode off = config.putArray("switchedOff");
    snapshot.switchedOff(id).stream().sorted().forEach(c -> off.add(c.name()));
    return config;
  }

  private static GroupSpec group(Call call) {
    Body body = Body.of(call);
    GroupSpec.Builder b = GroupSpec.builder(body.check("", () -> GroupId.of(call.param(GROUP))));
    body.named("strategy", RoutingStrategy.class).ifPresent(b::strategy);
    body.duration("offerTimeout").ifPresent(d -> body.set("offerTimeout", d, b::offerTimeout));
    body.bool("autoAccept").ifPresent(b::autoAccept);
    body.duration("wrapUpLimit").ifPresent(d -> body.set("wrapUpLimit", d, b::wrapUpLimit));
    body.integer("maxQueueLength").ifPresent(n -> body.set("maxQueueLength", n, b::maxQueueLength));
    body.integer("priority").ifPresent(n -> body.set("priority", n, b::priority));
    Optional<GroupId> escalateTo = body.parsed("escalateTo", GroupId::of);
    body.duration("escalateAfter").ifPresent(d -> body.set("escalateAfter", d, after -> b.escalateAfter(after,
        escalateTo.orElseThrow(() -> WireException.field("Malformed", "escalateTo",
            "the field \"escalateTo\" is missing: escalateAfter needs the group to escalate to")))));
    if (escalateTo.isPresent() && body.duration("escalateAfter").isEmpty()) {
      throw WireException.field("Malformed", "escalateAfter", "the field \"escalateAfter\" is missing: when to escalate to "
          + escalateTo.get());
    }
    body.parsed("chatbot", ChatbotId::of).ifPresent(b::chatbot);
    body.duration("clientGrace").ifPresent(d -> body.set("clientGrace", d, b::clientGrace));
    body.duration("reassignUnanswered").ifPresent(d -> body.set("reassignUnanswered", d, b::reassignUnanswered));
    return body.check("", b::build);
  }

  private static OperatorSpec operatorSpec(Call call) {
    Body body = Body.of(call);
    OperatorSpec.Builder b = OperatorSpec.builder(operator(call));
    body.integerMap("groups").forEach((g, rank) -> body.check("groups." + g, () -> b.group(GroupId.of(g), rank)));
    body.integerMap("capacities").forEach((c, n) -> body.check("capacities." + c,
        () -> b.channel(TenantRoutes.channel(c), n)));
    body.bool("phoneLine").ifPresent(b::phoneLine);
    return body.check("", b::build);
  }

  private static ChatbotSpec chatbotSpec(Call call) {
    Body body = Body.of(call);
    ChatbotId id = body.check("", () -> ChatbotId.of(call.param(CHATBOT)));
    URI endpoint = body.parsed("endpoint", URI::create).orElseThrow(() ->
        WireException.field("Malformed", "endpoint", "the field \"endpoint\" is missing: the bot's http(s) URL"));
    ChatbotSpec.Builder b = body.check("endpoint", () -> ChatbotSpec.builder(id, endpoint));
    String secret = body.string("secret").or(() -> chatbot(call).map(ChatbotSpec::secret)).orElseThrow(() ->
        WireException.field("Malformed", "secret", "the field \"secret\" is missing: a new chatbot needs its secret"));
    body.set("secret", secret, b::secret);
    body.duration("replyTimeout").ifPresent(d -> body.set("replyTimeout", d, b::replyTimeout));
    return body.check("", b::build);
  }

  /** {@code {"presence": "AWAY", "reason": "lunch"}}: an administrator sets an operator's status. */
  private static Response setStatus(Call call) throws Exception {
    call.admin();
    Body body = Body.of(call);
    Presence presence = body.named("presence", Presence.class).orElseThrow(() ->
        WireException.field("Malformed", "presence", "the field \"presence\" is missing: ONLINE, AWAY or OFFLINE"));
    OperatorStatus status = body.check("reason", () -> new OperatorStatus(presence, body.string("reason").orElse(null)));
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(),
        new Command.SetStatus(operator(call), status)))));
  }

  /** {@code {"on": false}}: an administrator switches one of an operator's channels, locked or not. */
  private static Response switchChannel(Call call) throws Exception {
    Principal admin = call.admin();
    Body body = Body.of(call);
    boolean on = body.bool("on").orElseThrow(() ->
        WireException.field("Malformed", "on", "the field \"on\" is missing: true or false"));
    Channel channel = Webhooks.channel(call.param("channel"));
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(),
        new Command.SwitchChannel(operator(call), channel, on, Actor.admin(admin.subject()))))));
  }
}
