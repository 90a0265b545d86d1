package dev.parley.transport.netty;

import dev.parley.core.TenantId;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request as a route sees it on its worker thread: the path's captures, the query, the
 * headers and the raw body bytes (copied off the I/O buffers, so the route may take its time).
 *
 * <p>Thread safety: confined to the worker serving the request.
 */
final class Call {
  /** The cookie that may carry the bearer token, for browsers. */
  static final String TOKEN_COOKIE = "parley_token";

  private final ServerContext server;
  private final String method;
  private final String uri;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Map<String, String> captured;
  private final QueryStringDecoder query;

  Call(ServerContext server, String method, String uri, HttpHeaders headers, byte[] body, Map<String, String> captured) {
    this.server = server;
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    this.captured = captured;
    this.query = new QueryStringDecoder(uri);
  }

  ServerContext server() {
    return server;
  }

  String method() {
    return method;
  }

  /** The request target as sent: path and query. */
  String uri() {
    return uri;
  }

  HttpHeaders headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  /** The body as one JSON object. */
  JsonNode json() {
    return Json.object(body);
  }

  /** A captured path segment. */
  String param(String name) {
    String value = captured.get(name);
    if (value == null) {
      throw new IllegalStateException("the route captures no {" + name + "}");
    }
    return value;
  }

  /** The first value of a query parameter, when present and not blank. */
  Optional<String> query(String name) {
    List<String> values = query.parameters().get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a query parameter. */
  List<String> queryAll(String name) {
    return query.parameters().getOrDefault(name, List.of());
  }

  /** The tenant the path names. */
  TenantId tenant() {
    try {
      return TenantId.of(param("tenant"));
    } catch (IllegalArgumentException e) {
      throw new WireException(404, "NotFound", "no such tenant: " + e.getMessage());
    }
  }

  /**
   * The administrator of the path's tenant who makes this call.
   *
   * @throws WireException 401 without a valid credential, 403 for anyone but an administrator of
   *     the path's tenant
   */
  Principal admin() {
    Principal principal = principal();
    if (principal.kind() != Principal.Kind.ADMIN || !principal.tenant().equals(tenant())) {
      throw new WireException(403, "Forbidden", principal + " may not administer tenant " + tenant());
    }
    return principal;
  }

  /** Who makes this call, by his bearer token or token cookie. */
  Principal principal() {
    String credential = credential()
        .orElseThrow(() -> new WireException(401, "Unauthorized", "send a bearer token: Authorization: Bearer <token>"));
    return server.authenticate(credential)
        .orElseThrow(() -> new WireException(401, "Unauthorized", "the token is not valid; get a new one"));
  }

  private Optional<String> credential() {
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    String cookies = headers.get(HttpHeaderNames.COOKIE);
    if (cookies != null) {
      for (Cookie c : ServerCookieDecoder.STRICT.decode(cookies)) {
        if (c.name().equals(TOKEN_COOKIE) && !c.value().isBlank()) {
          return Optional.of(c.value());
        }
      }
    }
    return Optional.empty();
  }

  /** Waits for the engine's answer within the server's command time-out; its failure is thrown. */
  <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(server.limits().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
