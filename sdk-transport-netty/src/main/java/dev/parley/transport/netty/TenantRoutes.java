package dev.parley.transport.netty;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingRule;
import dev.parley.core.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A tenant's own settings and its routing rules, each a piece of configuration with the
 * conventions of {@link ConfigResource}, and the rules' dry run:
 *
 * <ul>
 *   <li>{@code GET|PUT …/settings}: every setting but the rules, {@code {"defaultGroup": "sales",
 *       "switchesLocked": false, "operatorsMayBlock": true, "invitationValidity": "PT24H",
 *       "endedRetention": "PT24H", "clientGrace": "PT1M", "operatorGrace": "PT1M",
 *       "goneOperatorStatus": {"presence": "AWAY", "reason": "disconnected"},
 *       "sessionsWaitForGoneOperator": "PT0S"}}; a {@code PUT} keeps the rules;
 *   <li>{@code GET|PUT …/routing-rules}: {@code {"rules": [{"group": "cz", "channels": ["WEB_CHAT"],
 *       "language": "cs", "widget": "shop", "pageUrlPrefix": "https://shop/", "parameters": {"vip":
 *       "yes"}, "priority": 5}]}}, tried in order; a {@code PUT} keeps the other settings;
 *   <li>{@code POST …/routing-rules/dry-run}: {@code {"entry": {…}, "rules": [ … ]}} answers which
 *       group the entry would go to and why, from the engine's own rule matching ({@link
 *       TenantSettings#decide}), under the saved rules or the {@code rules} given (to try them
 *       before saving).
 * </ul>
 */
final class TenantRoutes {
  private static final String SETTINGS = AdminApi.TENANT + "/settings";
  private static final String RULES = AdminApi.TENANT + "/routing-rules";
  private static final ConfigResource.View SETTINGS_VIEW =
      call -> Optional.of(ConfigViews.settings(settings(call)));
  private static final ConfigResource.View RULES_VIEW =
      call -> Optional.of(ConfigViews.rules(settings(call).rules()));

  private TenantRoutes() {}

  static void register(Router router) {
    WireException none = new WireException(404, "NotFound", "unreachable: every tenant has settings");
    router.add("GET", SETTINGS, call -> call.server().config.get(call, SETTINGS_VIEW, UnaryOperator.identity(), none));
    router.add("PUT", SETTINGS, call -> call.server().config.put(call, SETTINGS_VIEW, () -> {
      Body body = Body.of(call);
      return List.of(new Command.ConfigureTenant(settings(body, settings(call).rules())));
    }));
    router.add("GET", RULES, call -> call.server().config.get(call, RULES_VIEW, UnaryOperator.identity(), none));
    router.add("PUT", RULES, call -> call.server().config.put(call, RULES_VIEW, () -> {
      List<RoutingRule> rules = rules(Body.of(call));
      return List.of(new Command.ConfigureTenant(settings(call).toBuilder().rules(rules).build()));
    }));
    router.add("POST", RULES + "/dry-run", TenantRoutes::dryRun);
  }

  private static TenantSettings settings(Call call) {
    return call.server().parley.snapshot(call.tenant()).settings();
  }

