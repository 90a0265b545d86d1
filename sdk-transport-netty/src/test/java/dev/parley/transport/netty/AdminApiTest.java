package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static dev.parley.transport.netty.Center.BOB;
import static dev.parley.transport.netty.Center.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("The admin REST API")
class AdminApiTest {
  private final Center center = new Center();
  private final String admin = center.adminToken(ACME);
  private static final String API = "/api/v1/tenants/acme";

  @AfterEach
  void stop() {
    center.close();
  }

  /** Alice online; a client arrives and alice takes him, writes, tags, and ends. */
  private SessionId served(String id, String text, String tag) {
    center.acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    SessionId s = SessionId.of(id);
    center.acme.arrive(s, Entry.builder(Channel.WEB_CHAT).client("visitor-" + id).name("Jana " + id)
        .pageUrl("https://shop.example/cart").build()).join();
    center.acme.accept(s, ALICE).join();
    center.acme.post(s, Actor.CLIENT, id + "-m1", text).join();
    center.acme.tag(s, Actor.operator(ALICE), tag).join();
    center.acme.end(s, Actor.operator(ALICE)).join();
    center.acme.completeWrapUp(s, ALICE, "solved").join();
    return s;
  }

  @Nested
  @DisplayName("refuses")
  class Refusals {
    @Test
    @DisplayName("a call without a token (401), with a bad token (401), of another tenant's admin or an operator (403)")
    void refusals() throws IOException {
      Center.Answer none = center.call(new Request.Builder().url(center.url(API + "/sessions")).build());
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().at("/error/type").asString()).isEqualTo("Unauthorized");
      assertThat(center.get(API + "/sessions", "forged.token").status()).isEqualTo(401);
      assertThat(center.get(API + "/sessions", center.adminToken(GLOBEX)).json().at("/error/type").asString())
          .isEqualTo("Forbidden");
      assertThat(center.get(API + "/statistics", center.operatorToken(ALICE)).status()).isEqualTo(403);
      assertThat(center.send("PUT", API + "/blacklist/web-chat/v-9", center.adminToken(GLOBEX), "{\"reason\":\"x\"}")
          .status()).isEqualTo(403);
      assertThat(center.storage.blacklist().list("acme")).isEmpty();
    }

