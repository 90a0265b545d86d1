package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static SessionRecord.Builder queued() {
    return SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0)
        .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "sales", null));
  }

  /** A closed session with every field erasure looks at. */
  private static SessionRecord full() {
    return queued().status(SessionStatus.ENDED).closedAt(T0.plusSeconds(60)).endedAt(T0.plusSeconds(60))
        .client("visitor-1").clientName("Zoë").phone("+420601").email("z@example.com").contact("c-1")
        .widget("w-1").pageUrl("https://acme.example/p").language("cs").browser("Firefox").os("Linux")
        .subject("Refund").invitationCode("042917").chatbot("bot").reopens("s-0").group("sales").target("bob")
        .operator("alice").collaborators(List.of("carol")).acceptedAt(T0.plusSeconds(5)).endReason("DONE")
        .result("sold").feedback(4, "great").tag("vip").parameter("plan", "gold")
        .note(new SessionNote(T0, "operator:alice", "call back"))
        .recording(new RecordingRef(T0, Duration.ofSeconds(30), "s3://r/1")).version(3).build();
  }

  @Nested
  @DisplayName("building")
  class Building {
    @Test
    @DisplayName("a new record is queued at version 0 and entered its queue when it arrived")
    void defaults() {
      SessionRecord r = SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0).build();

      assertThat(r.version()).isZero();
      assertThat(r.status()).isEqualTo(SessionStatus.QUEUED);
      assertThat(r.enteredQueueAt()).isEqualTo(T0);
      assertThat(r.client()).isEmpty();
      assertThat(r.transitions()).isEmpty();
    }

    @Test
    @DisplayName("toBuilder makes an equal record, and tags are kept once in the order first added")
    void toBuilder() {
      SessionRecord r = full();

      assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
      assertThat(queued().tag("b").tag("a").tag("b").untag("x").build().tags()).containsExactly("b", "a");
      assertThat(r.toBuilder().untag("vip").build()).isNotEqualTo(r);
    }

    @Test
    @DisplayName("records with the same tags in another order are not equal")
    void tagOrderMatters() {
      assertThat(queued().tag("a").tag("b").build()).isNotEqualTo(queued().tag("b").tag("a").build());
    }

    @Test
    @DisplayName("the collections are unmodifiable copies")
    void copies() {
      SessionRecord r = full();

      assertThatThrownBy(() -> r.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.transitions().clear()).isInstanceOf(UnsupportedOperationException.class);
      SessionRecord.Builder b = r.toBuilder();
      b.tag("other");
      assertThat(r.tags()).containsExactly("vip");
    }

    @Test
    @DisplayName("a builder's later changes reach neither the record it came from nor those it built")
    void builderChangesStayInTheBuilder() {
      SessionRecord r = full();
      SessionRecord.Builder b = r.toBuilder().parameter("plan", "silver").untag("vip").tag("new")
          .collaborators(List.of("dave")).note(new SessionNote(T0, "client", "hello"))
          .transition(new SessionTransition(T0.plusSeconds(90), SessionStatus.ENDED, "system", null, null, null))
          .recording(new RecordingRef(T0, Duration.ofSeconds(5), "s3://r/2"));
      SessionRecord built = b.build();
      b.removeParameter("plan").untag("new").collaborators(List.of()).note(new SessionNote(T0, "client", "more"))
          .transition(new SessionTransition(T0.plusSeconds(99), SessionStatus.ENDED, "system", null, null, null));

      assertThat(r).isEqualTo(full());
      assertThat(built.parameters()).containsEntry("plan", "silver");
      assertThat(built.tags()).containsExactly("new");
      assertThat(built.collaborators()).containsExactly("dave");
      assertThat(built.notes()).hasSize(2);
      assertThat(built.transitions()).hasSize(2);
      assertThat(built.recordings()).hasSize(2);
      assertThat(b.build().parameters()).isEmpty();
      assertThat(b.build().transitions()).hasSize(3);
    }

    @Test
    @DisplayName("withVersion changes the version alone, and rejects a negative one")
    void withVersion() {
      SessionRecord r = full();

      assertThat(r.withVersion(7)).isEqualTo(r.toBuilder().version(7).build());
      assertThat(r.withVersion(r.version())).isSameAs(r);
      assertThatThrownBy(() -> r.withVersion(-1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1");
    }
  }

  @Nested
  @DisplayName("checks")
  class Checks {
    @Test
    @DisplayName("a live session must not have closedAt, a closed one must")
    void closedAt() {
      assertThatThrownBy(() -> queued().closedAt(T0).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QUEUED");
      assertThatThrownBy(() -> queued().status(SessionStatus.ABANDONED).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ABANDONED");
      assertThat(queued().status(SessionStatus.REFUSED).closedAt(T0).build().closedAt()).contains(T0);
    }

    @Test
    @DisplayName("no instant may be before the arrival")
    void instantsAfterArrival() {
      Instant before = T0.minusNanos(1);
      assertThatThrownBy(() -> queued().acceptedAt(before).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acceptedAt");
      assertThatThrownBy(() -> queued().enteredQueueAt(before).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enteredQueueAt");
      assertThatThrownBy(() -> queued().endedAt(before).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endedAt");
    }

    @Test
    @DisplayName("a transition may not go back in time")
    void transitionOrder() {
      assertThatThrownBy(() -> queued().transition(
              new SessionTransition(T0.minusSeconds(1), SessionStatus.ACTIVE, "operator:alice", null, null, "alice")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the last");
      assertThat(queued().transition(new SessionTransition(T0, SessionStatus.OFFERED, "system", null, null, "alice"))
          .build().transitions()).hasSize(2);
    }

    @Test
    @DisplayName("bad values are rejected at once, with their names")
    void setters() {
      SessionRecord.Builder b = queued();
      assertThatThrownBy(() -> b.feedback(0, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
      assertThatThrownBy(() -> b.feedback(6, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
      assertThatThrownBy(() -> b.client(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client");
      assertThatThrownBy(() -> b.invitationCode("12345")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("12345");
      assertThatThrownBy(() -> b.version(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
      assertThatThrownBy(() -> b.collaborators(List.of("bob", ""))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.status(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("status");
      assertThatThrownBy(() -> SessionRecord.builder("acme", "s-1", "web-chat", T0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web-chat");
      assertThatThrownBy(() -> SessionRecord.builder("acme", "", "WEB_CHAT", T0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
      assertThatThrownBy(() -> SessionRecord.builder("acme", "s-1", "WEB_CHAT", null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("arrivedAt");
    }
  }

  @Nested
  @DisplayName("erasure")
  class Erasure {
    @Test
    @DisplayName("erasing drops the client's identity, personal details, parameters, notes, comment and recordings")
    void drops() {
      SessionRecord e = full().erased(T0.plusSeconds(3600));

      assertThat(e.erasedAt()).contains(T0.plusSeconds(3600));
      assertThat(List.of(e.client(), e.clientName(), e.phone(), e.email(), e.contact(), e.pageUrl(), e.browser(),
          e.os(), e.subject(), e.feedback())).allSatisfy(v -> assertThat(v).isEmpty());
      assertThat(e.parameters()).isEmpty();
      assertThat(e.notes()).isEmpty();
      assertThat(e.recordings()).isEmpty();
    }

    @Test
    @DisplayName("erasing keeps what statistics need, and the version")
    void keeps() {
      SessionRecord r = full();
      SessionRecord e = r.erased(T0.plusSeconds(3600));

      assertThat(e.toBuilder().erasedAt(null).client("visitor-1").clientName("Zoë").phone("+420601")
          .email("z@example.com").contact("c-1").pageUrl("https://acme.example/p").browser("Firefox").os("Linux")
          .subject("Refund").feedback(4, "great").parameter("plan", "gold")
          .note(new SessionNote(T0, "operator:alice", "call back"))
          .recording(new RecordingRef(T0, Duration.ofSeconds(30), "s3://r/1")).build())
          .isEqualTo(r);
      assertThat(e.version()).isEqualTo(3);
      assertThat(e.rating()).contains(4);
    }
  }
}
