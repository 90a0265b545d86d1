package dev.parley.transport.netty;

import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.Parley;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.stats.StatisticsSettings;
import dev.parley.storage.InMemoryStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BiFunction;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A small contact center on a real engine behind a real server on an ephemeral loopback port:
 * tenants {@code acme} (group {@code sales}, operators {@code alice} and {@code bob}) and {@code
 * globex}, with tokens for their people and an HTTP client. The engine keeps an outbox, for mailers and
 * webhooks, and samples its statistics' history every second.
 */
final class Center implements AutoCloseable {
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final GroupId SALES = GroupId.of("sales");
  static final OperatorId ALICE = OperatorId.of("alice");
  static final OperatorId BOB = OperatorId.of("bob");
  static final MediaType JSON = MediaType.get("application/json");

  final InMemoryStorage storage = new InMemoryStorage();
  final Parley parley;
  final Tenant acme;
  final SignedTokens tokens = SignedTokens.withRandomKey();
  final ParleyServer server;
  final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

  Center() {
    this((parley, b) -> b);
  }

  /** With the server's builder adjusted by {@code settings}, given the engine. */
  Center(BiFunction<Parley, ParleyServer.Builder, ParleyServer.Builder> settings) {
    this(Clock.systemUTC(), settings);
  }

  /** On the engine's clock {@code clock} (a {@code ManualClock} moves the deadlines by hand). */
  Center(Clock clock, BiFunction<Parley, ParleyServer.Builder, ParleyServer.Builder> settings) {
    parley = Parley.builder().storage(storage).clock(clock).outbox()
        .statistics(StatisticsSettings.builder().history(Duration.ofMinutes(10), Duration.ofSeconds(1)).build()).build();
    acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).offerTimeout(Duration.ofMinutes(5)).wrapUpLimit(Duration.ofMinutes(5))
        .build()).join();
    acme.configure(TenantSettings.builder().defaultGroup(SALES).operatorsMayBlock(true).build()).join();
    for (OperatorId op : new OperatorId[] {ALICE, BOB}) {
      acme.defineOperator(OperatorSpec.builder(op).group(SALES).channel(Channel.WEB_CHAT, 3)
          .channel(Channel.WHATSAPP, 3).channel(Channel.VKONTAKTE, 3).build()).join();
    }
    parley.tenant(GLOBEX).defineGroup(GroupSpec.builder(SALES).build()).join();
    server = settings.apply(parley, ParleyServer.builder(parley).port(0).authenticator(tokens).tenant(ACME).tenant(GLOBEX)
        .allowOrigin("https://shop.example")).build().start();
  }

  String url(String path) {
    return server.uri() + path;
  }

  String adminToken(TenantId tenant) {
    return tokens.issue(Principal.admin(tenant, "root"), Duration.ofHours(1));
  }

  String operatorToken(OperatorId operator) {
    return tokens.issue(Principal.operator(ACME, operator), Duration.ofHours(1));
  }

  /** An operator console logged in with {@code token}, its welcome received. */
  Ws console(String token) throws InterruptedException {
    Ws console = Ws.open(this, "/ws/operator");
    console.send("{\"type\":\"login\",\"token\":\"" + token + "\",\"ref\":\"login\"}");
    org.assertj.core.api.Assertions.assertThat(console.next("welcome").get("ref").asString()).isEqualTo("login");
    return console;
  }

  /**
   * A call and its answer, read whole; an answer of the admin API is held to the OpenAPI
   * document ({@link OpenApiDocument#check}), so a route, status or field it lacks fails the test.
   */
  Answer call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      Answer answer = new Answer(response.code(), response.header("Content-Type", ""), response.body().string(),
          response.header("ETag"));
      OpenApiDocument.SERVED.check(request.method(), request.url().encodedPath(), answer.status(), answer.contentType(),
          answer.body());
      return answer;
    }
  }

  Answer get(String path, String token) throws IOException {
    return call(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + token).build());
  }

  Answer send(String method, String path, String token, String json) throws IOException {
    return send(method, path, token, json, new String[0]);
  }

  /** A call with a JSON body (or none) and more headers, given as name, value, name, value… */
  Answer send(String method, String path, String token, String json, String... headers) throws IOException {
    RequestBody body = json == null ? null : RequestBody.create(json, JSON);
    Request.Builder request = new Request.Builder().url(url(path)).header("Authorization", "Bearer " + token)
        .method(method, body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return call(request.build());
  }

  @Override
  public void close() {
    server.close();
    parley.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** An HTTP answer, with its {@code ETag} when it had one. */
  record Answer(int status, String contentType, String body, String etag) {
    /** The body as JSON. */
    tools.jackson.databind.JsonNode json() {
      return Json.MAPPER.readTree(body);
    }

    /** Asserts a {@code 400} that names {@code field} as the one at fault. */
    void assertRefusedField(String field) {
      org.assertj.core.api.Assertions.assertThat(status).as(body).isEqualTo(400);
      org.assertj.core.api.Assertions.assertThat(json().at("/error/field").asString()).as(body).isEqualTo(field);
    }
  }
}
