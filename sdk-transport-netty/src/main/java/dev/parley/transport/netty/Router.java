package dev.parley.transport.netty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The HTTP routes, matched by method and path. Among templates that fit a path the one with the
 * most literal segments wins ({@code /sessions/export} before {@code /sessions/{session}}). A path
 * that fits no template is {@code 404}; one that fits with another method, {@code 405}.
 *
 * <p>Thread safety: built on one thread before the server starts, then read-only.
 */
final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** Every HTTP route of the server: webhooks and the admin API. */
  static Router standard() {
    Router router = new Router();
    Webhooks.register(router);
    AdminApi.register(router);
    return router;
  }

  Router add(String method, String template, Route.Handler handler) {
    routes.add(new Route(method, template, handler));
    routes.sort(Comparator.comparingInt(Route::literals).reversed());
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route and its captures for a request, or the refusal of it. */
  Matched match(String method, String rawPath) {
    List<String> path = new ArrayList<>();
    for (String segment : Route.split(rawPath)) {
      path.add(decode(segment));
    }
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> captured = route.match(path);
      if (captured.isPresent()) {
        if (route.method().equals(method)) {
          return new Matched(route, captured.get());
        }
        allowed.add(route.method());
      }
    }
    if (allowed.isEmpty()) {
      throw new WireException(404, "NotFound", "no route for " + rawPath);
    }
    throw new WireException(405, "MethodNotAllowed", method + " is not served on " + rawPath + "; try " + allowed);
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new WireException("Malformed", "the path segment " + segment + " is not valid percent-encoding");
    }
  }

  /** A route with the path segments it captured. */
  record Matched(Route route, Map<String, String> captured) {}
}
