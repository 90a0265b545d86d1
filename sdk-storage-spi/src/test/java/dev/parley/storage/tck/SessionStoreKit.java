package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.storage.RecordingRef;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.StaleWriteException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link dev.parley.storage.SessionStore} part of the {@link StorageTck}. */
abstract class SessionStoreKit extends StorageKit {
  SessionStoreKit(StorageTck tck) {
    super(tck);
  }

  /** A session with every field set, nanoseconds, odd characters, ordered collections and all. */
  static SessionRecord.Builder everything(String tenant, String id, Instant at) {
    Instant accepted = at.plusNanos(1_500_000_001);
    return SessionRecord.builder(tenant, id, "WHATSAPP", at.plusNanos(7))
        .status(SessionStatus.WRAP_UP).arrivalSeq(Long.MAX_VALUE - 1).enteredQueueAt(at.plusSeconds(3))
        .priority(-2).client("+420601234567").clientName("Zoë \"Z\" O'Neil").phone("+420 601 234 567")
        .email("zoe@example.com").contact("c-1").widget("w-main").pageUrl("https://acme.example/p?q=1&r=%20")
        .language("cs").browser("Firefox 140").os("Linux").subject("Žádost o vrácení")
        .invitationCode("042917").chatbot("faq-bot").reopens("s-0").group("sales").target("bob")
        .operator("alice").collaborators(List.of("carol", "bob")).acceptedAt(accepted)
        .endedAt(accepted.plusSeconds(60)).wrapUpDeadline(accepted.plusSeconds(180)).endReason("CLIENT_DISCONNECTED")
        .result("sold").feedback(5, "Díky!\nThanks").tag("zeta").tag("alpha").tag("mu")
        .parameter("plan", "gold").parameter("a", "").parameter("ORDER", "42")
        .note(new SessionNote(at.plusSeconds(5), "operator:alice", "VIP – handle with care"))
        .note(new SessionNote(at.plusSeconds(4), "system", "earlier note added later"))
        .transition(new SessionTransition(at.plusNanos(7), SessionStatus.QUEUED, "client", null, "sales", null))
        .transition(new SessionTransition(at.plusSeconds(1), SessionStatus.OFFERED, "system", null, "sales", "alice"))
        .transition(new SessionTransition(accepted, SessionStatus.ACTIVE, "operator:alice", "ACCEPTED", "sales", "alice"))
        .transition(new SessionTransition(accepted.plusSeconds(60), SessionStatus.WRAP_UP, "client",
            "CLIENT_DISCONNECTED", "sales", "alice"))
        .recording(new RecordingRef(accepted, Duration.ofMillis(59_999), "s3://rec/acme/s-1.webm"))
        .recording(new RecordingRef(accepted.plusSeconds(30), Duration.ZERO, "s3://rec/acme/s-1b.webm"));
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips {
    @Test
    @DisplayName("a new session is stored at version 1 and found again exactly as stored")
    void storesAtVersionOne() {
      SessionRecord fresh = queued("acme", "s-1", T0).build();

      SessionRecord stored = sessions().save(fresh);

      assertThat(stored).isEqualTo(fresh.toBuilder().version(1).build());
      assertThat(sessions().find("acme", "s-1")).contains(stored);
    }

    @Test
    @DisplayName("every field comes back exactly: nanoseconds, ordered tags, parameters, notes, transitions, recordings")
    void keepsEveryField() {
      SessionRecord stored = save(everything("acme", "s-1", T0));

      SessionRecord found = sessions().find("acme", "s-1").orElseThrow();

      assertThat(found).isEqualTo(stored);
      assertThat(found.tags()).containsExactly("zeta", "alpha", "mu");
      assertThat(found.parameters().keySet()).containsExactly("plan", "a", "ORDER");
      assertThat(found.notes()).extracting(SessionNote::text)
          .containsExactly("VIP – handle with care", "earlier note added later");
      assertThat(found.collaborators()).containsExactly("carol", "bob");
      assertThat(found.arrivalSeq()).isEqualTo(Long.MAX_VALUE - 1);
      assertThat(found.arrivedAt()).isEqualTo(T0.plusNanos(7));
    }

    @Test
    @DisplayName("a closed session comes back with its end, close and rating")
    void keepsClosedSession() {
      SessionRecord stored = save(served("acme", "s-1", T0).result("solved").feedback(1, null));

      assertThat(sessions().find("acme", "s-1")).contains(stored);
      assertThat(stored.closedAt()).contains(T0.plus(TALK));
      assertThat(stored.rating()).contains(1);
      assertThat(stored.feedback()).isEmpty();
    }

    @Test
    @DisplayName("fields cleared in a later save come back cleared")
    void clearsFields() {
      SessionRecord full = save(everything("acme", "s-1", T0));

      SessionRecord cleared = update(full, b -> b.client(null).clientName(null).contact(null).pageUrl(null)
          .operator(null).target(null).collaborators(List.of()).wrapUpDeadline(null).feedback(null, null)
          .untag("zeta").untag("alpha").untag("mu").result(null));

      SessionRecord found = sessions().find("acme", "s-1").orElseThrow();
      assertThat(found).isEqualTo(cleared);
      assertThat(found.client()).isEmpty();
      assertThat(found.tags()).isEmpty();
      assertThat(found.collaborators()).isEmpty();
      assertThat(found.rating()).isEmpty();
    }

    @Test
    @DisplayName("instants long before 1970 and far in the future come back exactly")
    void keepsFarInstants() {
      assumeTrue(tck().supportsAllInstants(), "the storage keeps a narrower range of instants");
      Instant ancient = Instant.parse("0001-01-01T00:00:00.000000001Z");
      Instant distant = Instant.parse("9999-12-31T23:59:59.999999999Z");

      SessionRecord stored = save(queued("acme", "s-1", ancient).wrapUpDeadline(distant));

      assertThat(sessions().find("acme", "s-1")).contains(stored);
    }

    @Test
    @DisplayName("nothing is found for an unknown id, nor for the same id in another tenant")
    void findsNothingUnknown() {
      save(queued("acme", "s-1", T0));

      assertThat(sessions().find("acme", "s-2")).isEmpty();
      assertThat(sessions().find("globex", "s-1")).isEmpty();
    }
  }

  @Nested
  @DisplayName("versions and stale writes")
  class Versions {
    @Test
    @DisplayName("each save moves the version on by one")
    void countsVersions() {
      SessionRecord v1 = save(queued("acme", "s-1", T0));
      SessionRecord v2 = update(v1, b -> b.priority(3));
      SessionRecord v3 = update(v2, b -> b.tag("vip"));

      assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1L, 2L, 3L);
      assertThat(sessions().find("acme", "s-1")).contains(v3);
    }

    @Test
    @DisplayName("a save at a version that is no longer stored fails and writes nothing")
    void rejectsStaleVersion() {
      SessionRecord v1 = save(queued("acme", "s-1", T0));
      SessionRecord v2 = update(v1, b -> b.priority(3));

      StaleWriteException e = catchThrowableOfType(StaleWriteException.class,
          () -> update(v1, b -> b.priority(9)));

      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
      assertThat(e.key()).contains("s-1");
      assertThat(sessions().find("acme", "s-1")).contains(v2);
    }

    @Test
    @DisplayName("a new session (version 0) with the id of a stored one fails and writes nothing")
    void rejectsDuplicateInsert() {
      SessionRecord stored = save(queued("acme", "s-1", T0));

      StaleWriteException e = catchThrowableOfType(StaleWriteException.class,
          () -> save(queued("acme", "s-1", T0.plusSeconds(5)).priority(7)));

      assertThat(e.expectedVersion()).isZero();
      assertThat(e.actualVersion()).isEqualTo(1);
      assertThat(sessions().find("acme", "s-1")).contains(stored);
    }

    @Test
    @DisplayName("a save at a version of a session never stored fails with stored version 0")
    void rejectsUpdateOfUnknown() {
      SessionRecord ghost = queued("acme", "s-1", T0).version(3).build();

      StaleWriteException e = catchThrowableOfType(StaleWriteException.class, () -> sessions().save(ghost));

      assertThat(e.expectedVersion()).isEqualTo(3);
      assertThat(e.actualVersion()).isZero();
      assertThat(sessions().find("acme", "s-1")).isEmpty();
    }
  }

