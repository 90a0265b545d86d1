package dev.parley.transport.netty;

import dev.parley.core.OperatorId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.HeroCards;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.storage.TemplateRecord;
import dev.parley.storage.TemplateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tenant's operators send besides their own words: templates (canned answers, from the
 * storage's {@link TemplateStore}) and hero cards ({@link HeroCards}), each a piece of
 * configuration with the conventions of {@link ConfigResource}, and each operator's starred
 * templates.
 *
 * <ul>
 *   <li>{@code GET …/templates}, {@code GET|PUT|DELETE …/templates/{template}}: {@code {"title":
 *       "Opening hours", "text": "We are open 8-18.", "language": "en"}} (no language: any);
 *       removing a template removes its stars;
 *   <li>{@code GET …/operators/{operator}/starred-templates}: the templates he starred;
 *       {@code PUT|DELETE …/operators/{operator}/starred-templates/{template}} stars and unstars
 *       one ({@code 204}, the same again changes nothing);
 *   <li>{@code GET …/hero-cards}, {@code GET|PUT|DELETE …/hero-cards/{card}}: {@code {"title":
 *       "Returns", "subtitle": "30 days, free", "imageUrl": "https://…", "buttons": [{"title":
 *       "Start a return", "url": "https://…"}, {"title": "Talk to us", "payload": "talk"}]}}, at
 *       most three buttons, each a link ({@code url}) or a postback ({@code payload}).
 * </ul>
 */
final class CatalogueRoutes {
  private static final String TEMPLATE = "template";
  private static final String CARD = "card";
  private static final ConfigResource.View TEMPLATE_VIEW = call -> template(call).map(CatalogueRoutes::view);
  private static final ConfigResource.View CARD_VIEW =
      call -> cards(call).find(call.tenant(), call.param(CARD)).map(CatalogueRoutes::view);

  private CatalogueRoutes() {}

  static void register(Router router) {
    String templates = AdminApi.TENANT + "/templates";
    router.add("GET", templates, call -> items(call, templates(call).list(call.tenant().value()).stream()
        .map(CatalogueRoutes::view).toList()));
    router.add("GET", templates + "/{template}", call -> call.server().config.get(call, TEMPLATE_VIEW,
        UnaryOperator.identity(), missing("NoSuchTemplate", "template", call.param(TEMPLATE))));
    router.add("PUT", templates + "/{template}", call -> call.server().config.replace(call, TEMPLATE_VIEW, () -> {
      templates(call).put(template(call.tenant(), call.param(TEMPLATE), Body.of(call)));
      return List.of();
    }));
    router.add("DELETE", templates + "/{template}", call -> call.server().config.remove(call, TEMPLATE_VIEW, () -> {
      templates(call).remove(call.tenant().value(), call.param(TEMPLATE));
      return List.of();
    }));

    String starred = AdminApi.TENANT + "/operators/{operator}/starred-templates";
    router.add("GET", starred, call -> items(call, templates(call).starred(call.tenant().value(), operator(call)).stream()
        .map(CatalogueRoutes::view).toList()));
    router.add("PUT", starred + "/{template}", call -> star(call, true));
    router.add("DELETE", starred + "/{template}", call -> star(call, false));

    String cards = AdminApi.TENANT + "/hero-cards";
    router.add("GET", cards, call -> {
      List<ObjectNode> all = new ArrayList<>();
      cards(call).list(call.tenant()).forEach((id, card) -> all.add(view(card).put("id", id)));
      return items(call, all);
    });
    router.add("GET", cards + "/{card}", call -> call.server().config.get(call, CARD_VIEW, n -> n.put("id", call.param(CARD)),
        missing("NoSuchCard", "hero card", call.param(CARD))));
    router.add("PUT", cards + "/{card}", call -> call.server().config.replace(call, CARD_VIEW, () -> {
      Body body = Body.of(call);
      OutboundMessage.Card card = card(body);
      body.check("", () -> {
        cards(call).put(call.tenant(), call.param(CARD), card);
        return card;
      });
      return List.of();
    }));
    router.add("DELETE", cards + "/{card}", call -> call.server().config.remove(call, CARD_VIEW, () -> {
      cards(call).remove(call.tenant(), call.param(CARD));
      return List.of();
    }));
  }

