package dev.parley.transport.netty;

import dev.parley.core.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin REST API under {@code /api/v1}: every route is an administrator's of the tenant in
 * its path ({@code 401} without a valid token, {@code 403} for anyone else). The OpenAPI
 * document at {@code /api/v1/openapi.json} describes it, and a test holds the two together.
 */
final class AdminApi {
  static final String PREFIX = "/api/v1";
  static final String TENANT = PREFIX + "/tenants/{tenant}";
  private static final String OPENAPI = "openapi.json";

  private AdminApi() {}

  static void register(Router router) {
    SessionRoutes.register(router);
    DirectoryRoutes.register(router);
    TenantRoutes.register(router);
    ConfigRoutes.register(router);
    PrivacyRoutes.register(router);
    StatsRoutes.register(router);
    WebhookRoutes.register(router);
    CatalogueRoutes.register(router);
    String document = openApi();
    router.add("GET", PREFIX + "/openapi.json", call -> new Response.Text(200, "application/json", document));
  }

  /** The events a command caused, as the answer to it: {@code {"events": [{"type": …, "session": …}]}}. */
  static ObjectNode events(List<Event> events) {
    ObjectNode body = Json.object();
    ArrayNode array = body.putArray("events");
    for (Event e : events) {
      ObjectNode n = array.addObject().put("type", e.getClass().getSimpleName()).put("at", e.at().toString());
      if (e instanceof Event.SessionEvent) {
        n.put("session", ((Event.SessionEvent) e).session().value());
        n.put("state", ((Event.SessionEvent) e).state().name());
      }
    }
    return body;
  }

  private static String openApi() {
    try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI + " is missing beside " + AdminApi.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
