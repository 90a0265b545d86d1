package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static dev.parley.transport.netty.Center.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.ManualClock;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real widgets and consoles on a started server whose engine runs on a manual clock: closing and
 * reopening their sockets is told to the engine, which decides after the graces (60 s each).
 */
@DisplayName("Presence over the wire: widgets and consoles that close and come back")
class PresenceOverTheWireTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
  private final Center center = new Center(clock, (parley, b) -> b);
  /** The presence facts the engine applied, in order. */
  private final BlockingQueue<Event> presence = new LinkedBlockingQueue<>();

  PresenceOverTheWireTest() {
    center.parley.addListener(e -> {
      if (e instanceof Event.ClientPresenceChanged || e instanceof Event.OperatorPresenceChanged) {
        presence.add(e);
      }
    });
  }

  @AfterEach
  void stop() {
    center.close();
  }

  private Ws widget() {
    Ws ws = Ws.open(center, "/ws/client");
    ws.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"name\":\"Jana\"}");
    return ws;
  }

  /** Waits until the engine applied a presence fact saying {@code connected}. */
  private Event applied(boolean connected) throws InterruptedException {
    while (true) {
      Event e = presence.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("a presence fact, connected=%s", connected).isNotNull();
      boolean c = e instanceof Event.ClientPresenceChanged p ? p.connected() : ((Event.OperatorPresenceChanged) e).connected();
      if (c == connected) {
        return e;
      }
    }
  }

  /** Moves the engine's clock past a grace and fires what fell due, waiting until the writer has. */
  private void pastGrace() {
    clock.advance(Duration.ofSeconds(61));
    center.parley.tick();
    center.parley.session(ACME, SessionId.of("none")).join(); // read after the tick: its deadlines fired first
  }

  private SessionState state(String session) {
    return center.parley.snapshot(ACME).session(SessionId.of(session)).map(v -> v.state()).orElse(SessionState.ENDED);
  }

  @Test
  @DisplayName("a widget closed while its client waits: nothing within the grace, abandoned after it")
  void closedWidget() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws jana = widget();
    String session = jana.next("entered").get("session").asString();
    alice.next("offer");
    applied(true);

    jana.close();
    applied(false);
    assertThat(state(session)).isEqualTo(SessionState.OFFERED);

    pastGrace();
    assertThat(alice.next("offer_ended").get("session").asString()).isEqualTo(session);
    assertThat(center.storage.sessions().find("acme", session).orElseThrow().status().name()).isEqualTo("ABANDONED");
  }

  @Test
  @DisplayName("a widget that resumes within the grace finds its chat as it was")
  void resumedWidget() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws jana = widget();
    JsonNode entered = jana.next("entered");
    String session = entered.get("session").asString();
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a\"}");
    alice.next("accepted");
    applied(true);
    jana.close();
    applied(false);
    JsonNode gone = alice.next("client_presence");
    assertThat(gone.get("connected").asBoolean()).isFalse();
    assertThat(gone.get("graceEnds").asString()).isEqualTo("2026-12-07T09:01:00Z");

    Ws again = Ws.open(center, "/ws/client");
    again.send("{\"type\":\"resume\",\"session\":\"" + session + "\",\"token\":\"" + entered.get("token").asString() + "\"}");
    assertThat(again.next("resumed").get("state").asString()).isEqualTo("ACTIVE");
    assertThat(again.next("joined").get("operator").asString()).isEqualTo("alice");
    applied(true);
    assertThat(alice.next("client_presence").get("connected").asBoolean()).isTrue();
    pastGrace();
    alice.send("{\"type\":\"send\",\"session\":\"" + session + "\",\"text\":\"Still here?\",\"ref\":\"s\"}");
    assertThat(again.next("message").get("text").asString()).isEqualTo("Still here?");
    assertThat(state(session)).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  @DisplayName("the only console of an operator with two chats and an offer closes: the offer moves on at once, the chats after the grace")
  void closedConsole() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    applied(true);
    Ws[] clients = {widget(), widget(), widget()};
    String[] sessions = new String[3];
    for (int i = 0; i < 3; i++) {
      sessions[i] = clients[i].next("entered").get("session").asString();
      alice.next("offer");
    }
    for (int i = 0; i < 2; i++) {
      alice.send("{\"type\":\"accept\",\"session\":\"" + sessions[i] + "\",\"ref\":\"a" + i + "\"}");
      alice.next("accepted");
    }
    Ws bob = center.console(center.operatorToken(BOB));
    applied(true);

    alice.close();
    applied(false);
    JsonNode offer = bob.next("offer");
    assertThat(offer.get("session").asString()).as("the offer standing to alice, at once").isEqualTo(sessions[2]);
    assertThat(state(sessions[0])).isEqualTo(SessionState.ACTIVE);
    assertThat(center.parley.snapshot(ACME).status(ALICE)).contains(OperatorStatus.ONLINE);

    pastGrace();
    assertThat(center.parley.snapshot(ACME).status(ALICE)).contains(OperatorStatus.away(TenantSettings.DISCONNECTED));
    assertThat(clients[0].next("transferred").get("reason").asString()).isEqualTo("OPERATOR_GONE");
    assertThat(clients[1].next("transferred").get("reason").asString()).isEqualTo("OPERATOR_GONE");
    assertThat(bob.next("offer").get("session").asString()).isIn(sessions[0], sessions[1]);
    assertThat(bob.next("offer").get("session").asString()).isIn(sessions[0], sessions[1]);
  }

  @Test
  @DisplayName("a console that logs in again within the grace finds its chats and its status as they were")
  void consoleBackWithinGrace() throws Exception {
    Ws alice = center.console(center.operatorToken(ALICE));
    Ws jana = widget();
    String session = jana.next("entered").get("session").asString();
    alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a\"}");
    alice.next("accepted");
    alice.close();
    applied(false);

    Ws again = Ws.open(center, "/ws/operator");
    again.send("{\"type\":\"login\",\"token\":\"" + center.operatorToken(ALICE) + "\",\"ref\":\"login\"}");
    JsonNode welcome = again.next("welcome");
    assertThat(welcome.get("sessions").valueStream().map(v -> v.get("session").asString())).containsExactly(session);
    pastGrace();
    assertThat(center.parley.snapshot(ACME).status(ALICE)).contains(OperatorStatus.ONLINE);
    assertThat(state(session)).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  @DisplayName("an event-loop thread may not make a blocking read of the engine, and may read without waiting")
  void eventLoopsNeverWait() throws Exception {
    CompletableFuture<Throwable> blocking = new CompletableFuture<>();
    CompletableFuture<Boolean> async = new CompletableFuture<>();
    Thread loop = new EventLoopThreads("test-io").newThread(() -> {
      try {
        center.parley.snapshot(ACME);
        blocking.complete(null);
      } catch (RuntimeException e) {
        blocking.complete(e);
      }
      center.parley.snapshotAsync(ACME).thenAccept(s -> async.complete(s.status(ALICE).isPresent()));
    });
    loop.start();
    loop.join();
    assertThat(blocking.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("snapshotAsync");
    assertThat(async.get(10, TimeUnit.SECONDS)).isTrue();
  }
}
