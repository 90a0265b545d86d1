package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.storage.SessionRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("An administrator's acts on sessions and clients over the API")
class AdminSessionActsTest {
  private static final String API = "/api/v1/tenants/acme";
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final Center center = new Center(clock, (parley, b) -> b);
  private final String admin = center.adminToken(ACME);

  @AfterEach
  void stop() {
    center.close();
  }

  /** A WhatsApp client served by alice. */
  private SessionId active(String id, String phone) {
    center.acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    SessionId s = SessionId.of(id);
    center.acme.arrive(s, Entry.builder(Channel.WHATSAPP).client(phone).name("Jana").build()).join();
    center.acme.accept(s, ALICE).join();
    center.acme.post(s, Actor.CLIENT, id + "-m1", "my parcel is late").join();
    return s;
  }

  /** A WhatsApp client served by alice, and wrapped up. */
  private void closed(String id, String phone) {
    SessionId s = active(id, phone);
    center.acme.end(s, Actor.operator(ALICE)).join();
    center.acme.completeWrapUp(s, ALICE, "solved").join();
  }

  private SessionRecord stored(String id) {
    return center.storage.sessions().find("acme", id).orElseThrow();
  }

  @Test
  @DisplayName("ends a live session from its detail; a session that is not active is a typed 409, an unknown one 404")
  void end() throws IOException {
    SessionId s = active("s1", "420601");
    Center.Answer ended = center.send("POST", API + "/sessions/s1/end", admin, "{}");
    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    assertThat(ended.json().at("/events/0/type").asString()).isEqualTo("SessionEnded");
    assertThat(center.acme.snapshot().session(s)).map(v -> v.state()).hasValue(SessionState.WRAP_UP);
    assertThat(stored("s1").endReason()).hasValue("ADMIN_ENDED");
    assertThat(center.send("POST", API + "/sessions/s1/end", admin, "{}").json().at("/error/type").asString())
        .isEqualTo("IllegalTransition");
    assertThat(center.send("POST", API + "/sessions/nope/end", admin, "{}").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("bans the client of a session: blocked on his channel, his session ended, his next arrival refused")
  void ban() throws IOException {
    active("s1", "420601");
    assertThat(center.send("POST", API + "/sessions/s1/ban", admin, "{}").json().at("/error/field").asString())
        .isEqualTo("reason");
    assertThat(center.storage.blacklist().list("acme")).isEmpty();

    Center.Answer banned = center.send("POST", API + "/sessions/s1/ban", admin, "{\"reason\":\"abusive\"}");

    assertThat(banned.status()).as(banned.body()).isEqualTo(200);
    assertThat(banned.json().at("/events").valueStream().map(e -> e.get("type").asString()))
        .contains("ClientBlocked", "SessionEnded");
    assertThat(center.storage.blacklist().find("acme", "WHATSAPP", "420601").orElseThrow().reason()).isEqualTo("abusive");
    assertThat(stored("s1").endReason()).hasValue("CLIENT_BLOCKED");
    assertThat(center.get(API + "/blacklist", admin).json().at("/items/0/blockedBy").asString()).isEqualTo("admin:root");
  }

  @Test
  @DisplayName("a recording a host attaches is listed in the detail, and the engine's later writes keep it")
  void recordings() throws IOException {
    SessionId s = active("s1", "420601");
    Center.Answer attached = center.send("POST", API + "/sessions/s1/recordings", admin,
        "{\"uri\":\"s3://recordings/acme/s1.webm\",\"startedAt\":\"2026-12-07T09:00:05Z\",\"length\":\"PT4M12S\"}");
    assertThat(attached.status()).as(attached.body()).isEqualTo(201);

    center.acme.post(s, Actor.operator(ALICE), "s1-m2", "on its way").join(); // the engine writes the session again
    center.acme.end(s, Actor.operator(ALICE)).join();
    center.acme.completeWrapUp(s, ALICE, "solved").join();

    JsonNode detail = center.get(API + "/sessions/s1", admin).json();
    assertThat(detail.at("/recordings/0/uri").asString()).isEqualTo("s3://recordings/acme/s1.webm");
    assertThat(detail.at("/recordings/0/length").asString()).isEqualTo("PT4M12S");
    assertThat(stored("s1").result()).hasValue("solved");
    assertThat(stored("s1").recordings()).hasSize(1);

    assertThat(center.send("POST", API + "/sessions/s1/recordings", admin,
        "{\"uri\":\"recording.webm\",\"startedAt\":\"2026-12-07T09:00:05Z\",\"length\":\"PT1M\"}").json()
        .at("/error/field").asString()).isEqualTo("uri");
    assertThat(center.send("POST", API + "/sessions/s1/recordings", admin,
        "{\"uri\":\"s3://r/x\",\"startedAt\":\"2026-12-07T09:00:05Z\",\"length\":\"-PT1M\"}").json()
        .at("/error/field").asString()).isEqualTo("length");
    assertThat(center.send("POST", API + "/sessions/nope/recordings", admin,
        "{\"uri\":\"s3://r/x\",\"startedAt\":\"2026-12-07T09:00:05Z\",\"length\":\"PT1M\"}").status()).isEqualTo(404);
    assertThat(stored("s1").recordings()).hasSize(1);
  }

  @Test
  @DisplayName("erasing a client answers what was erased, and the history forgets him")
  void erasure() throws IOException {
    closed("s1", "420601");
    String contact = center.send("POST", API + "/contacts", admin, "{\"session\":\"s1\"}").json().get("id").asString();

    Center.Answer erased = center.send("POST", API + "/erasures", admin, "{\"client\":\"420601\"}");

    assertThat(erased.status()).as(erased.body()).isEqualTo(200);
    assertThat(erased.json().at("/sessions/0").asString()).isEqualTo("s1");
    assertThat(erased.json().at("/contacts/0").asString()).isEqualTo(contact);
    JsonNode detail = center.get(API + "/sessions/s1", admin).json();
    assertThat(detail.has("client")).isFalse();
    assertThat(detail.has("clientName")).isFalse();
    assertThat(detail.has("erasedAt")).isTrue();
    assertThat(detail.at("/transcript").size()).isZero();
    assertThat(center.get(API + "/sessions?q=parcel", admin).json().at("/items").size()).isZero();
    assertThat(center.send("POST", API + "/erasures", admin, "{\"client\":\"420601\"}").json().at("/sessions").size())
        .isZero();
    assertThat(center.send("POST", API + "/erasures", admin, "{}").json().at("/error/field").asString()).isEqualTo("client");
  }

  @Test
  @DisplayName("the retention purge removes closed history older than the instant given, and nothing newer")
  void purge() throws IOException {
    closed("s1", "420601");
    Instant closed = clock.instant();
    clock.advance(Duration.ofHours(2));
    active("s2", "420602");

    assertThat(center.send("POST", API + "/history/purge", admin, "{\"before\":\"" + closed.minusSeconds(60) + "\"}")
        .json().get("sessions").asInt()).isZero();
    assertThat(center.send("POST", API + "/history/purge", admin, "{\"before\":\"2999-01-01T00:00:00Z\"}").json()
        .at("/error/field").asString()).isEqualTo("before");
    JsonNode purged = center.send("POST", API + "/history/purge", admin, "{\"before\":\"" + closed.plusSeconds(60) + "\"}").json();

    assertThat(purged.get("sessions").asInt()).isEqualTo(1);
    assertThat(center.storage.sessions().find("acme", "s1")).isEmpty();
    assertThat(center.storage.sessions().find("acme", "s2")).isPresent();
  }
}
