package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static dev.parley.transport.netty.Center.BOB;
import static dev.parley.transport.netty.Center.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("WebSocket refusals: each gets a typed error and changes nothing")
class WebSocketRefusalsTest {
  private final Center center = new Center((parley, b) -> b.maxFrameBytes(1024).rateLimit(200, 200));

  @AfterEach
  void stop() {
    center.close();
  }

  /** A client in a session alice accepted: his socket, session id and token. */
  private record Served(Ws socket, String session, String token) {}

  private Served served(Ws alice) throws InterruptedException {
    Ws client = Ws.open(center, "/ws/client");
    client.send("{\"type\":\"enter\",\"tenant\":\"acme\"}");
    JsonNode entered = client.next("entered");
    String session = entered.get("session").asString();
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a\"}");
    alice.next("ok");
    client.next("joined");
    return new Served(client, session, entered.get("token").asString());
  }

  private SessionState state(String session) {
    return center.acme.snapshot().session(SessionId.of(session)).orElseThrow().state();
  }

  @Test
  @DisplayName("a client cannot touch another client's session: not without entering, not with another's or a forged token")
  void clientOnlyOwnSession() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Served jana = served(alice);
    Served petr = served(alice);

    Ws stranger = Ws.open(center, "/ws/client");
    stranger.send("{\"type\":\"message\",\"text\":\"hi\",\"ref\":\"r1\"}");
    assertThat(stranger.error("Unauthorized").get("ref").asString()).isEqualTo("r1");
    stranger.send("{\"type\":\"resume\",\"session\":\"" + jana.session() + "\",\"token\":\"" + petr.token() + "\"}");
    stranger.error("Forbidden");
    stranger.send("{\"type\":\"resume\",\"session\":\"" + jana.session() + "\",\"token\":\"" + jana.token() + "x\"}");
    stranger.error("Forbidden");
    stranger.send("{\"type\":\"leave\"}");
    stranger.error("Unauthorized");

    petr.socket().send("{\"type\":\"message\",\"text\":\"mine\",\"session\":\"" + jana.session() + "\"}");
    assertThat(alice.next("message").get("session").asString()).isEqualTo(petr.session());
    assertThat(center.storage.transcripts().transcript("acme", jana.session())).isEmpty();
    assertThat(state(jana.session())).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  @DisplayName("an operator cannot act on another operator's session, nor note, preview or type into it")
  void operatorOnlyHisSessions() throws Exception {
    center.acme.setStatus(BOB, dev.parley.core.OperatorStatus.AWAY).join();
    Ws alice = center.console(center.operatorToken(ALICE));
    Served jana = served(alice);
    Ws bob = center.console(center.operatorToken(BOB));
    String s = jana.session();

    for (String frame : new String[] {
        "{\"type\":\"send\",\"session\":\"" + s + "\",\"text\":\"hijack\"}",
        "{\"type\":\"end\",\"session\":\"" + s + "\"}",
        "{\"type\":\"tag\",\"session\":\"" + s + "\",\"tag\":\"x\"}",
        "{\"type\":\"note\",\"session\":\"" + s + "\",\"text\":\"x\"}",
        "{\"type\":\"preview\",\"session\":\"" + s + "\"}",
        "{\"type\":\"typing\",\"session\":\"" + s + "\"}",
        "{\"type\":\"block\",\"session\":\"" + s + "\",\"reason\":\"x\"}",
        "{\"type\":\"redirect\",\"session\":\"" + s + "\",\"group\":\"sales\"}"}) {
      bob.send(frame);
      bob.error("NotPermitted");
    }
    assertThat(state(s)).isEqualTo(SessionState.ACTIVE);
    assertThat(center.acme.snapshot().session(SessionId.of(s)).orElseThrow().notes()).isEmpty();
    assertThat(center.storage.transcripts().transcript("acme", s)).isEmpty();
    assertThat(center.storage.blacklist().list("acme")).isEmpty();
  }

  @Test
  @DisplayName("an operator of another tenant does not see the session at all; an admin's token is no operator's")
  void otherTenant() throws Exception {
    OperatorId gina = OperatorId.of("gina");
    center.parley.tenant(GLOBEX).defineOperator(OperatorSpec.builder(gina).group(Center.SALES)
        .channel(Channel.WEB_CHAT, 3).build()).join();
    Ws alice = center.console(center.operatorToken(ALICE));
    Served jana = served(alice);
    Ws globex = center.console(center.tokens.issue(Principal.operator(GLOBEX, gina), Duration.ofHours(1)));

    globex.send("{\"type\":\"end\",\"session\":\"" + jana.session() + "\"}");
    globex.error("NoSuchSession");
    globex.send("{\"type\":\"send\",\"session\":\"" + jana.session() + "\",\"text\":\"x\"}");
    globex.error("NoSuchSession");
    assertThat(state(jana.session())).isEqualTo(SessionState.ACTIVE);

    Ws admin = Ws.open(center, "/ws/operator");
    admin.send("{\"type\":\"login\",\"token\":\"" + center.adminToken(ACME) + "\"}");
    admin.error("Forbidden");
    admin.send("{\"type\":\"login\",\"token\":\"garbage\"}");
    admin.error("Unauthorized");
    admin.send("{\"type\":\"accept\",\"session\":\"" + jana.session() + "\"}");
    admin.error("Unauthorized");
  }

  @Test
  @DisplayName("a browser page of an origin not allowed cannot open a socket")
  void badOrigin() {
    Ws ws = new Ws(center.http, new Request.Builder().url(center.url("/ws/client")).header("Origin", "https://evil.example").build());
    assertThatThrownBy(ws.opened::join).isInstanceOf(CompletionException.class).hasMessageContaining("403");
    Ws allowed = new Ws(center.http, new Request.Builder().url(center.url("/ws/client")).header("Origin", "https://shop.example").build());
    assertThat(allowed.opened.join().code()).isEqualTo(101);
  }

  @Test
  @DisplayName("malformed JSON, unknown types, wrong ids and fields of the wrong type get typed errors on a live connection")
  void badFrames() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    alice.send("{\"type\":\"accept\",");
    alice.error("Malformed");
    alice.send("[1,2]");
    alice.error("Malformed");
    alice.send("{\"type\":\"dance\",\"ref\":\"d\"}");
    assertThat(alice.error("UnknownType").get("ref").asString()).isEqualTo("d");
    alice.send("{\"type\":\"accept\",\"session\":\"no-such-session\"}");
    alice.error("NoSuchSession");
    alice.send("{\"type\":\"accept\",\"session\":\"" + "x".repeat(300) + "\"}");
    alice.error("InvalidArgument");
    alice.send("{\"type\":\"accept\",\"session\":42}");
    JsonNode wrongType = alice.error("Malformed");
    assertThat(wrongType.get("message").asString()).contains("session");

    Ws client = Ws.open(center, "/ws/client");
    client.send("{\"type\":\"enter\",\"tenant\":\"initech\"}");
    client.error("NoSuchTenant");
    client.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"pageUrl\":\"javascript:alert(1)\"}");
    client.error("InvalidArgument");
    assertThat(center.acme.snapshot().sessions()).isEmpty();
  }

  @Test
  @DisplayName("an oversized frame gets TooLarge and the socket goes on; one past the hard limit closes it with 1009")
  void oversized() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    alice.send("{\"type\":\"note\",\"session\":\"s\",\"text\":\"" + "x".repeat(2000) + "\"}");
    alice.error("TooLarge");
    alice.send("{\"type\":\"picker\"}");
    alice.next("picker");

    alice.send("{\"type\":\"note\",\"session\":\"s\",\"text\":\"" + "x".repeat(5000) + "\"}");
    assertThat(alice.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
  }

  @Test
  @DisplayName("frames beyond the connection's rate get RateLimited and are not acted on")
  void rateLimited() throws Exception {
    try (Center slow = new Center((parley, b) -> b.rateLimit(1, 3))) {
      Ws client = Ws.open(slow, "/ws/client");
      for (int i = 0; i < 30; i++) {
        client.send("{\"type\":\"typing\",\"ref\":\"t" + i + "\"}");
      }
      JsonNode first = client.next("error");
      assertThat(first.get("code").asString()).isEqualTo("Unauthorized"); // the burst of 3, acted on
      client.next("error");
      client.next("error");
      assertThat(client.error("RateLimited").has("ref")).isFalse();
    }
  }
}
