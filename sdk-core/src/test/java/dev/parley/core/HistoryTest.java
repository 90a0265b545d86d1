package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.ContactRecord;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The stored history")
class HistoryTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private Parley parley;

  @AfterEach
  void close() {
    parley.close();
  }

  private Tenant start(Parley.Builder builder) {
    parley = builder.sameThread().clock(clock).storage(storage).build();
    Tenant t = parley.tenant(ACME);
    t.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ZERO).build()).join();
    t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
    t.setStatus(ALICE, OperatorStatus.ONLINE).join();
    return t;
  }

  private static SessionId served(Tenant t, String id, String client) {
    SessionId s = SessionId.of(id);
    t.arrive(s, Entry.builder(Channel.WEB_CHAT).client(client).name("Jan Novák").group(SALES).build()).join();
    t.accept(s, ALICE).join();
    t.post(s, Actor.CLIENT, id + "-m1", "My address is Dlouhá 12, Praha").join();
    t.post(s, Actor.operator(ALICE), id + "-m2", "Thank you, noted").join();
    return s;
  }

  @Nested
  @DisplayName("records each session's life")
  class Records {
    @Test
    @DisplayName("with its transitions, operator, tags, parameters, notes, result and feedback")
    void wholeLife() {
      Tenant t = start(Parley.builder());
      SessionId s = served(t, "s1", "visitor-1");
      t.tag(s, Actor.operator(ALICE), "invoice").join();
      t.submit(new Command.SetParameter(s, Actor.operator(ALICE), "orderId", "A-77")).join();
      t.submit(new Command.AddNote(s, Actor.operator(ALICE), "wants a call back")).join();
      clock.advance(Duration.ofMinutes(4));
      t.end(s, Actor.operator(ALICE)).join();
      t.submit(new Command.Feedback(s, 5, "quick")).join();

      SessionRecord r = storage.sessions().find("acme", "s1").orElseThrow();
      assertThat(r.status()).isEqualTo(SessionStatus.ENDED);
      assertThat(r.transitions()).extracting(x -> x.status()).containsExactly(
          SessionStatus.QUEUED, SessionStatus.OFFERED, SessionStatus.ACTIVE, SessionStatus.ENDED);
      assertThat(r.operator()).contains("alice");
      assertThat(r.clientName()).contains("Jan Novák");
      assertThat(r.endReason()).contains("OPERATOR_ENDED");
      assertThat(r.tags()).containsExactly("invoice");
      assertThat(r.parameters()).containsEntry("orderId", "A-77");
      assertThat(r.notes()).singleElement().satisfies(n -> assertThat(n.author()).isEqualTo("operator:alice"));
      assertThat(r.rating()).contains(5);
      assertThat(r.endedAt()).contains(clock.instant());
      assertThat(storage.transcripts().transcript("acme", "s1")).extracting(m -> m.text())
          .containsExactly("My address is Dlouhá 12, Praha", "Thank you, noted");
      assertThat(storage.tags().recent("acme", "alice", 5)).containsExactly("invoice");
      assertThat(storage.sessions().query(SessionQuery.builder("acme").text("dlouha").build()).items())
          .extracting(SessionRecord::id).containsExactly("s1");
    }

    @Test
    @DisplayName("a message the client may not post is refused and nothing is stored")
    void refusedMessage() {
      Tenant t = start(Parley.builder());
      SessionId s = served(t, "s1", "visitor-1");
      t.end(s, Actor.operator(ALICE)).join();

      assertThatThrownBy(() -> t.post(s, Actor.CLIENT, "late", "hello?").join()).hasCauseInstanceOf(ParleyException.class);
      assertThatThrownBy(() -> t.tag(s, Actor.operator(OperatorId.of("mallory")), "x").join())
          .hasCauseInstanceOf(NotPermittedException.class);
      assertThat(storage.transcripts().find("acme", "late")).isEmpty();
    }
  }

  @Nested
  @DisplayName("forgets on request")
  class Erasure {
    @Test
    @DisplayName("a client's sessions lose his identity and transcripts, and his contact goes, while statistics stay")
    void eraseClient() {
      Tenant t = start(Parley.builder());
      SessionId ended = served(t, "s1", "visitor-1");
      t.end(ended, Actor.operator(ALICE)).join();
      SessionId live = served(t, "s2", "visitor-1");
      SessionId other = served(t, "s3", "visitor-2");
      ContactRecord contact = storage.contacts().save(new ContactRecord("acme", "c1", "Jan Novák",
          List.of(new ContactRecord.Identity(ContactRecord.Identity.Kind.CUSTOM, "visitor-1")), Map.of(), clock.instant(), 0));

      List<String> erased = storage.eraseClient("acme", "visitor-1", clock.instant());

      assertThat(erased).containsExactlyInAnyOrder("s1", "s2");
      assertThat(storage.contacts().find("acme", contact.id())).isEmpty();
      // The engine goes on with the live one; what it writes stays erased.
      t.post(live, Actor.CLIENT, "s2-m3", "one more thing").join();
      t.end(live, Actor.operator(ALICE)).join();
      for (String id : erased) {
        SessionRecord r = storage.sessions().find("acme", id).orElseThrow();
        assertThat(r.erasedAt()).isPresent();
        assertThat(r.client()).isEmpty();
        assertThat(r.clientName()).isEmpty();
        assertThat(r.operator()).contains("alice");
        assertThat(r.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(storage.transcripts().transcript("acme", id)).isEmpty();
      }
      assertThat(storage.sessions().find("acme", other.value()).orElseThrow().client()).contains("visitor-2");
      assertThat(storage.transcripts().transcript("acme", other.value())).hasSize(2);
    }

    @Test
    @DisplayName("closed sessions older than the retention period are purged, live ones never")
    void purge() {
      Tenant t = start(Parley.builder().historyRetention(Duration.ofDays(30)));
      SessionId old = served(t, "s1", "visitor-1");
      t.end(old, Actor.operator(ALICE)).join();
      clock.advance(Duration.ofDays(20));
      SessionId recent = served(t, "s2", "visitor-2");
      t.end(recent, Actor.operator(ALICE)).join();
      SessionId live = served(t, "s3", "visitor-3");

      clock.advance(Duration.ofDays(11));
      parley.tick();

      assertThat(storage.sessions().find("acme", old.value())).isEmpty();
      assertThat(storage.transcripts().transcript("acme", old.value())).isEmpty();
      assertThat(storage.sessions().find("acme", recent.value())).isPresent();
      assertThat(storage.sessions().find("acme", live.value())).isPresent();
    }

    @Test
    @DisplayName("a tenant's own retention overrides the engine's, and holds without one")
    void tenantRetention() {
      List<Parley.Builder> engines = List.of(Parley.builder().historyRetention(Duration.ofDays(365)), Parley.builder());
      for (int i = 0; i < engines.size(); i++) {
        Tenant t = start(engines.get(i));
        t.configure(t.snapshot().settings().toBuilder().historyRetention(Duration.ofDays(7)).build()).join();
        SessionId old = served(t, "old" + i, "visitor-1");
        t.end(old, Actor.operator(ALICE)).join();
        clock.advance(Duration.ofDays(5));
        SessionId recent = served(t, "recent" + i, "visitor-2");
        t.end(recent, Actor.operator(ALICE)).join();

        clock.advance(Duration.ofDays(3));
        parley.tick();

        assertThat(storage.sessions().find("acme", old.value())).as("engine %d", i).isEmpty();
        assertThat(storage.sessions().find("acme", recent.value())).isPresent();
        parley.close();
      }
    }
  }
}