  private static TemplateStore templates(Call call) {
    return call.server().parley.storage().templates();
  }

  private static HeroCards cards(Call call) {
    return new HeroCards(call.server().parley.storage());
  }

  private static Optional<TemplateRecord> template(Call call) {
    return templates(call).find(call.tenant().value(), call.param(TEMPLATE));
  }

  private static WireException missing(String type, String what, String id) {
    return new WireException(404, type, "no " + what + " " + id + " in this tenant; create it with PUT");
  }

  private static Response items(Call call, List<ObjectNode> items) {
    call.admin();
    ArrayNode array = Json.array();
    items.forEach(array::add);
    return Response.ok(Json.object().set("items", array));
  }

  /** The path's operator, who must be one of the tenant's. */
  private static String operator(Call call) {
    String id = call.param("operator");
    boolean known;
    try {
      known = call.server().parley.snapshot(call.tenant()).operator(OperatorId.of(id)).isPresent();
    } catch (IllegalArgumentException e) {
      known = false;
    }
    if (!known) {
      throw new WireException(404, "NoSuchOperator", "no operator " + id + " in this tenant");
    }
    return id;
  }

  private static Response star(Call call, boolean starred) {
    call.admin();
    String operator = operator(call);
    if (template(call).isEmpty()) {
      throw missing("NoSuchTemplate", "template", call.param(TEMPLATE));
    }
    templates(call).star(call.tenant().value(), operator, call.param(TEMPLATE), starred);
    return Response.noContent();
  }

  private static ObjectNode view(TemplateRecord t) {
    ObjectNode n = Json.object().put("id", t.id()).put("title", t.title()).put("text", t.text());
    if (t.language() != null) {
      n.put("language", t.language());
    }
    return n;
  }

  /** The template of a {@code PUT}'s body; the id is the path's. */
  static TemplateRecord template(TenantId tenant, String id, Body body) {
    String title = body.required("title");
    String text = body.required("text");
    String language = body.string("language").orElse(null);
    return body.check("", () -> new TemplateRecord(tenant.value(), id, title, text, language));
  }

  /** A card as its {@code PUT} takes it; the id is the path's. */
  private static ObjectNode view(OutboundMessage.Card card) {
    ObjectNode n = Json.object().put("title", card.title()).put("subtitle", card.subtitle());
    if (card.imageUrl() != null) {
      n.put("imageUrl", card.imageUrl().toString());
    }
    ArrayNode buttons = n.putArray("buttons");
    for (OutboundMessage.Button b : card.buttons()) {
      ObjectNode button = buttons.addObject().put("title", b.title());
      if (b.url() != null) {
        button.put("url", b.url().toString());
      } else {
        button.put("payload", b.payload());
      }
    }
    return n;
  }

  /** The card of a {@code PUT}'s body: at most three buttons, each a link or a postback. */
  static OutboundMessage.Card card(Body body) {
    String title = body.required("title");
    String subtitle = body.string("subtitle").orElse("");
    URI image = body.parsed("imageUrl", CatalogueRoutes::absolute).orElse(null);
    List<OutboundMessage.Button> buttons = new ArrayList<>();
    for (Body b : body.objects("buttons")) {
      String label = b.required("title");
      Optional<URI> url = b.parsed("url", CatalogueRoutes::absolute);
      String payload = b.string("payload").orElse("");
      if (url.isEmpty() && payload.isEmpty()) {
        throw WireException.field("Malformed", b.path("payload"), "the field \"" + b.path("payload")
            + "\" is missing: a button opens its url or sends its payload back");
      }
      buttons.add(b.check("", () -> new OutboundMessage.Button(label, payload, url.orElse(null))));
    }
    if (buttons.size() > HeroCards.MAX_BUTTONS) {
      throw WireException.field("InvalidArgument", "buttons", "buttons: a card has at most " + HeroCards.MAX_BUTTONS
          + " buttons (WhatsApp's limit), not " + buttons.size());
    }
    return body.check("", () -> new OutboundMessage.Card(title, subtitle, image, buttons));
  }

  private static URI absolute(String text) {
    URI uri = URI.create(text);
    if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new IllegalArgumentException("expected an absolute http(s) URL, not " + text);
    }
    return uri;
  }
}
