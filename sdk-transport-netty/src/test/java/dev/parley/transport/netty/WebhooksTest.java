package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.Fixtures;
import dev.parley.channels.vk.VkAdapter;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Parley;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Channel webhooks over a real HTTP connection")
class WebhooksTest {
  private static final MediaType JSON = MediaType.get("application/json");

  private final Center center = new Center((parley, b) -> b.maxRequestBytes(4096)
      .idleTimeout(java.time.Duration.ofMillis(300)).gateway(ACME, gateway(parley)));

  private static ChannelGateway gateway(Parley parley) {
    return ChannelGateway.builder(parley, ACME)
        .adapter(WhatsAppAdapter.builder("106540352242922", "token-1", Fixtures.APP_SECRET, "meatyhamhock")
            .baseUrl("http://127.0.0.1:9/").build())
        .adapter(VkAdapter.builder(123456789, "community-token", "test-callback-secret", "a1b2c3d4")
            .baseUrl("http://127.0.0.1:9/").build())
        .build();
  }

  @AfterEach
  void stop() {
    center.close();
  }

  private Center.Answer post(String path, byte[] body, String... headers) throws IOException {
    Request.Builder request = new Request.Builder().url(center.url(path)).post(RequestBody.create(body, JSON));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return center.call(request.build());
  }

  private Center.Answer get(String path) throws IOException {
    return center.call(new Request.Builder().url(center.url(path)).build());
  }

  @Test
  @DisplayName("a WhatsApp delivery, signed over its exact bytes, opens the client's session and is answered 200")
  void whatsAppDelivery() throws IOException {
    byte[] body = Fixtures.bytes("whatsapp/incoming-text.json");
    Center.Answer answer = post("/webhooks/whatsapp", body,
        "X-Hub-Signature-256", Fixtures.hubSignature("whatsapp/incoming-text.signature.txt"));

    assertThat(answer.status()).isEqualTo(200);
    List<SessionRecord> live = center.storage.sessions().live("acme");
    assertThat(live).singleElement().satisfies(s -> assertThat(s.clientName()).contains("Sheena Nelson"));
    assertThat(center.storage.transcripts().transcript("acme", live.get(0).id())).extracting(MessageRecord::text)
        .containsExactly("Does it come in another color?");
  }

  @Test
  @DisplayName("Meta's verification handshake is answered with the challenge, on both webhook paths")
  void whatsAppHandshake() throws IOException {
    String query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";

    assertThat(get("/webhooks/whatsapp" + query)).satisfies(a -> {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).isEqualTo("1158201444");
    });
    assertThat(get("/webhooks/acme/whatsapp" + query).body()).isEqualTo("1158201444");
    assertThat(get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong").status())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("VK gets its confirmation string and the plain ok it expects")
  void vk() throws IOException {
    assertThat(post("/webhooks/vk", Fixtures.bytes("vk/confirmation.json")).body()).isEqualTo("a1b2c3d4");

    Center.Answer answer = post("/webhooks/vk", Fixtures.bytes("vk/message_new.json"));

    assertThat(answer.body()).isEqualTo("ok");
    assertThat(center.storage.sessions().live("acme")).singleElement()
        .satisfies(s -> assertThat(s.channel()).isEqualTo("VKONTAKTE"));
  }

  @Test
  @DisplayName("a forged delivery gets the adapter's 4xx as a typed error, and nothing is kept")
  void forged() throws IOException {
    Center.Answer answer = post("/webhooks/whatsapp", Fixtures.bytes("whatsapp/incoming-text.json"),
        "X-Hub-Signature-256", "sha256=" + "0".repeat(64));

    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.json().at("/error/type").asString()).isEqualTo("BadSignature");
    assertThat(center.storage.sessions().live("acme")).isEmpty();
  }

  @Test
  @DisplayName("unknown channels, channels without an adapter, tenants without a gateway are 404")
  void unknown() throws IOException {
    assertThat(post("/webhooks/myspace", new byte[] {'{', '}'}).json().at("/error/type").asString()).isEqualTo("NotFound");
    assertThat(post("/webhooks/messenger", new byte[] {'{', '}'}).status()).isEqualTo(404);
    assertThat(post("/webhooks/globex/whatsapp", new byte[] {'{', '}'}).status()).isEqualTo(404);
    assertThat(center.call(new Request.Builder().url(center.url("/webhooks/whatsapp")).delete().build()).status())
        .isEqualTo(405);
    assertThat(get("/nowhere").json().at("/error/type").asString()).isEqualTo("NotFound");
  }

  @Test
  @DisplayName("a body over the limit is refused with 413 before it is read")
  void tooLarge() throws IOException {
    Center.Answer answer = post("/webhooks/whatsapp", new byte[5000]);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().at("/error/type").asString()).isEqualTo("TooLarge");
  }

  @Test
  @DisplayName("a connection that stays silent is closed after the idle time-out")
  void idle() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", center.server.port())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1); // closed by the server, not by our time-out
    }
  }

  @Test
  @DisplayName("pipelined requests are answered one by one, in the order they came")
  void pipelined() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", center.server.port())) {
      socket.setSoTimeout(10_000);
      String verify = "GET /webhooks/whatsapp?hub.mode=subscribe&hub.challenge=%s&hub.verify_token=meatyhamhock HTTP/1.1\r\n"
          + "Host: localhost\r\n\r\n";
      socket.getOutputStream().write((String.format(verify, "111") + String.format(verify, "222")
          + "GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answers.indexOf("\r\n\r\n111")).isPositive().isLessThan(answers.indexOf("\r\n\r\n222"));
      assertThat(answers.indexOf("HTTP/1.1 404")).isGreaterThan(answers.indexOf("\r\n\r\n222"));
    }
  }

  @Test
  @DisplayName("a request that is not HTTP gets 400 and a close")
  void garbage() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", center.server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("HELLO THERE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
  }
}
