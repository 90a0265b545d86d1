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
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's own settings and its routing rules, each a piece of configuration with the
 * conventions of {@link ConfigResource}, and the rules' dry run:
 *
 * <ul>
 *   <li>{@code GET|PUT …/settings}: every setting but the rules, {@code {"defaultGroup": "sales",
 *       "switchesLocked": false, "operatorsMayBlock": true, "invitationValidity": "PT24H",
 *       "endedRetention": "PT24H", "clientGrace": "PT1M", "operatorGrace": "PT1M",
 *       "goneOperatorStatus": {"presence": "AWAY", "reason": "disconnected"},
 *       "sessionsWaitForGoneOperator": "PT0S"}}; a {@code PUT} keeps the rules and the parts below;
 *   <li>{@code GET|PUT …/routing-rules}: {@code {"rules": [{"group": "cz", "channels": ["WEB_CHAT"],
 *       "language": "cs", "widget": "shop", "pageUrlPrefix": "https://shop/", "parameters": {"vip":
 *       "yes"}, "priority": 5}]}}, tried in order; a {@code PUT} keeps the other settings;
 *   <li>{@code GET|PUT …/away-reasons}: {@code {"awayReasons": ["lunch", "training"]}}, the
 *       tenant's own list (empty: any reason); the engine then refuses other reasons;
 *   <li>{@code GET|PUT …/tags}: the tag catalogue with colours, {@code {"tags": [{"name":
 *       "refund", "colour": "#e53935"}]}};
 *   <li>{@code GET|PUT …/auto-tags}: {@code {"autoTags": [{"keyword": "refund", "tag":
 *       "refunds"}]}}, keywords folded as the full-text search folds words, in keyword order (see
 *       {@link TenantSettings#autoTags});
 *   <li>{@code GET|PUT …/retention}: {@code {"history": "P90D"}}, how long the tenant's closed
 *       sessions, ended invitations and outbox records are kept before the engine's hourly purge
 *       removes them ({@link TenantSettings#historyRetention}); without {@code history}, as the
 *       engine's own retention says;
 *   <li>{@code POST …/routing-rules/dry-run}: {@code {"entry": {…}, "rules": [ … ]}} answers which
 *       group the entry would go to and why, from the engine's own rule matching ({@link
 *       TenantSettings#decide}), under the saved rules or the {@code rules} given (to try them
 *       before saving).
 * </ul>
 */
final class TenantRoutes {
  private static final String RULES = AdminApi.TENANT + "/routing-rules";

  private TenantRoutes() {}

  static void register(Router router) {
    part(router, "/settings", ConfigViews::settings, TenantRoutes::settings);
    part(router, "/routing-rules", s -> ConfigViews.rules(s.rules()),
        (body, current) -> current.toBuilder().rules(rules(body)).build());
    part(router, "/away-reasons", ConfigViews::awayReasons,
        (body, current) -> body.check("awayReasons", () -> current.toBuilder().awayReasons(body.strings("awayReasons")).build()));
    part(router, "/tags", ConfigViews::tags, TenantRoutes::tags);
    part(router, "/auto-tags", ConfigViews::autoTags, TenantRoutes::autoTags);
    part(router, "/retention", ConfigViews::retention, TenantRoutes::retention);
    router.add("POST", RULES + "/dry-run", TenantRoutes::dryRun);
  }

  /**
   * Serves one part of the tenant's settings as a piece of configuration: {@code GET} shows
   * {@code view} of the settings, {@code PUT} replaces that part by {@code change} (given the body
   * and the settings as they are), keeping the other parts.
   */
  private static void part(Router router, String path, Function<TenantSettings, ObjectNode> view,
      BiFunction<Body, TenantSettings, TenantSettings> change) {
    ConfigResource.View read = call -> Optional.of(view.apply(settings(call)));
    WireException none = new WireException(404, "NotFound", "unreachable: every tenant has settings");
    router.add("GET", AdminApi.TENANT + path, call -> call.server().config.get(call, read, UnaryOperator.identity(), none));
    router.add("PUT", AdminApi.TENANT + path, call -> call.server().config.put(call, read,
        () -> List.of(new Command.ConfigureTenant(change.apply(Body.of(call), settings(call))))));
  }

  private static TenantSettings settings(Call call) {
    return call.server().parley.snapshot(call.tenant()).settings();
  }

  /** The settings of a {@code PUT}: the defaults, the fields given, and the other parts as they are. */
  static TenantSettings settings(Body body, TenantSettings current) {
    TenantSettings.Builder b = TenantSettings.builder().rules(current.rules()).awayReasons(current.awayReasons())
        .autoTags(current.autoTags());
    current.tags().forEach(b::tag);
    current.historyRetention().ifPresent(b::historyRetention);
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

  /** {@code {"tags": [{"name": "refund", "colour": "#e53935"}]}}: the catalogue, in order. */
  static TenantSettings tags(Body body, TenantSettings current) {
    TenantSettings.Builder b = current.toBuilder().noTags();
    for (Body tag : body.objects("tags")) {
      String name = tag.required("name");
      String colour = tag.required("colour");
      tag.check("colour", () -> b.tag(name, colour));
    }
    return body.check("", b::build);
  }

  /** {@code {"autoTags": [{"keyword": "refund", "tag": "refunds"}]}}: every auto-tag, replaced. */
  static TenantSettings autoTags(Body body, TenantSettings current) {
    TenantSettings.Builder b = current.toBuilder().autoTags(Map.of());
    for (Body item : body.objects("autoTags")) {
      String keyword = item.required("keyword");
      String tag = item.required("tag");
      item.check("keyword", () -> b.autoTag(keyword, tag));
    }
    return body.check("", b::build);
  }

  /** {@code {"history": "P90D"}}: the tenant's own history retention; without it, the engine's. */
  static TenantSettings retention(Body body, TenantSettings current) {
    TenantSettings.Builder b = current.toBuilder().engineHistoryRetention();
    body.duration("history").ifPresent(d -> body.set("history", d, b::historyRetention));
    return body.check("", b::build);
  }

  /** The rules of a body's {@code rules}, each checked where it stands ({@code rules[2].language}). */
  static List<RoutingRule> rules(Body body) {
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
