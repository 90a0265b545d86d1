package dev.parley.transport.netty;

import dev.parley.core.event.EventType;
import dev.parley.webhooks.DeadLetter;
import dev.parley.webhooks.DeliveryStatus;
import dev.parley.webhooks.Subscription;
import dev.parley.webhooks.Webhooks;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's webhook subscriptions ({@link Webhooks}), each a piece of configuration with the
 * conventions of {@link ConfigResource}, and what their delivery does:
 *
 * <ul>
 *   <li>{@code GET …/webhooks}: every subscription, by id;
 *   <li>{@code GET|PUT|DELETE …/webhooks/{subscription}}: {@code {"url": "https://crm.example/hook",
 *       "types": ["session.queued", "session.ended"], "secret": "…"}}; without {@code types} it
 *       gets every type; the secret (16 characters or more) is never shown, and a {@code PUT}
 *       without one keeps the current;
 *   <li>{@code GET …/webhooks/{subscription}/status}: where its delivery stands ({@link
 *       DeliveryStatus});
 *   <li>{@code GET …/webhooks/{subscription}/dead-letters}: the events it gave up on;
 *   <li>{@code POST …/webhooks/{subscription}/replay} {@code {"from": "2026-06-01T08:00:00Z"}}:
 *       every subscribed event from that instant on is sent again, dead letters included.
 * </ul>
 *
 * A server built without {@link ParleyServer.Builder#webhooks} answers these routes {@code 404}.
 */
final class WebhookRoutes {
  private static final String ID = "subscription";
  private static final ConfigResource.View VIEW = call -> find(call).map(WebhookRoutes::view);

  private WebhookRoutes() {}

  static void register(Router router) {
    String all = AdminApi.TENANT + "/webhooks";
    String one = all + "/{" + ID + "}";
    router.add("GET", all, WebhookRoutes::list);
    router.add("GET", one, call -> call.server().config.get(call, VIEW, UnaryOperator.identity(), missing(call)));
    router.add("PUT", one, call -> call.server().config.replace(call, VIEW, () -> {
      webhooks(call).subscribe(call.tenant(), subscription(call));
      return List.of();
    }));
    router.add("DELETE", one, call -> call.server().config.remove(call, VIEW, () -> {
      webhooks(call).unsubscribe(call.tenant(), call.param(ID));
      return List.of();
    }));
    router.add("GET", one + "/status", WebhookRoutes::status);
    router.add("GET", one + "/dead-letters", WebhookRoutes::deadLetters);
    router.add("POST", one + "/replay", WebhookRoutes::replay);
  }

  private static Webhooks webhooks(Call call) {
    Webhooks webhooks = call.server().webhooks;
    if (webhooks == null) {
      throw new WireException(404, "NotFound", "this server delivers no webhooks: build it with ParleyServer.Builder.webhooks");
    }
    return webhooks;
  }

  private static Optional<Subscription> find(Call call) {
    return webhooks(call).subscriptions(call.tenant()).stream().filter(s -> s.id().equals(call.param(ID))).findFirst();
  }

  private static WireException missing(Call call) {
    return new WireException(404, "NoSuchSubscription", "no webhook subscription " + call.param(ID)
        + " in this tenant; create it with PUT");
  }

  private static Response list(Call call) {
    call.admin();
    ArrayNode items = Json.array();
    webhooks(call).subscriptions(call.tenant()).stream().sorted(Comparator.comparing(Subscription::id))
        .forEach(s -> items.add(view(s)));
    return Response.ok(Json.object().set("items", items));
  }

  /** A subscription without its secret, which is written and never read back; its types in their order. */
  private static ObjectNode view(Subscription s) {
    ObjectNode n = Json.object().put("id", s.id()).put("url", s.url().toString());
    ArrayNode events = n.putArray("types");
    s.events().stream().sorted().forEach(t -> events.add(t.wireName()));
    return n;
  }

  private static Subscription subscription(Call call) {
    Body body = Body.of(call);
    URI url = body.parsed("url", URI::create).orElseThrow(() ->
        WireException.field("Malformed", "url", "the field \"url\" is missing: where the events are POSTed"));
    Subscription.Builder b = body.check("url", () -> Subscription.builder(call.param(ID), url));
    List<String> types = body.strings("types");
    if (types.isEmpty()) {
      b.allEvents();
    }
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      b.events(body.check("types[" + i + "]", () -> EventType.ofWireName(type)));
    }
    String secret = body.string("secret").or(() -> find(call).map(Subscription::secret)).orElseThrow(() ->
        WireException.field("Malformed", "secret", "the field \"secret\" is missing: a new subscription needs its secret"));
    body.set("secret", secret, b::secret);
    return body.check("", b::build);
  }

  private static Response status(Call call) {
    call.admin();
    Webhooks webhooks = webhooks(call);
    DeliveryStatus s;
    try {
      s = webhooks.status(call.tenant(), call.param(ID));
    } catch (IllegalStateException e) { // the host built the delivery but has not started it
      throw new WireException(503, "Unavailable", "webhook delivery is not running on this server: " + e.getMessage());
    }
    ObjectNode n = Json.object().put("subscription", s.subscription()).put("cursor", s.cursor()).put("buffered", s.buffered())
        .put("inFlight", s.inFlight()).put("attempts", s.attempts());
    if (s.failingSince() != null) {
      n.put("failingSince", s.failingSince().toString());
    }
    if (s.lastError() != null) {
      n.put("lastError", s.lastError());
    }
    return Response.ok(n.put("delivered", s.delivered()).put("failedAttempts", s.failedAttempts())
        .put("deadLettered", s.deadLettered()));
  }

  private static Response deadLetters(Call call) {
    call.admin();
    Webhooks webhooks = webhooks(call);
    if (find(call).isEmpty()) {
      throw missing(call);
    }
    ArrayNode items = Json.array();
    for (DeadLetter d : webhooks.deadLetters(call.tenant())) {
      if (d.subscription().equals(call.param(ID))) {
        ObjectNode n = items.addObject().put("seq", d.seq()).put("eventId", d.eventId()).put("type", d.type());
        if (d.session() != null) {
          n.put("session", d.session());
        }
        n.put("at", d.at().toString()).put("failingSince", d.failingSince().toString()).put("deadAt", d.deadAt().toString())
            .put("attempts", d.attempts()).put("lastError", d.lastError());
      }
    }
    return Response.ok(Json.object().set("items", items));
  }

  private static Response replay(Call call) {
    call.admin();
    Body body = Body.of(call);
    Instant from = body.instant("from").orElseThrow(() -> WireException.field("Malformed", "from",
        "the field \"from\" is missing: the instant from which the events are sent again"));
    webhooks(call).replay(call.tenant(), call.param(ID), from);
    return Response.ok(Json.object().put("subscription", call.param(ID)).put("from", from.toString()));
  }
}
