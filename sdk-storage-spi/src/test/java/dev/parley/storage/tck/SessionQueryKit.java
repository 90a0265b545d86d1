package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionQuery.Liveness;
import dev.parley.storage.SessionQuery.Order;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The history queries ({@link dev.parley.storage.SessionStore#query}) part of the {@link StorageTck}. */
abstract class SessionQueryKit extends StorageKit {
  SessionQueryKit(StorageTck tck) {
    super(tck);
  }

  /** The ids a query's first page lists, in order. */
  final List<String> found(UnaryOperator<SessionQuery.Builder> filters) {
    return ids(sessions().query(filters.apply(SessionQuery.builder("acme")).build()).items());
  }

  /** The ids of every page of a query, read one page at a time, in order. */
  final List<String> allPages(SessionQuery query) {
    List<String> ids = new ArrayList<>();
    SessionQuery next = query;
    for (int pages = 0; pages < 1_000; pages++) {
      Page<SessionRecord> page = sessions().query(next);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(query.limit());
      ids.addAll(ids(page.items()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      next = query.toBuilder().cursor(page.next()).build();
    }
    throw new AssertionError("more than 1000 pages: the cursor does not move on");
  }

  static Instant minute(int n) {
    return T0.plus(Duration.ofMinutes(n));
  }

  /**
   * Four sessions of acme, one a minute, each picked out by some filters and not others, and one
   * of globex that every filter would pick.
   */
  @Nested
  @DisplayName("each filter")
  class Filters {
    @BeforeEach
    void storeSessions() {
      save(served("acme", "s-1", minute(1)).tag("billing").parameter("plan", "gold").client("visitor-1")
          .pageUrl("https://acme.example/pricing?discount=50%").contact("c-1"));
      save(ended(accepted(accepted(queuedOn("WHATSAPP", "acme", "s-2", minute(2)), "alice", minute(3))
              .transition(new SessionTransition(minute(4), SessionStatus.QUEUED, "operator:alice", "REDIRECTED",
                  "support", null))
              .group("support"), "bob", minute(5)), "OPERATOR_CLOSED", minute(9))
          .tag("refund").parameter("plan", "silver").client("+420601234567").chatbot("faq-bot"));
      save(queued("acme", "s-3", minute(3)).status(SessionStatus.OFFERED).client("visitor-1")
          .pageUrl("https://acme.example/5000")
          .transition(new SessionTransition(minute(3), SessionStatus.OFFERED, "system", null, "sales", "alice")));
      save(ended(queuedOn("EMAIL", "acme", "s-4", minute(4)).group("support"), "CLIENT_LEFT", minute(6))
          .status(SessionStatus.ABANDONED).tag("refund").tag("billing").contact("c-1")
          .chatbot("faq-bot").parameter("source", "gold"));
      save(served("globex", "s-9", minute(2)).tag("billing").tag("refund").parameter("plan", "gold")
          .client("visitor-1").contact("c-1").chatbot("faq-bot").pageUrl("https://acme.example/pricing?discount=50%"));
    }

    @Test
    @DisplayName("no filter lists all of the tenant's sessions, newest first")
    void noFilter() {
      assertThat(found(q -> q)).containsExactly("s-4", "s-3", "s-2", "s-1");
    }

    @Test
    @DisplayName("arrival from an instant (included) and before another (excluded)")
    void arrival() {
      assertThat(found(q -> q.arrivedFrom(minute(2)).arrivedBefore(minute(4)))).containsExactly("s-3", "s-2");
      assertThat(found(q -> q.arrivedFrom(minute(2).plusNanos(1)))).containsExactly("s-4", "s-3");
      assertThat(found(q -> q.arrivedBefore(minute(1).plusNanos(1)))).containsExactly("s-1");
    }

    @Test
    @DisplayName("liveness: live ones only, or closed ones only")
    void liveness() {
      assertThat(found(q -> q.liveness(Liveness.LIVE))).containsExactly("s-3");
      assertThat(found(q -> q.liveness(Liveness.CLOSED))).containsExactly("s-4", "s-2", "s-1");
      assertThat(found(q -> q.liveness(Liveness.ANY))).containsExactly("s-4", "s-3", "s-2", "s-1");
    }

    @Test
    @DisplayName("one session by its id")
    void session() {
      assertThat(found(q -> q.session("s-2"))).containsExactly("s-2");
      assertThat(found(q -> q.session("s-9"))).isEmpty();
    }

    @Test
    @DisplayName("an operator: the one holding or last serving it, or one a transition shows accepting it")
    void operator() {
      assertThat(found(q -> q.operator("alice"))).containsExactly("s-2", "s-1");
      assertThat(found(q -> q.operator("bob"))).containsExactly("s-2");
      assertThat(found(q -> q.operator("carol"))).isEmpty();
    }

    @Test
    @DisplayName("the (last) group")
    void group() {
      assertThat(found(q -> q.group("sales"))).containsExactly("s-3", "s-1");
      assertThat(found(q -> q.group("support"))).containsExactly("s-4", "s-2");
    }

    @Test
    @DisplayName("the channel")
    void channel() {
      assertThat(found(q -> q.channel("WEB_CHAT"))).containsExactly("s-3", "s-1");
      assertThat(found(q -> q.channel("WHATSAPP"))).containsExactly("s-2");
      assertThat(found(q -> q.channel("TELEGRAM"))).isEmpty();
    }

    @Test
    @DisplayName("the end reason")
    void endReason() {
      assertThat(found(q -> q.endReason("CLIENT_DISCONNECTED"))).containsExactly("s-1");
      assertThat(found(q -> q.endReason("CLIENT_LEFT"))).containsExactly("s-4");
    }

    @Test
    @DisplayName("a tag among the session's tags")
    void tag() {
      assertThat(found(q -> q.tag("billing"))).containsExactly("s-4", "s-1");
      assertThat(found(q -> q.tag("refund"))).containsExactly("s-4", "s-2");
      assertThat(found(q -> q.tag("bill"))).isEmpty();
    }

    @Test
    @DisplayName("a parameter with exactly this name and value")
    void parameter() {
      assertThat(found(q -> q.parameter("plan", "gold"))).containsExactly("s-1");
      assertThat(found(q -> q.parameter("plan", "GOLD"))).isEmpty();
      assertThat(found(q -> q.parameter("source", "gold"))).containsExactly("s-4");
      assertThat(found(q -> q.parameter("plan", "gol"))).isEmpty();
    }

    @Test
    @DisplayName("a text the page URL contains, taken literally (% and _ are no wildcards)")
    void pageUrl() {
      assertThat(found(q -> q.pageUrlContains("acme.example/"))).containsExactly("s-3", "s-1");
      assertThat(found(q -> q.pageUrlContains("50%"))).containsExactly("s-1");
      assertThat(found(q -> q.pageUrlContains("pricing_discount"))).isEmpty();
      assertThat(found(q -> q.pageUrlContains("PRICING"))).isEmpty();
    }

    @Test
    @DisplayName("the chatbot")
    void chatbot() {
      assertThat(found(q -> q.chatbot("faq-bot"))).containsExactly("s-4", "s-2");
      assertThat(found(q -> q.chatbot("faq"))).isEmpty();
    }

    @Test
    @DisplayName("the linked contact")
    void contact() {
      assertThat(found(q -> q.contact("c-1"))).containsExactly("s-4", "s-1");
      assertThat(found(q -> q.contact("c-2"))).isEmpty();
    }

    @Test
    @DisplayName("the client identifier, alone and with a channel")
    void client() {
      assertThat(found(q -> q.client("visitor-1"))).containsExactly("s-3", "s-1");
      assertThat(found(q -> q.client("+420601234567").channel("WHATSAPP"))).containsExactly("s-2");
      assertThat(found(q -> q.client("+420601234567").channel("WEB_CHAT"))).isEmpty();
    }

    @Test
    @DisplayName("filters combine: every one that is set must match")
    void combined() {
      assertThat(found(q -> q.tag("billing").liveness(Liveness.CLOSED).group("sales"))).containsExactly("s-1");
      assertThat(found(q -> q.contact("c-1").channel("EMAIL").chatbot("faq-bot").tag("refund")))
          .containsExactly("s-4");
      assertThat(found(q -> q.operator("alice").arrivedFrom(minute(2)).endReason("OPERATOR_CLOSED")))
          .containsExactly("s-2");
      assertThat(found(q -> q.client("visitor-1").liveness(Liveness.LIVE).pageUrlContains("5000")))
          .containsExactly("s-3");
      assertThat(found(q -> q.tag("billing").group("support").channel("WEB_CHAT"))).isEmpty();
    }

    @Test
    @DisplayName("an erased session still counts, but not by its former client, contact, page or parameters")
    void erased() {
      sessions().erase("acme", "s-1", minute(60));

      assertThat(found(q -> q.group("sales").liveness(Liveness.CLOSED))).containsExactly("s-1");
      assertThat(found(q -> q.operator("alice").tag("billing"))).containsExactly("s-1");
      assertThat(found(q -> q.client("visitor-1"))).containsExactly("s-3");
      assertThat(found(q -> q.contact("c-1"))).containsExactly("s-4");
      assertThat(found(q -> q.pageUrlContains("pricing"))).isEmpty();
      assertThat(found(q -> q.parameter("plan", "gold"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("order")
  class Ordering {
    @Test
    @DisplayName("newest first is latest arrival first, ties by id descending; oldest first the reverse")
    void bothOrders() {
      save(served("acme", "s-b", T0));
      save(served("acme", "s-a", T0));
      save(served("acme", "s-c", T0));
      save(served("acme", "s-early", T0.minusNanos(1)));
      save(served("acme", "s-late", T0.plusNanos(1)));

      assertThat(found(q -> q.order(Order.NEWEST_FIRST))).containsExactly("s-late", "s-c", "s-b", "s-a", "s-early");
      assertThat(found(q -> q.order(Order.OLDEST_FIRST))).containsExactly("s-early", "s-a", "s-b", "s-c", "s-late");
    }
  }

  @Nested
  @DisplayName("paging")
  class Paging {
    private static final int SESSIONS = 9;

    @BeforeEach
    void storeSessions() {
      for (int i = 1; i <= SESSIONS; i++) {
        save(served("acme", "s-" + i, minute(10 * i)));
      }
    }

    /** The stored sessions' ids in {@code order}. */
    private List<String> expected(Order order) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= SESSIONS; i++) {
        ids.add("s-" + i);
      }
      if (order == Order.NEWEST_FIRST) {
        Collections.reverse(ids);
      }
      return ids;
    }

    @Test
    @DisplayName("pages hold at most the limit and together list every session once, in either order")
    void pagesThroughAll() {
      for (Order order : Order.values()) {
        for (int limit = 1; limit <= SESSIONS + 1; limit++) {
          SessionQuery query = SessionQuery.builder("acme").order(order).limit(limit).build();
          assertThat(allPages(query)).as("%s, limit %d", order, limit).isEqualTo(expected(order));
        }
      }
    }

    @Test
    @DisplayName("the first page holds the limit and a cursor; the last has no cursor, even when exactly full")
    void lastPageHasNoCursor() {
      Page<SessionRecord> first = sessions().query(SessionQuery.builder("acme").limit(4).build());
      Page<SessionRecord> all = sessions().query(SessionQuery.builder("acme").limit(SESSIONS).build());

      assertThat(ids(first.items())).containsExactly("s-9", "s-8", "s-7", "s-6");
      assertThat(first.nextCursor()).isPresent();
      assertThat(all.items()).hasSize(SESSIONS);
      assertThat(all.nextCursor()).isEmpty();
    }

    @Test
    @DisplayName("a cursor stays put when sessions arrive between pages: none repeats, none is skipped")
    void stableUnderInserts() {
      for (Order order : Order.values()) {
        SessionQuery query = SessionQuery.builder("acme").order(order).limit(3).build();
        Page<SessionRecord> first = sessions().query(query);
        // One before the cursor's position in either order, one after it, one far on each side.
        save(served("acme", "n-" + order + "-mid", minute(45)));
        save(served("acme", "n-" + order + "-early", minute(1)));
        save(served("acme", "n-" + order + "-late", minute(500)));

        List<String> rest = allPages(query.toBuilder().cursor(first.next()).build());

        List<String> all = new ArrayList<>(ids(first.items()));
        all.addAll(rest);
        assertThat(all).as(order.name()).doesNotHaveDuplicates().containsAll(expected(order))
            .contains("n-" + order + "-mid");
        assertThat(rest).as(order.name())
            .contains(order == Order.NEWEST_FIRST ? "n-" + order + "-early" : "n-" + order + "-late")
            .doesNotContain(order == Order.NEWEST_FIRST ? "n-" + order + "-late" : "n-" + order + "-early");
      }
    }

    @Test
    @DisplayName("a cursor stays valid when the session it stopped at is purged meanwhile")
    void stableUnderRemoval() {
      SessionQuery query = SessionQuery.builder("acme").order(Order.OLDEST_FIRST).limit(3).build();
      Page<SessionRecord> first = sessions().query(query);

      assertThat(sessions().purgeClosedBefore("acme", minute(41))).isEqualTo(3);

      assertThat(allPages(query.toBuilder().cursor(first.next()).build()))
          .containsExactly("s-4", "s-5", "s-6", "s-7", "s-8", "s-9");
    }

    @Test
    @DisplayName("sessions arriving at the same instant are split across pages without repeats or gaps")
    void tiesAcrossPages() {
      for (int i = 0; i < 7; i++) {
        save(served("acme", "t-" + i, minute(55)));
      }
      for (Order order : Order.values()) {
        List<String> all = allPages(SessionQuery.builder("acme").arrivedFrom(minute(55)).arrivedBefore(minute(56))
            .order(order).limit(2).build());
        assertThat(all).as(order.name()).hasSize(7).doesNotHaveDuplicates().isSortedAccordingTo(
            order == Order.OLDEST_FIRST ? String::compareTo : (a, b) -> b.compareTo(a));
      }
    }

    @Test
    @DisplayName("a cursor may be used with another limit")
    void cursorWithAnotherLimit() {
      Page<SessionRecord> first = sessions().query(SessionQuery.builder("acme").limit(2).build());

      Page<SessionRecord> second = sessions().query(SessionQuery.builder("acme").limit(5).cursor(first.next()).build());

      assertThat(ids(second.items())).containsExactly("s-7", "s-6", "s-5", "s-4", "s-3");
    }

    @Test
    @DisplayName("a filter pages through its own matches only")
    void filteredPages() {
      for (int i = 1; i <= SESSIONS; i += 2) {
        SessionRecord s = sessions().find("acme", "s-" + i).orElseThrow();
        update(s, b -> b.tag("odd"));
      }

      assertThat(allPages(SessionQuery.builder("acme").tag("odd").limit(2).build()))
          .containsExactly("s-9", "s-7", "s-5", "s-3", "s-1");
    }
  }

  @Nested
  @DisplayName("bad cursors")
  class BadCursors {
    private String cursorOf(SessionQuery query) {
      return sessions().query(query).nextCursor().orElseThrow();
    }

    @BeforeEach
    void storeSessions() {
      for (int i = 1; i <= 3; i++) {
        save(served("acme", "s-" + i, minute(i)).tag("t"));
        save(served("globex", "s-" + i, minute(i)).tag("t"));
      }
    }

    @Test
    @DisplayName("a cursor this store never handed out is rejected")
    void rejectsGarbage() {
      for (String garbage : List.of("not-a-cursor", "AAAA", "%%%", "eyJzIjoxfQ")) {
        assertThatThrownBy(() -> sessions().query(SessionQuery.builder("acme").cursor(garbage).build()))
            .as(garbage).isInstanceOf(IllegalArgumentException.class);
      }
    }

    @Test
    @DisplayName("a cursor of another tenant, order or filter is rejected")
    void rejectsCursorOfAnotherQuery() {
      String cursor = cursorOf(SessionQuery.builder("acme").tag("t").limit(1).build());

      for (SessionQuery.Builder other : List.of(
          SessionQuery.builder("globex").tag("t"),
          SessionQuery.builder("acme").tag("t").order(Order.OLDEST_FIRST),
          SessionQuery.builder("acme").tag("u"),
          SessionQuery.builder("acme"),
          SessionQuery.builder("acme").tag("t").liveness(Liveness.CLOSED))) {
        SessionQuery query = other.limit(1).cursor(cursor).build();
        assertThatThrownBy(() -> sessions().query(query)).as(query.toString())
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }
}