  /** The settings of a {@code PUT}: the defaults, the fields given, and {@code rules}. */
  private static TenantSettings settings(Body body, List<RoutingRule> rules) {
    TenantSettings.Builder b = TenantSettings.builder().rules(rules);
    body.parsed("defaultGroup", GroupId::of).ifPresent(b::defaultGroup);
    body.bool("switchesLocked").ifPresent(b::switchesLocked);
    body.bool("operatorsMayBlock").ifPresent(b::operatorsMayBlock);
    body.duration("invitationValidity").ifPresent(d -> body.set("invitationValidity", d, b::invitationValidity));
    body.duration("endedRetention").ifPresent(d -> body.set("endedRetention", d, b::endedRetention));
    body.duration("clientGrace").ifPresent(d -> body.set("clientGrace", d, b::clientGrace));
    body.duration("operatorGrace").ifPresent(d -> body.set("operatorGrace", d, b::operatorGrace));
    body.object("goneOperatorStatus").ifPresent(gone -> {
      Presence presence = gone.named("presence", Presence.class).orElseThrow(() -> WireException.field("Malformed",
          gone.path("presence"), "the field \"" + gone.path("presence") + "\" is missing: AWAY or OFFLINE"));
      OperatorStatus status = gone.check("presence", () -> new OperatorStatus(presence, gone.string("reason").orElse(null)));
      gone.set("presence", status, b::goneOperatorStatus);
    });
    body.duration("sessionsWaitForGoneOperator").ifPresent(d -> body.set("sessionsWaitForGoneOperator", d,
        b::sessionsWaitForGoneOperator));
    return body.check("", b::build);
  }

  /** The rules of a body's {@code rules}, each checked where it stands ({@code rules[2].language}). */
  private static List<RoutingRule> rules(Body body) {
    List<RoutingRule> rules = new ArrayList<>();
    for (Body r : body.objects("rules")) {
      RoutingRule.Builder b = RoutingRule.to(r.check("group", () -> GroupId.of(r.required("group"))));
      // each condition is checked in the builder as it is set, so a refusal names its field
      List<String> channels = r.strings("channels");
      for (int i = 0; i < channels.size(); i++) {
        String name = channels.get(i);
        b.channels(r.check("channels[" + i + "]", () -> channel(name)));
      }
      r.string("language").ifPresent(v -> r.set("language", v, b::language));
      r.string("widget").ifPresent(v -> r.set("widget", v, b::widget));
      r.string("pageUrlPrefix").ifPresent(v -> r.set("pageUrlPrefix", v, b::pageUrlPrefix));
      r.stringMap("parameters").forEach((k, v) -> r.check("parameters." + k, () -> b.parameter(k, v)));
      r.integer("priority").ifPresent(p -> r.set("priority", p, b::priority));
      rules.add(b.build());
    }
    return rules;
  }

  /** {@code {"entry": {"channel": "web-chat", "language": "cs", …}, "rules": [ … ]}}. */
  private static Response dryRun(Call call) {
    call.admin();
    Body body = Body.of(call);
    TenantSettings settings = settings(call);
    boolean given = body.has("rules");
    if (given) {
      settings = settings.toBuilder().rules(rules(body)).build();
    }
    Body e = body.object("entry").orElseThrow(() ->
        WireException.field("Malformed", "entry", "the field \"entry\" is missing: the entry to route"));
    Channel channel = e.string("channel").map(name -> e.check("channel", () -> channel(name))).orElse(Channel.WEB_CHAT);
    Entry.Builder b = Entry.builder(channel);
    // Rules never look at the client; a channel that needs one gets a stand-in, so a dry run needs none.
    e.set("client", e.string("client").orElse("dry-run"), b::client);
    e.string("language").ifPresent(v -> e.set("language", v, b::language));
    e.string("widget").ifPresent(v -> e.set("widget", v, b::widget));
    e.string("pageUrl").ifPresent(v -> e.set("pageUrl", v, b::pageUrl));
    e.parsed("group", GroupId::of).ifPresent(b::group);
    e.integer("priority").ifPresent(v -> e.set("priority", v, b::priority));
    e.stringMap("parameters").forEach((k, v) -> e.check("parameters." + k, () -> b.parameter(k, v)));
    Entry entry = e.check("", b::build);
    return Response.ok(ConfigViews.decision(settings.decide(entry)).put("rules", given ? "given" : "saved"));
  }

  /** A channel by its engine name or the transport's path name ({@code WEB_CHAT}, {@code web-chat}). */
  static Channel channel(String name) {
    try {
      return Webhooks.channel(name.toLowerCase(Locale.ROOT));
    } catch (WireException e) {
      throw new IllegalArgumentException("no channel is called " + name);
    }
  }
}