  @Nested
  @DisplayName("append-only transitions")
  class AppendOnly {
    @Test
    @DisplayName("transitions appended after the stored ones are kept in order")
    void appends() {
      SessionRecord v1 = save(queued("acme", "s-1", T0));

      SessionRecord v2 = update(v1, b -> accepted(b, "alice", T0.plusSeconds(20)));

      assertThat(sessions().find("acme", "s-1").orElseThrow().transitions())
          .extracting(SessionTransition::status)
          .containsExactly(SessionStatus.QUEUED, SessionStatus.ACTIVE);
      assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    @DisplayName("a save that drops stored transitions is rejected and writes nothing")
    void rejectsDroppedTransitions() {
      SessionRecord v2 = update(save(queued("acme", "s-1", T0)), b -> accepted(b, "alice", T0.plusSeconds(20)));
      SessionRecord dropped = SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0).version(2)
          .transition(v2.transitions().get(0)).build();

      assertThatThrownBy(() -> sessions().save(dropped)).isInstanceOf(IllegalArgumentException.class);
      assertThat(sessions().find("acme", "s-1")).contains(v2);
    }

    @Test
    @DisplayName("a save that changes a stored transition is rejected and writes nothing")
    void rejectsChangedTransitions() {
      SessionRecord v1 = save(queued("acme", "s-1", T0));
      SessionRecord changed = SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0).version(1)
          .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "support", null))
          .build();

      assertThatThrownBy(() -> sessions().save(changed)).isInstanceOf(IllegalArgumentException.class);
      assertThat(sessions().find("acme", "s-1")).contains(v1);
    }
  }

  @Nested
  @DisplayName("saving several at once")
  class SaveAll {
    @Test
    @DisplayName("stores every session and returns them at their new versions, in the order given")
    void savesAll() {
      SessionRecord s1 = save(queued("acme", "s-1", T0));

      List<SessionRecord> stored = sessions().saveAll(List.of(
          queued("acme", "s-3", T0).build(), s1.toBuilder().priority(5).build(), queued("globex", "s-1", T0).build()));

      assertThat(stored).extracting(SessionRecord::tenant, SessionRecord::id, SessionRecord::version)
          .containsExactly(tuple("acme", "s-3", 1L), tuple("acme", "s-1", 2L), tuple("globex", "s-1", 1L));
      for (SessionRecord s : stored) {
        assertThat(sessions().find(s.tenant(), s.id())).contains(s);
      }
    }

    @Test
    @DisplayName("one stale session in the batch writes none of them")
    void staleWritesNothing() {
      SessionRecord s1 = save(queued("acme", "s-1", T0));
      update(s1, b -> b.priority(1));

      assertThatThrownBy(() -> sessions().saveAll(List.of(
              queued("acme", "s-2", T0).build(), s1.toBuilder().priority(2).build())))
          .isInstanceOf(StaleWriteException.class);

      assertThat(sessions().find("acme", "s-2")).isEmpty();
      assertThat(sessions().find("acme", "s-1").orElseThrow().priority()).isEqualTo(1);
    }

    @Test
    @DisplayName("a new session under the id of a closed one writes none of them and keeps the closed one")
    void duplicateWritesNothing() {
      SessionRecord closed = save(served("acme", "s-1", T0));

      StaleWriteException e = catchThrowableOfType(StaleWriteException.class, () -> sessions().saveAll(List.of(
          queued("acme", "s-2", T0).build(), queued("acme", "s-1", T0.plus(Duration.ofDays(2))).build())));

      assertThat(e.expectedVersion()).isZero();
      assertThat(e.actualVersion()).isEqualTo(closed.version());
      assertThat(sessions().find("acme", "s-2")).isEmpty();
      assertThat(sessions().find("acme", "s-1")).contains(closed);
    }

    @Test
    @DisplayName("one session dropping its transitions writes none of them")
    void illegalWritesNothing() {
      SessionRecord s1 = save(queued("acme", "s-1", T0));
      SessionRecord dropped = SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0).version(1).build();

      assertThatThrownBy(() -> sessions().saveAll(List.of(queued("acme", "s-2", T0).build(), dropped)))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(sessions().find("acme", "s-2")).isEmpty();
      assertThat(sessions().find("acme", "s-1")).contains(s1);
    }

    @Test
    @DisplayName("the same session twice in a batch is saved twice in turn, as two saves would")
    void sameSessionTwice() {
      SessionRecord fresh = queued("acme", "s-1", T0).build();

      List<SessionRecord> stored = sessions().saveAll(List.of(fresh, fresh.toBuilder().version(1).priority(4).build()));

      assertThat(stored).extracting(SessionRecord::version).containsExactly(1L, 2L);
      assertThat(sessions().find("acme", "s-1")).contains(stored.get(1));
    }

    @Test
    @DisplayName("an empty batch stores nothing")
    void emptyBatch() {
      assertThat(sessions().saveAll(List.of())).isEmpty();
    }
  }

  @Nested
  @DisplayName("ids in use")
  class IdsInUse {
    @Test
    @DisplayName("are the ids of the tenant's stored sessions, live or closed, and no other")
    void listsStored() {
      save(queued("acme", "live", T0));
      save(served("acme", "closed", T0));
      save(queued("globex", "elsewhere", T0));

      assertThat(sessions().existing("acme", List.of("live", "unknown", "closed", "elsewhere", "live")))
          .containsExactlyInAnyOrder("live", "closed");
      assertThat(sessions().existing("acme", List.of())).isEmpty();
      assertThat(sessions().existing("initech", List.of("live"))).isEmpty();
    }

    @Test
    @DisplayName("are answered for many ids at once")
    void answersMany() {
      List<String> asked = new ArrayList<>();
      for (int i = 0; i < 25_000; i++) {
        asked.add("s-" + i);
      }
      sessions().saveAll(List.of(queued("acme", "s-7", T0).build(), served("acme", "s-24999", T0).build()));

      assertThat(sessions().existing("acme", asked)).containsExactlyInAnyOrder("s-7", "s-24999");
    }

    @Test
    @DisplayName("free an id once its session is purged")
    void purgedIsFree() {
      save(served("acme", "s-1", T0));
      sessions().purgeClosedBefore("acme", T0.plus(Duration.ofDays(1)));

      assertThat(sessions().existing("acme", List.of("s-1"))).isEmpty();
      assertThat(save(queued("acme", "s-1", T0.plus(Duration.ofDays(2)))).version()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("live sessions")
  class Live {
    @Test
    @DisplayName("lists only a tenant's live sessions, by arrival counter then id")
    void listsLiveInArrivalOrder() {
      save(queued("acme", "s-b", T0).arrivalSeq(7));
      save(queued("acme", "s-z", T0.plusSeconds(9)).arrivalSeq(2));
      save(accepted(queued("acme", "s-a", T0.plusSeconds(1)).arrivalSeq(7), "alice", T0.plusSeconds(2)));
      save(served("acme", "s-closed", T0).arrivalSeq(1));
      save(queued("acme", "s-wrap", T0).arrivalSeq(-4).status(SessionStatus.WRAP_UP));
      save(queued("globex", "s-other", T0).arrivalSeq(0));

      assertThat(ids(sessions().live("acme"))).containsExactly("s-wrap", "s-z", "s-a", "s-b");
      assertThat(ids(sessions().live("initech"))).isEmpty();
    }

    @Test
    @DisplayName("a session that closes leaves the list, with its latest state until then")
    void closingLeaves() {
      SessionRecord v1 = save(queued("acme", "s-1", T0));
      SessionRecord v2 = update(v1, b -> accepted(b, "alice", T0.plusSeconds(5)));
      assertThat(sessions().live("acme")).containsExactly(v2);

      update(v2, b -> ended(b, "OPERATOR_CLOSED", T0.plusSeconds(50)));

      assertThat(sessions().live("acme")).isEmpty();
    }
  }

  @Nested
  @DisplayName("erasure")
  class Erasure {
    @Test
    @DisplayName("erasing takes the client's data out at the next version and keeps what statistics need")
    void erases() {
      SessionRecord stored = save(everything("acme", "s-1", T0));
      Instant at = T0.plusSeconds(3600);

      SessionRecord erased = sessions().erase("acme", "s-1", at).orElseThrow();

      assertThat(erased).isEqualTo(stored.erased(at).toBuilder().version(stored.version() + 1).build());
      assertThat(sessions().find("acme", "s-1")).contains(erased);
      assertThat(erased.client()).isEmpty();
      assertThat(erased.notes()).isEmpty();
      assertThat(erased.operator()).contains("alice");
      assertThat(erased.transitions()).isEqualTo(stored.transitions());
    }

    @Test
    @DisplayName("an erased session's transcript takes no more messages")
    void staysErased() {
      save(served("acme", "s-1", T0));
      sessions().erase("acme", "s-1", T0.plusSeconds(3600));

      assertThat(transcripts().append(fromClient("acme", "s-1", "m-late", T0.plusSeconds(3601), "one more thing"))).isFalse();
      assertThat(transcripts().appendAll(List.of(fromClient("acme", "s-1", "m-later", T0.plusSeconds(3602), "and"),
          fromClient("acme", "s-2", "m-other", T0.plusSeconds(3602), "another session")))).isEqualTo(1);

      assertThat(transcripts().transcript("acme", "s-1")).isEmpty();
      assertThat(transcripts().find("acme", "m-late")).isEmpty();
    }

    @Test
    @DisplayName("erasing removes the session's transcript and no other")
    void removesTranscript() {
      save(served("acme", "s-1", T0));
      save(served("acme", "s-2", T0));
      transcripts().append(fromClient("acme", "s-1", "m-1", T0, "my card is 4111"));
      transcripts().append(fromClient("acme", "s-2", "m-2", T0, "hello"));

      sessions().erase("acme", "s-1", T0.plusSeconds(3600));

      assertThat(transcripts().transcript("acme", "s-1")).isEmpty();
      assertThat(transcripts().find("acme", "m-1")).isEmpty();
      assertThat(transcripts().transcript("acme", "s-2")).extracting(m -> m.id()).containsExactly("m-2");
    }

    @Test
    @DisplayName("erasing an erased session changes nothing")
    void erasesOnce() {
      save(served("acme", "s-1", T0).client("visitor-1"));
      SessionRecord first = sessions().erase("acme", "s-1", T0.plusSeconds(60)).orElseThrow();

      assertThat(sessions().erase("acme", "s-1", T0.plusSeconds(120))).contains(first);
      assertThat(sessions().find("acme", "s-1")).contains(first);
    }

    @Test
    @DisplayName("erasing a session that does not exist returns empty and creates nothing")
    void erasesNothingUnknown() {
      save(served("globex", "s-1", T0));

      assertThat(sessions().erase("acme", "s-1", T0)).isEmpty();
      assertThat(sessions().find("acme", "s-1")).isEmpty();
      assertThat(sessions().find("globex", "s-1").orElseThrow().erasedAt()).isEmpty();
    }
  }

  @Nested
  @DisplayName("purging")
  class Purging {
    @Test
    @DisplayName("removes the sessions closed before the cutoff with their transcripts, and counts them")
    void purges() {
      Instant cutoff = T0.plus(Duration.ofDays(30));
      save(served("acme", "old", T0));
      save(ended(queued("acme", "at-cutoff", T0), "CLIENT_LEFT", cutoff));
      save(ended(queued("acme", "just-before", T0), "CLIENT_LEFT", cutoff.minusNanos(1)));
      save(ended(queued("acme", "after", T0), "CLIENT_LEFT", cutoff.plusSeconds(1)));
      save(queued("acme", "live", T0));
      save(served("globex", "old", T0));
      transcripts().append(fromClient("acme", "old", "m-1", T0, "hello"));
      transcripts().append(fromClient("acme", "live", "m-2", T0, "still here"));

      assertThat(sessions().purgeClosedBefore("acme", cutoff)).isEqualTo(2);

      assertThat(sessions().find("acme", "old")).isEmpty();
      assertThat(sessions().find("acme", "just-before")).isEmpty();
      assertThat(sessions().find("acme", "at-cutoff")).isPresent();
      assertThat(sessions().find("acme", "after")).isPresent();
      assertThat(sessions().find("acme", "live")).isPresent();
      assertThat(sessions().find("globex", "old")).isPresent();
      assertThat(transcripts().find("acme", "m-1")).isEmpty();
      assertThat(transcripts().find("acme", "m-2")).isPresent();
      assertThat(sessions().purgeClosedBefore("acme", cutoff)).isZero();
    }

    @Test
    @DisplayName("live sessions are never purged, however old")
    void keepsLive() {
      save(queued("acme", "s-1", T0));

      assertThat(sessions().purgeClosedBefore("acme", T0.plus(Duration.ofDays(3650)))).isZero();
      assertThat(sessions().live("acme")).hasSize(1);
    }
  }

  @Nested
  @DisplayName("closing")
  class Closing {
    @Test
    @DisplayName("closing the storage twice is harmless, and its stores fail afterwards")
    void closes() {
      storage().close();
      storage().close();

      assertThatThrownBy(() -> sessions().find("acme", "s-1"))
          .isInstanceOfAny(IllegalStateException.class, dev.parley.storage.StorageException.class);
    }
  }
}
