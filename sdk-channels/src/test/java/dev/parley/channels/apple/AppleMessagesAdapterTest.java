package dev.parley.channels.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.channels.Fixtures;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.PayloadTooLargeException;
import dev.parley.core.channel.SendOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Apple Messages for Business through an MSP")
class AppleMessagesAdapterTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final ManualClock clock = new ManualClock(NOW);

  private AppleMessagesAdapter adapter(String baseUrl) {
    return AppleMessagesAdapter.builder("00000000-0000-0000-0000-000000000000", AppleTokens.SECRET, () -> "msp-token")
        .audience("msp-1").clock(clock).baseUrl(baseUrl).build();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** The fixture request: its headers, and the gzip of its body as the MSP receives it. */
  private static InboundRequest fixtureRequest(String authorization) throws IOException {
    InboundRequest.Builder b = InboundRequest.builder("POST", URI.create("https://msp.example.com/message"));
    Fixtures.text("apple-messages-for-business/incoming-text.http").lines()
        .takeWhile(l -> !l.isEmpty()).skip(1).filter(l -> !l.startsWith("Authorization"))
        .forEach(l -> b.header(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1).strip()));
    return b.header("Authorization", authorization)
        .body(gzip(Fixtures.bytes("apple-messages-for-business/incoming-text.body.json"))).build();
  }

  @Test
  @DisplayName("the gzipped message with a valid JWT becomes a client message with locale, group and intent")
  void incomingText() throws IOException {
    var delivery = (InboundResult.Delivery) adapter("https://msp.invalid/").receive(fixtureRequest(AppleTokens.bearer(AppleTokens.SECRET)));

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m -> {
      assertThat(m.id()).isEqualTo("b0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");
      assertThat(m.client()).isEqualTo(new ClientRef(Channel.APPLE_MESSAGES, "urn:mbid:AQAAY-EXAMPLE-OPAQUE-CUSTOMER-ID"));
      assertThat(m.text()).isEqualTo("Hi, I need help with my order");
      assertThat(m.entry().language()).contains("en_US");
      assertThat(m.entry().parameters()).containsEntry("group", "support").containsEntry("intent", "order-status");
    });
  }

  @Test
  @DisplayName("an expired JWT, or one for another audience, is refused")
  void badTokens() {
    String expired = "Bearer " + AppleTokens.jwt(AppleTokens.SECRET, "{\"aud\":\"msp-1\",\"exp\":1000}");
    String elsewhere = "Bearer " + AppleTokens.jwt(AppleTokens.SECRET, "{\"aud\":\"msp-2\"}");
    AppleMessagesAdapter adapter = adapter("https://msp.invalid/");

    assertThatThrownBy(() -> adapter.receive(fixtureRequest(expired))).isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> adapter.receive(fixtureRequest(elsewhere))).isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("audience");
  }

  @Test
  @DisplayName("a small gzip body that inflates past the limit is refused")
  void gzipBomb() throws IOException {
    InboundRequest bomb = InboundRequest.builder("POST", URI.create("/message"))
        .header("Authorization", AppleTokens.bearer(AppleTokens.SECRET)).header("Content-Encoding", "gzip")
        .body(gzip(new byte[5 * 1024 * 1024])).build();

    assertThat(bomb.bodyLength()).isLessThan(64 * 1024);
    assertThatThrownBy(() -> adapter("https://msp.invalid/").receive(bomb)).isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  @DisplayName("a reply goes to the MSP with matching id headers, and its id comes back")
  void send() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(0);
      server.enqueue(new MockResponse.Builder().code(200).build());
      ClientRef client = new ClientRef(Channel.APPLE_MESSAGES, "urn:mbid:abc");

      SendOutcome outcome = adapter(server.url("/v1/").toString())
          .send(Outgoing.of(client, new OutboundMessage.Text("On its way"))).toCompletableFuture().get(5, TimeUnit.SECONDS);

      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/message");
      assertThat(r.getHeaders().get("destination-id")).isEqualTo("urn:mbid:abc");
      assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer msp-token");
      assertThat(outcome).isEqualTo(new SendOutcome.Sent(r.getHeaders().get("id"), 1));
      assertThat(r.getBody().utf8()).contains("\"id\":\"" + r.getHeaders().get("id") + "\"", "\"type\":\"text\"",
          "\"body\":\"On its way\"");
    }
  }

  private static InboundRequest documented(String resource) {
    byte[] body = Fixtures.resource("apple/" + resource);
    var m = dev.parley.channels.internal.Json.parseObject(body);
    return InboundRequest.builder("POST", URI.create("https://msp.example.com/message"))
        .header("id", m.path("id").asString()).header("source-id", m.path("sourceId").asString())
        .header("destination-id", m.path("destinationId").asString()).header("device-agent", "iPhone OS")
        .header("Authorization", AppleTokens.bearer(AppleTokens.SECRET)).body(body).build();
  }

  @Test
  @DisplayName("Apple's documented text message, as the customer sends it, is a client message known by his opaque id")
  void documentedText() {
    var delivery = (InboundResult.Delivery) adapter("https://mspgw.push.apple.com/v1/").receive(documented("documented-text.json"));

    assertThat(delivery.items()).singleElement().isInstanceOfSatisfying(ClientMessage.class, m -> {
      assertThat(m.id()).isEqualTo("0c316beb-1d2e-4f3a-8b5c-6d7e8f9a0b1c");
      assertThat(m.client()).isEqualTo(new ClientRef(Channel.APPLE_MESSAGES, "urn:mbid:AQAAYyUbut6E4B3T9FLv5EbG"));
      assertThat(m.text()).isEqualTo("Hi");
      assertThat(m.entry().language()).contains("en_US");
    });
  }

  @Test
  @DisplayName("typing_end (the customer cleared his text) gives nothing: it is not the conversation's close")
  void typingEnd() {
    var delivery = (InboundResult.Delivery) adapter("https://mspgw.push.apple.com/v1/").receive(documented("typing-end.json"));

    assertThat(delivery.items()).isEmpty();
    assertThat(delivery.skipped()).isEmpty();
  }
}
