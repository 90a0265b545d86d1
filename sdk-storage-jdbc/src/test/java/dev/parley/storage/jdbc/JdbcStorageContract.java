package dev.parley.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.MessageRecord.Delivery;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.Page;
import dev.parley.storage.RecordingRef;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.StaleWriteException;
import dev.parley.storage.TemplateRecord;
import dev.parley.storage.Words;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcStorage} promises beyond the blacklist and invitations, run on H2 and on a real
 * PostgreSQL: the JDBC-specific sides of the storage contract (optimistic writes under real
 * concurrency, transactions across stores, keyset cursors, full-text search against {@link Words}).
 */
abstract class JdbcStorageContract {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456789Z");

  JdbcStorage storage;

  /** A fresh, empty storage. */
  abstract JdbcStorage open();

  @BeforeEach
  void openStorage() {
    storage = open();
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  static SessionRecord.Builder session(String id, Instant arrived) {
    return session(id, arrived, "WEB_CHAT");
  }

  static SessionRecord.Builder session(String id, Instant arrived, String channel) {
    return SessionRecord.builder("acme", id, channel, arrived)
        .transition(new SessionTransition(arrived, SessionStatus.QUEUED, "client", null, "sales", null));
  }

  static MessageRecord message(String session, String id, Instant at, String text) {
    return new MessageRecord("acme", session, id, at, MessageRecord.Sender.CLIENT, null, text, List.of(), Delivery.SENT);
  }

  List<String> ids(SessionQuery.Builder query) {
    return storage.sessions().query(query.limit(SessionQuery.MAX_LIMIT).build()).items().stream()
        .map(SessionRecord::id).toList();
  }

  @Nested
  @DisplayName("sessions")
  class Sessions {
    @Test
    @DisplayName("a session with every field and list comes back exactly, one version on")
    void roundTrip() {
      SessionRecord full = session("s-1", T0)
          .status(SessionStatus.ENDED).arrivalSeq(7).enteredQueueAt(T0.plusNanos(1)).priority(3)
          .client("visitor-7").clientName("Jana").phone("+420601").email("j@example.com").contact("c-1")
          .widget("w").pageUrl("https://acme.example/pricing").language("cs").browser("Firefox").os("Linux")
          .subject("Refund").invitationCode("123456").chatbot("bot").reopens("s-0").group("sales").target("bob")
          .operator("alice").collaborators(List.of("bob", "carol", "bob"))
          .acceptedAt(T0.plusSeconds(1)).endedAt(T0.plusSeconds(2)).closedAt(T0.plusSeconds(3))
          .wrapUpDeadline(T0.plusSeconds(4)).endReason("CLIENT_DISCONNECTED").result("SOLVED").feedback(5, "great")
          .tag("vip").tag("refund").parameter("order", "A-1").parameter("long", "x".repeat(5000))
          .note(new SessionNote(T0.plusSeconds(2), "operator:alice", "called back"))
          .transition(new SessionTransition(T0.plusSeconds(1), SessionStatus.ACTIVE, "operator:alice", "ACCEPTED",
              "sales", "alice"))
          .recording(new RecordingRef(T0.plusSeconds(1), Duration.ofSeconds(90), "s3://r/1.webm"))
          .build();

      SessionRecord stored = storage.sessions().save(full);

      assertThat(stored).isEqualTo(full.toBuilder().version(1).build());
      assertThat(storage.sessions().find("acme", "s-1")).contains(stored);
    }

    @Test
    @DisplayName("a write at a version that moved on, or an insert of an existing id, is stale and writes nothing")
    void staleWrites() {
      SessionRecord v1 = storage.sessions().save(session("s-1", T0).build());
      SessionRecord v2 = storage.sessions().save(v1.toBuilder().status(SessionStatus.OFFERED).build());

      assertThatThrownBy(() -> storage.sessions().save(v1.toBuilder().operator("bob").build()))
          .isInstanceOfSatisfying(StaleWriteException.class, e -> {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
          });
      assertThatThrownBy(() -> storage.sessions().save(session("s-1", T0).build()))
          .isInstanceOf(StaleWriteException.class);
      assertThatThrownBy(() -> storage.sessions().save(session("s-2", T0).version(3).build()))
          .isInstanceOfSatisfying(StaleWriteException.class, e -> assertThat(e.actualVersion()).isZero());
      assertThat(storage.sessions().find("acme", "s-1")).contains(v2);
      assertThat(storage.sessions().find("acme", "s-2")).isEmpty();
    }

    @Test
    @DisplayName("of many writers at the same version, exactly one wins")
    void concurrentWriters() throws Exception {
      SessionRecord v1 = storage.sessions().save(session("s-1", T0).build());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String operator = "op-" + i;
          Callable<Boolean> write = () -> {
            try {
              storage.sessions().save(v1.toBuilder().operator(operator).build());
              return true;
            } catch (StaleWriteException e) {
              return false;
            }
          };
          results.add(pool.submit(write));
        }
        int won = 0;
        for (Future<Boolean> result : results) {
          won += result.get() ? 1 : 0;
        }
        assertThat(won).isEqualTo(1);
        assertThat(storage.sessions().find("acme", "s-1").orElseThrow().version()).isEqualTo(2);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("transitions are append-only: a record that drops or changes one is refused")
    void transitionsAppendOnly() {
      SessionRecord v1 = storage.sessions().save(session("s-1", T0).build());
      SessionRecord v2 = storage.sessions().save(v1.toBuilder()
          .transition(new SessionTransition(T0.plusSeconds(1), SessionStatus.OFFERED, "system", null, "sales", "bob"))
          .build());
      SessionRecord other = SessionRecord.builder("acme", "s-1", "WEB_CHAT", T0).version(2)
          .transition(new SessionTransition(T0, SessionStatus.QUEUED, "client", null, "support", null))
          .transition(new SessionTransition(T0.plusSeconds(1), SessionStatus.OFFERED, "system", null, "sales", "bob"))
          .build();

      assertThatThrownBy(() -> storage.sessions().save(v1.toBuilder().version(2).build()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> storage.sessions().save(other)).isInstanceOf(IllegalArgumentException.class);
      assertThat(storage.sessions().find("acme", "s-1")).contains(v2);
    }

    @Test
    @DisplayName("saveAll stores all or, when one is stale, none")
    void saveAllIsAtomic() {
      SessionRecord a = storage.sessions().save(session("a", T0).build());
      List<SessionRecord> stored = storage.sessions().saveAll(List.of(
          a.toBuilder().status(SessionStatus.OFFERED).build(), session("b", T0).build()));
      assertThat(stored).extracting(SessionRecord::version).containsExactly(2L, 1L);

      assertThatThrownBy(() -> storage.sessions().saveAll(List.of(session("c", T0).build(), a)))
          .isInstanceOf(StaleWriteException.class);
      assertThat(storage.sessions().find("acme", "c")).isEmpty();
    }

    @Test
    @DisplayName("live() lists the live sessions by arrival counter, then id")
    void live() {
      storage.sessions().save(session("b", T0).arrivalSeq(2).build());
      storage.sessions().save(session("a", T0).arrivalSeq(2).build());
      storage.sessions().save(session("c", T0).arrivalSeq(1).build());
      storage.sessions().save(session("d", T0).arrivalSeq(0).status(SessionStatus.ENDED).closedAt(T0).build());

      assertThat(storage.sessions().live("acme")).extracting(SessionRecord::id).containsExactly("c", "a", "b");
    }

    @Test
    @DisplayName("erasure strips the record, moves its version on and removes the transcript from search")
    void erase() {
      storage.sessions().save(session("s-1", T0).client("visitor-7").parameter("order", "A-1").build());
      storage.transcripts().append(message("s-1", "m-1", T0, "my card number is 4111"));

      SessionRecord erased = storage.sessions().erase("acme", "s-1", T0.plusSeconds(9)).orElseThrow();

      assertThat(erased.version()).isEqualTo(2);
      assertThat(erased.client()).isEmpty();
      assertThat(erased.parameters()).isEmpty();
      assertThat(storage.sessions().find("acme", "s-1")).contains(erased);
      assertThat(storage.transcripts().transcript("acme", "s-1")).isEmpty();
      assertThat(ids(SessionQuery.builder("acme").text("card"))).isEmpty();
      assertThat(storage.sessions().erase("acme", "s-1", T0.plusSeconds(10))).contains(erased);
      assertThat(storage.sessions().erase("acme", "nope", T0)).isEmpty();
    }

    @Test
    @DisplayName("a purge removes closed sessions with their transcripts and keeps live ones")
    void purge() {
      storage.sessions().save(session("old", T0).status(SessionStatus.ENDED).closedAt(T0.plusSeconds(1)).build());
      storage.sessions().save(session("new", T0).status(SessionStatus.ENDED).closedAt(T0.plusSeconds(5)).build());
      storage.sessions().save(session("live", T0).build());
      storage.transcripts().append(message("old", "m-1", T0, "hello"));
      storage.transcripts().append(message("live", "m-2", T0, "hello"));

      assertThat(storage.sessions().purgeClosedBefore("acme", T0.plusSeconds(5))).isEqualTo(1);

      assertThat(storage.sessions().find("acme", "old")).isEmpty();
      assertThat(storage.transcripts().find("acme", "m-1")).isEmpty();
      assertThat(ids(SessionQuery.builder("acme").text("hello"))).containsExactly("live");
      assertThat(ids(SessionQuery.builder("acme"))).containsExactlyInAnyOrder("new", "live");
    }
  }

  @Nested
  @DisplayName("queries")
  class Queries {
    @Test
    @DisplayName("each filter selects what it names")
    void filters() {
      storage.sessions().save(session("a", T0).operator("alice").group("sales").client("v-1").contact("c-1")
          .tag("vip").parameter("order", "A-1").pageUrl("https://acme.example/pricing?x=1").chatbot("bot")
          .build());
      storage.sessions().save(session("b", T0.plusSeconds(1), "WHATSAPP").operator("bob").group("support")
          .transition(new SessionTransition(T0.plusSeconds(2), SessionStatus.ACTIVE, "operator:alice", "ACCEPTED",
              "support", "alice"))
          .status(SessionStatus.ENDED).closedAt(T0.plusSeconds(3)).endReason("CLIENT_DISCONNECTED")
          .parameter("order", "A-2").pageUrl("https://acme.example/help_me%").build());
      storage.sessions().save(SessionRecord.builder("other", "c", "WEB_CHAT", T0).operator("alice").build());

      SessionQuery.Builder all = SessionQuery.builder("acme");
      assertThat(ids(all)).containsExactly("b", "a");
      assertThat(ids(SessionQuery.builder("acme").operator("alice"))).containsExactly("b", "a");
      assertThat(ids(SessionQuery.builder("acme").operator("bob"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").group("sales"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").channel("WHATSAPP"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").endReason("CLIENT_DISCONNECTED"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").tag("vip"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").parameter("order", "A-2"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").pageUrlContains("pricing"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").pageUrlContains("_me%"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").pageUrlContains("help%"))).isEmpty();
      assertThat(ids(SessionQuery.builder("acme").chatbot("bot"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").contact("c-1"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").client("v-1"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").session("b"))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").liveness(SessionQuery.Liveness.LIVE))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").liveness(SessionQuery.Liveness.CLOSED))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").arrivedFrom(T0.plusSeconds(1)))).containsExactly("b");
      assertThat(ids(SessionQuery.builder("acme").arrivedBefore(T0.plusSeconds(1)))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").arrivedFrom(Instant.MIN).arrivedBefore(Instant.MAX)))
          .containsExactly("b", "a");
      assertThat(ids(SessionQuery.builder("acme").arrivedFrom(Instant.MAX))).isEmpty();
    }

    @Test
    @DisplayName("pages follow each other without repeats or gaps, in both orders, ties broken by id")
    void paging() {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        String id = "s-" + (char) ('a' + i % 5) + i;
        storage.sessions().save(session(id, T0.plusSeconds(i / 3)).build());
        expected.add(id);
      }
      for (SessionQuery.Order order : SessionQuery.Order.values()) {
        List<String> seen = new ArrayList<>();
        SessionQuery query = SessionQuery.builder("acme").order(order).limit(4).build();
        Page<SessionRecord> page;
        do {
          page = storage.sessions().query(query);
          page.items().forEach(s -> seen.add(s.id()));
          query = query.toBuilder().cursor(page.next()).build();
        } while (page.next() != null);

        List<SessionRecord> all = storage.sessions().query(SessionQuery.builder("acme").order(order).limit(100).build())
            .items();
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().containsExactlyElementsOf(all.stream().map(SessionRecord::id).toList());
        for (int i = 1; i < all.size(); i++) {
          SessionRecord a = all.get(i - 1);
          SessionRecord b = all.get(i);
          int cmp = a.arrivedAt().compareTo(b.arrivedAt()) != 0 ? a.arrivedAt().compareTo(b.arrivedAt())
              : a.id().compareTo(b.id());
          assertThat(order == SessionQuery.Order.OLDEST_FIRST ? cmp : -cmp).isNegative();
        }
      }
    }

    @Test
    @DisplayName("a cursor that did not come from a page of the same order is refused")
    void rejectsCursors() {
      storage.sessions().save(session("a", T0).build());
      storage.sessions().save(session("b", T0).build());
      String newest = storage.sessions().query(SessionQuery.builder("acme").limit(1).build()).next();
      assertThat(newest).isNotNull();

      for (String bad : List.of("nope", "!!!", newest + "x", newest.substring(1))) {
        assertThatThrownBy(() -> storage.sessions().query(SessionQuery.builder("acme").cursor(bad).build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
      }
      assertThatThrownBy(() -> storage.sessions().query(
              SessionQuery.builder("acme").order(SessionQuery.Order.OLDEST_FIRST).cursor(newest).build()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("full-text search finds what Words says: every word begins a word of some message")
    void searchAgainstWords() {
      // A small vocabulary so that words share prefixes, with accents and mixed case.
      String[] vocabulary = {"Refund", "refunded", "réfund", "card", "Cárdigan", "ship", "shipping", "Žluťoučký",
          "kůň", "3d", "1e5", "o'neil", "a_b", "100%", "naïve", "ÆON"};
      Random random = new Random(42);
      Map<String, List<String>> texts = new java.util.HashMap<>();
      for (int s = 0; s < 12; s++) {
        String id = "s-" + s;
        storage.sessions().save(session(id, T0.plusSeconds(s)).build());
        List<String> messages = new ArrayList<>();
        for (int m = 0; m < random.nextInt(4); m++) {
          StringBuilder text = new StringBuilder();
          for (int w = 0; w < 1 + random.nextInt(4); w++) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(w % 2 == 0 ? " " : ", ");
          }
          messages.add(text.toString());
          storage.transcripts().append(message(id, id + "-m" + m, T0.plusSeconds(s), text.toString()));
        }
        texts.put(id, messages);
      }
      List<String> queries = List.of("ref", "REFUND", "refunded", "refunds", "card ship", "cardi", "zlut",
          "žluťoučký kůň", "kun", "3", "1e", "1e5", "o neil", "a b", "a_b", "100", "naive", "aeon", "æon", "r s c",
          "%", "_", "'", "\\", "'':*");
      for (String query : queries) {
        List<String> words = Words.of(query);
        List<String> expected = texts.entrySet().stream()
            .filter(e -> words.stream().allMatch(w -> e.getValue().stream()
                .anyMatch(text -> Words.of(text).stream().anyMatch(t -> t.startsWith(w)))))
            .map(Map.Entry::getKey)
            .toList();
        assertThat(ids(SessionQuery.builder("acme").text(query))).as(query).containsExactlyInAnyOrderElementsOf(
            words.isEmpty() ? texts.keySet() : expected);
      }
    }

    @Test
    @DisplayName("search words may come from different messages, and only the tenant's own sessions match")
    void searchAcrossMessages() {
      storage.sessions().save(session("a", T0).build());
      storage.sessions().save(SessionRecord.builder("other", "a", "WEB_CHAT", T0).build());
      storage.transcripts().append(message("a", "m-1", T0, "where is my refund"));
      storage.transcripts().append(message("a", "m-2", T0, "the parcel never came"));
      storage.transcripts().append(new MessageRecord("other", "a", "m-1", T0, MessageRecord.Sender.CLIENT, null,
          "refund parcel", List.of(), Delivery.SENT));

      assertThat(ids(SessionQuery.builder("acme").text("refund parcel"))).containsExactly("a");
      assertThat(ids(SessionQuery.builder("acme").text("refund parcel nothing"))).isEmpty();
      assertThat(ids(SessionQuery.builder("other").text("refund parcel"))).containsExactly("a");
    }
  }

  @Nested
  @DisplayName("transcripts")
  class Transcripts {
    @Test
    @DisplayName("a message is stored once by id, in order of its instant then of storing, with its files")
    void appendOnce() {
      MessageRecord first = new MessageRecord("acme", "s-1", "m-1", T0.plusSeconds(1), MessageRecord.Sender.OPERATOR,
          "alice", "", List.of(new MessageRecord.FileRef("a.pdf", "application/pdf", 12, "s3://a"),
              new MessageRecord.FileRef("b.png", "image/png", 0, "s3://b")), Delivery.SENT);
      assertThat(storage.transcripts().append(first)).isTrue();
      assertThat(storage.transcripts().append(message("s-1", "m-1", T0, "other"))).isFalse();
      storage.transcripts().append(message("s-1", "m-3", T0.plusSeconds(1), "later, stored after"));
      storage.transcripts().append(message("s-1", "m-2", T0, "earlier"));

      assertThat(storage.transcripts().transcript("acme", "s-1")).extracting(MessageRecord::id)
          .containsExactly("m-2", "m-1", "m-3");
      assertThat(storage.transcripts().find("acme", "m-1")).contains(first);
    }

    @Test
    @DisplayName("delivery moves forward only")
    void delivery() {
      storage.transcripts().append(message("s-1", "m-1", T0, "hi"));
      storage.transcripts().append(message("s-1", "m-2", T0, "hi"));

      assertThat(storage.transcripts().markDelivery("acme", "m-1", Delivery.READ).orElseThrow().delivery())
          .isEqualTo(Delivery.READ);
      assertThat(storage.transcripts().markDelivery("acme", "m-1", Delivery.DELIVERED).orElseThrow().delivery())
          .isEqualTo(Delivery.READ);
      assertThat(storage.transcripts().markDelivery("acme", "m-1", Delivery.FAILED).orElseThrow().delivery())
          .isEqualTo(Delivery.READ);
      assertThat(storage.transcripts().markDelivery("acme", "m-2", Delivery.FAILED).orElseThrow().delivery())
          .isEqualTo(Delivery.FAILED);
      assertThat(storage.transcripts().markDelivery("acme", "m-2", Delivery.READ).orElseThrow().delivery())
          .isEqualTo(Delivery.FAILED);
      assertThat(storage.transcripts().markDelivery("acme", "nope", Delivery.READ)).isEmpty();
    }
  }

  @Nested
  @DisplayName("contacts")
  class Contacts {
    ContactRecord contact(String id, String name, Identity... identities) {
      return new ContactRecord("acme", id, name, List.of(identities), Map.of("company", "Acme"), T0, 0);
    }

    @Test
    @DisplayName("contacts are versioned, found by identity, and an identity belongs to one of them")
    void identities() {
      Identity phone = new Identity(Identity.Kind.PHONE, "+420601");
      ContactRecord jana = storage.contacts().save(contact("c-1", "Jana", phone));

      assertThat(jana.version()).isEqualTo(1);
      assertThat(storage.contacts().findByIdentity("acme", phone)).contains(jana);
      assertThat(storage.contacts().find("acme", "c-1")).contains(jana);
      assertThatThrownBy(() -> storage.contacts().save(contact("c-2", "Petr", phone)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c-1");
      assertThat(storage.contacts().find("acme", "c-2")).isEmpty();
      assertThatThrownBy(() -> storage.contacts().save(contact("c-1", "Jana")))
          .isInstanceOf(StaleWriteException.class);

      ContactRecord moved = storage.contacts().save(new ContactRecord("acme", "c-1", "Jana N.", List.of(), Map.of(), T0, 1));
      assertThat(storage.contacts().findByIdentity("acme", phone)).isEmpty();
      assertThat(storage.contacts().save(contact("c-2", "Petr", phone)).identities()).containsExactly(phone);
      assertThat(storage.contacts().find("acme", "c-1")).contains(moved);
    }

    @Test
    @DisplayName("contacts page by name then id, and removing one unlinks its sessions")
    void listAndRemove() {
      for (String name : List.of("Eva", "adam", "Bob", "Eva", "Zoe")) {
        storage.contacts().save(contact("c-" + name + storage.contacts().list("acme", null, 100).items().size(), name));
      }
      List<String> seen = new ArrayList<>();
      String cursor = null;
      do {
        Page<ContactRecord> page = storage.contacts().list("acme", cursor, 2);
        page.items().forEach(c -> seen.add(c.name()));
        cursor = page.next();
      } while (cursor != null);
      assertThat(seen).containsExactly("Bob", "Eva", "Eva", "Zoe", "adam");
      assertThatThrownBy(() -> storage.contacts().list("acme", "bad", 2)).isInstanceOf(IllegalArgumentException.class);

      SessionRecord linked = storage.sessions().save(session("s-1", T0).contact("c-Bob2").build());
      assertThat(storage.contacts().remove("acme", "c-Bob2")).isTrue();
      assertThat(storage.contacts().remove("acme", "c-Bob2")).isFalse();
      SessionRecord unlinked = storage.sessions().find("acme", "s-1").orElseThrow();
      assertThat(unlinked.contact()).isEmpty();
      assertThat(unlinked.version()).isEqualTo(linked.version() + 1);
    }
  }

  @Nested
  @DisplayName("tags, templates, outbox and configuration")
  class Others {
    @Test
    @DisplayName("the catalogue is sorted and recent tags come latest first, each once")
    void tags() {
      storage.tags().define("acme", "vip");
      storage.tags().define("acme", "vip");
      storage.tags().define("acme", "billing");
      assertThat(storage.tags().catalogue("acme")).containsExactly("billing", "vip");
      assertThat(storage.tags().remove("acme", "vip")).isTrue();
      assertThat(storage.tags().catalogue("acme")).containsExactly("billing");

      storage.tags().used("acme", "alice", "a", T0);
      storage.tags().used("acme", "alice", "b", T0.plusSeconds(1));
      storage.tags().used("acme", "alice", "a", T0.plusSeconds(2));
      storage.tags().used("acme", "alice", "c", T0.plusSeconds(3));
      storage.tags().used("acme", "alice", "c", T0);
      assertThat(storage.tags().recent("acme", "alice", 10)).containsExactly("c", "a", "b");
      assertThat(storage.tags().recent("acme", "alice", 2)).containsExactly("c", "a");
    }

    @Test
    @DisplayName("templates are replaced by id, starred per operator, and stars go with their template")
    void templates() {
      storage.templates().put(new TemplateRecord("acme", "t-1", "Hello", "Hi there", null));
      storage.templates().put(new TemplateRecord("acme", "t-2", "Bye", "Bye now", "en"));
      storage.templates().put(new TemplateRecord("acme", "t-1", "Welcome", "Hi there", "cs"));
      assertThat(storage.templates().list("acme")).extracting(TemplateRecord::id).containsExactly("t-2", "t-1");

      storage.templates().star("acme", "alice", "t-1", true);
      storage.templates().star("acme", "alice", "t-1", true);
      assertThat(storage.templates().starred("acme", "alice")).extracting(TemplateRecord::id).containsExactly("t-1");
      assertThatThrownBy(() -> storage.templates().star("acme", "alice", "nope", true))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(storage.templates().remove("acme", "t-1")).isTrue();
      assertThat(storage.templates().starred("acme", "alice")).isEmpty();
    }

    @Test
    @DisplayName("outbox numbers increase per tenant across appends and purges; cursors are kept")
    void outbox() {
      List<OutboxRecord> first = storage.outbox().append(List.of(
          new OutboxRecord("acme", 0, "session.queued", "s-1", T0, "{}"),
          new OutboxRecord("other", 0, "session.queued", null, T0, "{}"),
          new OutboxRecord("acme", 0, "session.ended", "s-1", T0.plusSeconds(5), "{\"x\":1}")));
      assertThat(first).extracting(OutboxRecord::seq).containsExactly(1L, 1L, 2L);
      assertThat(storage.outbox().after("acme", 0, 10)).containsExactly(first.get(0), first.get(2));
      assertThat(storage.outbox().after("acme", 1, 10)).containsExactly(first.get(2));
      assertThat(storage.outbox().firstAtOrAfter("acme", T0.plusSeconds(1))).isEqualTo(2);

      assertThat(storage.outbox().purgeBefore("acme", T0.plusSeconds(5))).isEqualTo(1);
      List<OutboxRecord> next = storage.outbox().append(List.of(new OutboxRecord("acme", 0, "x", null, T0, "")));
      assertThat(next.get(0).seq()).isEqualTo(3);

      assertThat(storage.outbox().cursor("acme", "hook")).isZero();
      storage.outbox().saveCursor("acme", "hook", 2);
      assertThat(storage.outbox().cursor("acme", "hook")).isEqualTo(2);
    }

    @Test
    @DisplayName("configuration records are replaced whole and listed by kind, then key")
    void config() {
      storage.config().put(new ConfigRecord("acme", "group", "sales", Map.of("name", "Sales", "capacity", "3")));
      storage.config().put(new ConfigRecord("acme", "group", "sales", Map.of("name", "Sales")));
      storage.config().put(new ConfigRecord("acme", "settings", "tenant", Map.of()));
      storage.config().put(new ConfigRecord("beta", "group", "a", Map.of()));

      assertThat(storage.config().list("acme")).containsExactly(
          new ConfigRecord("acme", "group", "sales", Map.of("name", "Sales")),
          new ConfigRecord("acme", "settings", "tenant", Map.of()));
      assertThat(storage.config().tenants()).containsExactly("acme", "beta");
      assertThat(storage.config().remove("acme", "group", "sales")).isTrue();
      assertThat(storage.config().list("acme")).hasSize(1);
    }
  }
}
