package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The demo contact center")
class DemoCenterTest {
  private static final JsonMapper JSON = new JsonMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path data;

  private DemoCenter start() {
    return start(Optional.empty());
  }

  private DemoCenter start(Optional<Duration> clientGrace) {
    return DemoCenter.start(new DemoOptions("127.0.0.1", 0, data, "admin-token", "pw", "app-secret", "verify-me",
        Optional.empty(), "demo", clientGrace, Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** A web-chat widget's socket: the text frames it received, in order. */
  private BlockingQueue<String> widget(DemoCenter center, List<WebSocket> open) {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://" + center.uri().getAuthority() + "/ws/client"),
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              frames.add(text.toString());
              text.setLength(0);
            }
            socket.request(1);
            return null;
          }
        }).join();
    open.add(ws);
    return frames;
  }

  private static JsonNode next(BlockingQueue<String> frames, String type) throws InterruptedException {
    while (true) {
      String frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a %s frame", type).isNotNull();
      JsonNode json = JSON.readTree(frame);
      if (json.get("type").asString().equals(type)) {
        return json;
      }
    }
  }

  @Test
  @DisplayName("keeps the widgets' token key in its data directory: a client resumes after a restart, and the graces it is given are kept")
  void clientsResumeAfterARestart() throws Exception {
    List<WebSocket> open = new ArrayList<>();
    String session;
    String token;
    try (DemoCenter first = start()) {
      first.parley().tenant(DemoCenter.TENANT).setStatus(OperatorId.of("alice"), OperatorStatus.ONLINE).join();
      BlockingQueue<String> frames = widget(first, open);
      open.get(0).sendText("{\"type\":\"enter\",\"tenant\":\"demo\",\"group\":\"sales\"}", true).join();
      JsonNode entered = next(frames, "entered");
      session = entered.get("session").asString();
      token = entered.get("token").asString();
    }
    assertThat(Files.getPosixFilePermissions(data.resolve(ClientTokenKey.FILE)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (DemoCenter second = start(Optional.of(Duration.ofSeconds(30)))) {
      BlockingQueue<String> frames = widget(second, open);
      open.get(1).sendText("{\"type\":\"resume\",\"session\":\"" + session + "\",\"token\":\"" + token + "\"}", true)
          .join();
      assertThat(next(frames, "resumed").get("state").asString()).isIn("QUEUED", "OFFERED");
      assertThat(second.parley().snapshot(DemoCenter.TENANT).settings().clientGrace()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  private HttpResponse<String> get(DemoCenter center, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(center.uri() + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("serves its pages, its admin API to the admin token only, and the WhatsApp handshake")
  void serves() throws Exception {
    try (DemoCenter center = start()) {
      for (String page : new String[] {"/", "/widget.html", "/console.html", "/admin.html", "/common.js", "/style.css"}) {
        assertThat(get(center, page).statusCode()).as(page).isEqualTo(200);
      }
      assertThat(get(center, "/api/v1/tenants/demo/groups", "Authorization", "Bearer admin-token").body())
          .contains("\"sales\"").contains("\"support\"").contains("WHOLE_GROUP");
      assertThat(get(center, "/api/v1/tenants/demo/groups", "Authorization", "Bearer alice:pw").statusCode())
          .isEqualTo(403);
      assertThat(get(center, "/api/v1/tenants/demo/groups").statusCode()).isEqualTo(401);
      HttpResponse<String> handshake =
          get(center, "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
      assertThat(handshake.statusCode()).isEqualTo(200);
      assertThat(handshake.body()).isEqualTo("1158201444");
      assertThat(get(center, "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
          .statusCode()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("seeds the tenant on the first start only; a restart finds the configuration and the waiting client")
  void keepsItsDataAcrossRestarts() {
    SessionId waiting = SessionId.of("waiting-client");
    try (DemoCenter first = start()) {
      assertThat(first.seeded()).isTrue();
      Tenant demo = first.parley().tenant(DemoCenter.TENANT);
      demo.setStatus(OperatorId.of("carol"), OperatorStatus.away("lunch")).join();
      // Nobody is online: a WhatsApp client waits (a web-chat one would get the offline form).
      demo.arrive(waiting, Entry.builder(Channel.WHATSAPP).client("+420601123456").name("Jana").build()).join();
    }
    try (DemoCenter second = start()) {
      assertThat(second.seeded()).isFalse();
      assertThat(second.parley().snapshot(DemoCenter.TENANT).session(waiting)).isPresent();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DemoCommand.printWelcome(second, new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("(as stored)").contains(second.uri() + "/console.html")
          .contains("admin token: admin-token").contains("password: pw");
    }
  }
}