    @Test
    @DisplayName("malformed JSON, missing fields and unknown sessions with a typed 4xx, changing nothing")
    void badInput() throws IOException {
      center.acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
      assertThat(center.send("PUT", API + "/blacklist/web-chat/v-9", admin, "{\"reason\":").json().at("/error/type")
          .asString()).isEqualTo("Malformed");
      assertThat(center.send("PUT", API + "/blacklist/web-chat/v-9", admin, "{}").status()).isEqualTo(400);
      assertThat(center.send("POST", API + "/sessions/nope/reroute", admin, "{\"group\":\"sales\"}").json()
          .at("/error/type").asString()).isEqualTo("NoSuchSession");
      assertThat(center.get(API + "/sessions/nope", admin).status()).isEqualTo(404);
      assertThat(center.get(API + "/sessions?from=yesterday", admin).json().at("/error/type").asString())
          .isEqualTo("InvalidArgument");
      assertThat(center.send("PUT", API + "/groups/sales", admin, "{\"maxQueueLength\":\"many\"}").status()).isEqualTo(400);
      assertThat(center.storage.blacklist().list("acme")).isEmpty();
    }
  }

  @Test
  @DisplayName("the history answers every filter and pages through with its cursor")
  void history() throws IOException {
    served("s1", "where is my refund", "billing");
    served("s2", "the parcel is late", "delivery");
    served("s3", "another refund please", "billing");

    JsonNode billing = center.get(API + "/sessions?tag=billing&order=oldest", admin).json();
    assertThat(billing.at("/items").valueStream().map(n -> n.get("id").asString()).toList()).containsExactly("s1", "s3");
    assertThat(center.get(API + "/sessions?q=parcel", admin).json().at("/items/0/id").asString()).isEqualTo("s2");
    assertThat(center.get(API + "/sessions?operator=alice&liveness=closed&channel=web_chat&pageUrl=cart", admin).json()
        .at("/items").size()).isEqualTo(3);
    assertThat(center.get(API + "/sessions?operator=bob", admin).json().at("/items").size()).isZero();

    List<String> ids = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page = center.get(API + "/sessions?limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), admin).json();
      page.at("/items").forEach(n -> ids.add(n.get("id").asString()));
      cursor = page.has("next") ? page.get("next").asString() : "";
    } while (!cursor.isEmpty());
    assertThat(ids).containsExactly("s3", "s2", "s1");
  }

  @Test
  @DisplayName("a session in detail has its transcript, transitions and, while live, why it went where it went")
  void detail() throws IOException {
    served("s1", "where is my refund", "billing");
    JsonNode ended = center.get(API + "/sessions/s1", admin).json();
    assertThat(ended.at("/transcript/0/text").asString()).isEqualTo("where is my refund");
    assertThat(ended.at("/result").asString()).isEqualTo("solved");
    assertThat(ended.at("/transitions").size()).isGreaterThan(2);
    assertThat(ended.has("explanation")).isFalse();

    center.acme.arrive(SessionId.of("s2"), Entry.builder(Channel.WEB_CHAT).build()).join();
    JsonNode live = center.get(API + "/sessions/s2", admin).json();
    assertThat(live.at("/explanation/candidates").size()).isEqualTo(2);
    assertThat(center.get(API + "/sessions/live", admin).json().at("/items/0/session").asString()).isEqualTo("s2");
  }

  @Test
  @DisplayName("the export streams CSV and HTML in chunks")
  void export() throws IOException {
    served("s1", "where is my refund", "billing");
    served("s2", "=cmd|' /C calc'!A0", "delivery");

    try (Response csv = center.http.newCall(new Request.Builder()
        .url(center.url(API + "/sessions/export?format=csv&columns=session_id,tags&order=oldest"))
        .header("Authorization", "Bearer " + admin).build()).execute()) {
      assertThat(csv.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(csv.header("Content-Type")).startsWith("text/csv");
      assertThat(csv.body().string()).isEqualTo("Session,Tags\r\ns1,billing\r\ns2,delivery\r\n");
    }
    String html = center.get(API + "/sessions/export?format=html&messages=true&tag=delivery", admin).body();
    assertThat(html).contains("<html").contains("s2").doesNotContain(">s1<");
    assertThat(center.get(API + "/sessions/export?format=pdf", admin).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("an administrator re-routes a waiting session to another operator")
  void reroute() throws IOException {
    center.acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    center.acme.setStatus(BOB, OperatorStatus.ONLINE).join();
    SessionId s = SessionId.of("s1");
    center.acme.arrive(s, Entry.builder(Channel.WEB_CHAT).build()).join();

    Center.Answer answer = center.send("POST", API + "/sessions/s1/reroute", admin, "{\"operator\":\"bob\",\"note\":\"VIP\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/events").valueStream().map(e -> e.get("type").asString()))
        .contains("SessionRequeued");
    assertThat(center.acme.snapshot().session(s).orElseThrow().operator()).isEqualTo(BOB);
    assertThat(center.acme.snapshot().session(s).orElseThrow().notes()).extracting(n -> n.text()).containsExactly("VIP");
  }

  @Test
  @DisplayName("the blacklist, contacts and invitations are listed, added and removed")
  void directories() throws IOException {
    assertThat(center.send("PUT", API + "/blacklist/whatsapp/4915112345", admin, "{\"reason\":\"spam\"}").json()
        .at("/blockedBy").asString()).isEqualTo("admin:root");
    assertThat(center.get(API + "/blacklist", admin).json().at("/items/0/identifier").asString()).isEqualTo("4915112345");
    assertThat(center.send("DELETE", API + "/blacklist/whatsapp/4915112345", admin, null).status()).isEqualTo(204);
    assertThat(center.storage.blacklist().list("acme")).isEmpty();

    served("s1", "hello", "x");
    JsonNode contact = center.send("POST", API + "/contacts", admin, "{\"session\":\"s1\"}").json();
    String id = contact.get("id").asString();
    assertThat(contact.get("name").asString()).isEqualTo("Jana s1");
    assertThat(center.get(API + "/contacts", admin).json().at("/items/0/id").asString()).isEqualTo(id);
    assertThat(center.get(API + "/contacts/" + id, admin).status()).isEqualTo(200);
    assertThat(center.send("DELETE", API + "/contacts/" + id, admin, null).status()).isEqualTo(204);
    assertThat(center.get(API + "/contacts/" + id, admin).json().at("/error/type").asString()).isEqualTo("NoSuchContact");

    JsonNode invitation = center.send("POST", API + "/invitations", admin,
        "{\"operator\":\"alice\",\"reusable\":true,\"validity\":\"PT2H\"}").json();
    String code = invitation.get("code").asString();
    assertThat(code).hasSize(6);
    assertThat(center.get(API + "/invitations", admin).json().at("/items/0/code").asString()).isEqualTo(code);
    assertThat(center.send("DELETE", API + "/invitations/" + code, admin, null).status()).isEqualTo(204);
    assertThat(center.get(API + "/invitations", admin).json().at("/items").size()).isZero();
  }

  @Test
  @DisplayName("groups and operators are defined, read and removed; statistics count them live and in their history")
  void configuration() throws IOException {
    assertThat(center.send("PUT", API + "/groups/support", admin,
        "{\"strategy\":\"WHOLE_GROUP\",\"offerTimeout\":\"PT30S\",\"maxQueueLength\":20}").status()).isEqualTo(200);
    assertThat(center.send("PUT", API + "/operators/carol", admin,
        "{\"groups\":{\"support\":0},\"capacities\":{\"WEB_CHAT\":4}}").status()).isEqualTo(200);
    assertThat(center.send("PUT", API + "/operators/carol/status", admin, "{\"presence\":\"online\"}").status())
        .isEqualTo(200);
    assertThat(center.send("PUT", API + "/operators/bob/status", admin, "{\"presence\":\"away\",\"reason\":\"lunch\"}")
        .status()).isEqualTo(200);

    JsonNode groups = center.get(API + "/groups", admin).json().at("/items");
    JsonNode defined = groups.valueStream().filter(g -> g.get("id").asString().equals("support")).findFirst().orElseThrow();
    assertThat(defined.get("strategy").asString()).isEqualTo("WHOLE_GROUP");
    assertThat(defined.get("maxQueueLength").asInt()).isEqualTo(20);
    JsonNode carol = center.get(API + "/operators", admin).json().at("/items").valueStream()
        .filter(o -> o.get("id").asString().equals("carol")).findFirst().orElseThrow();
    assertThat(carol.at("/capacities/WEB_CHAT").asInt()).isEqualTo(4);
    assertThat(carol.get("presence").asString()).isEqualTo("ONLINE");

    center.acme.arrive(SessionId.of("w1"), Entry.builder(Channel.WEB_CHAT).group(dev.parley.core.GroupId.of("support"))
        .build()).join();
    JsonNode stats = center.get(API + "/statistics", admin).json();
    JsonNode support = stats.at("/groups").valueStream().filter(g -> g.get("group").asString().equals("support"))
        .findFirst().orElseThrow();
    assertThat(support.get("online").asInt()).isEqualTo(1);
    assertThat(stats.at("/sessions/OFFERED").asInt()).isEqualTo(1);
    JsonNode sales = stats.at("/groups").valueStream().filter(g -> g.get("group").asString().equals("sales"))
        .findFirst().orElseThrow();
    assertThat(sales.get("away").asInt()).isEqualTo(1);
    assertThat(sales.at("/operators/0/reason").asString()).isEqualTo("lunch");

    JsonNode history = null;
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && (history == null || history.isEmpty())) {
      history = center.get(API + "/statistics/history", admin).json().at("/groups").valueStream()
          .filter(g -> g.get("group").asString().equals("support")).findFirst().map(g -> g.get("samples")).orElse(null);
    }
    assertThat(history).as("a sample within the second").isNotEmpty();
    assertThat(history.get(0).get("waiting").asInt()).isEqualTo(1);
    assertThat(history.get(0).get("online").asInt()).isEqualTo(1);
    assertThat(history.get(0).get("occupancy").asDouble()).isZero();
    assertThat(center.get(API + "/statistics/history", admin).json().get("every").asString()).isEqualTo("PT1S");

    assertThat(center.send("DELETE", API + "/groups/support", admin, null).json().at("/error/type").asString())
        .isEqualTo("StillInUse");
    assertThat(center.acme.snapshot().session(SessionId.of("w1")).orElseThrow().state()).isEqualTo(SessionState.OFFERED);
  }
}
