package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-memory history is read through indexes: a page of any indexed filter seeks about once per
 * session it returns, whatever the number stored (a scan would examine all {@value #STORED}), and
 * lists what a plain filter-and-sort of every session lists.
 */
class InMemorySessionIndexTest {
  private static final int STORED = 20_000;
  private static final int LIMIT = 25;
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  private static final List<String> CHANNELS = List.of("WEB_CHAT", "WHATSAPP", "EMAIL", "TELEGRAM", "VIDEO_CALL");
  private static final List<String> REASONS = List.of("CLIENT_LEFT", "OPERATOR_CLOSED", "TIMED_OUT");

  private final InMemoryStorage storage = new InMemoryStorage();
  private final InMemorySessionStore sessions = (InMemorySessionStore) storage.sessions();
  private final List<SessionRecord> all = new ArrayList<>();
  // session id -> the words of its messages
  private final Map<String, List<String>> words = new HashMap<>();

  InMemorySessionIndexTest() {
    SplittableRandom random = new SplittableRandom(19);
    List<SessionRecord> batch = new ArrayList<>();
    List<MessageRecord> messages = new ArrayList<>();
    for (int i = 0; i < STORED; i++) {
      String id = "s" + i;
      // a few share an instant, so that ties are broken by id
      Instant at = T0.plusSeconds(i / 3 * 7L);
      SessionRecord.Builder b = SessionRecord.builder("acme", id, CHANNELS.get(random.nextInt(CHANNELS.size())), at)
          .group("g" + random.nextInt(10)).client("visitor-" + random.nextInt(40)).parameter("plan",
              random.nextInt(5) == 0 ? "gold" : "basic");
      if (random.nextInt(10) == 0) {
        b.status(SessionStatus.QUEUED);
      } else {
        String op = "op" + random.nextInt(40);
        b.status(SessionStatus.ENDED).operator(op).endReason(REASONS.get(random.nextInt(REASONS.size())))
            .closedAt(at.plusSeconds(600))
            .transition(new SessionTransition(at.plusSeconds(5), SessionStatus.ACTIVE, "operator:" + op, "ACCEPTED",
                null, op));
        if (random.nextInt(30) == 0) {
          b.tag("vip");
        }
        if (random.nextInt(8) == 0) {
          b.contact("c" + random.nextInt(10));
        }
      }
      if (random.nextInt(40) == 0) {
        b.chatbot("faq-bot");
      }
      batch.add(b.build());
      if (random.nextInt(10) == 0) {
        String said = random.nextInt(3) == 0 ? "I want a refund please" : "where is my parcel";
        messages.add(new MessageRecord("acme", id, id + "-m", at.plusSeconds(2), MessageRecord.Sender.CLIENT, null,
            said, List.of(), MessageRecord.Delivery.SENT));
        words.put(id, Words.of(said));
      }
    }
    all.addAll(sessions.saveAll(batch));
    storage.transcripts().appendAll(messages);
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        query("no filter", q -> q),
        query("an arrival range", q -> q.arrivedFrom(T0.plus(Duration.ofHours(3))).arrivedBefore(T0.plus(Duration.ofHours(9)))),
        query("an operator", q -> q.operator("op7")),
        query("an operator in a week", q -> q.operator("op7").arrivedFrom(T0.plus(Duration.ofHours(10)))
            .arrivedBefore(T0.plus(Duration.ofHours(20)))),
        query("a group", q -> q.group("g3")),
        query("a channel", q -> q.channel("EMAIL")),
        query("an end reason", q -> q.endReason("TIMED_OUT")),
        query("a tag", q -> q.tag("vip")),
        query("a parameter", q -> q.parameter("plan", "gold")),
        query("a contact", q -> q.contact("c5")),
        query("a client", q -> q.client("visitor-9")),
        query("a chatbot", q -> q.chatbot("faq-bot")),
        query("live ones", q -> q.liveness(SessionQuery.Liveness.LIVE)),
        query("a word", q -> q.text("refund")),
        query("a word's beginning", q -> q.text("parc")));
  }

  private static Arguments query(String name, UnaryOperator<SessionQuery.Builder> filter) {
    return Arguments.of(name, filter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  @DisplayName("a page of one indexed filter seeks once per session returned, newest or oldest first, on every page")
  void aPageReadsWhatItReturns(String name, UnaryOperator<SessionQuery.Builder> filter) {
    for (SessionQuery.Order order : SessionQuery.Order.values()) {
      SessionQuery query = filter.apply(SessionQuery.builder("acme")).order(order).limit(LIMIT).build();
      assertThat(expected(query)).as("the seeded history has pages of it").hasSizeGreaterThan(2 * LIMIT);
      String cursor = null;
      for (int page = 0; page < 3; page++) {
        long before = sessions.examined();
        Page<SessionRecord> read = sessions.query(query.toBuilder().cursor(cursor).build());
        assertThat(sessions.examined() - before).as("seeks for page %d of %s", page, order)
            .isLessThanOrEqualTo(LIMIT + 2);
        assertThat(read.items()).hasSize(LIMIT);
        cursor = read.next();
      }
    }
  }

  @Test
  @DisplayName("seeded random queries of up to three filters list, page by page, what filtering and sorting all sessions lists")
  void randomQueriesMatchAScan() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 200; n++) {
      SessionQuery.Builder b = SessionQuery.builder("acme")
          .order(random.nextBoolean() ? SessionQuery.Order.NEWEST_FIRST : SessionQuery.Order.OLDEST_FIRST)
          .limit(1 + random.nextInt(400));
      for (int f = random.nextInt(4); f > 0; f--) {
        switch (random.nextInt(9)) {
          case 0 -> b.operator("op" + random.nextInt(40));
          case 1 -> b.group("g" + random.nextInt(10));
          case 2 -> b.channel(CHANNELS.get(random.nextInt(CHANNELS.size())));
          case 3 -> b.tag("vip");
          case 4 -> b.parameter("plan", random.nextBoolean() ? "gold" : "basic");
          case 5 -> b.text(random.nextBoolean() ? "refund" : "p");
          case 6 -> b.arrivedFrom(T0.plusSeconds(random.nextInt(STORED * 3)));
          case 7 -> b.arrivedBefore(T0.plusSeconds(random.nextInt(STORED * 3)));
          default -> b.liveness(SessionQuery.Liveness.values()[random.nextInt(3)]);
        }
      }
      SessionQuery query = b.build();
      assertThat(allPages(query)).as("%s", query).containsExactlyElementsOf(expected(query));
    }
  }

  @Test
  @DisplayName("erased, unlinked and purged sessions leave the indexes of what they lost")
  void removalsLeaveTheIndexes() {
    SessionRecord talked = all.stream().filter(s -> said(s, "refund")).findFirst().orElseThrow();
    sessions.erase("acme", talked.id(), T0.plus(Duration.ofDays(1)));
    assertThat(allPages(SessionQuery.builder("acme").text("refund").limit(1_000).build())).doesNotContain(talked.id());
    assertThat(allPages(SessionQuery.builder("acme").client(talked.client().orElseThrow()).limit(1_000).build()))
        .doesNotContain(talked.id());

    sessions.purgeClosedBefore("acme", T0.plus(Duration.ofHours(10)));
    assertThat(allPages(SessionQuery.builder("acme").operator("op7").order(SessionQuery.Order.OLDEST_FIRST)
        .limit(1_000).build())).allSatisfy(id -> assertThat(sessions.find("acme", id)).isPresent());
  }

  private List<String> allPages(SessionQuery query) {
    List<String> ids = new ArrayList<>();
    for (String cursor = null; ; ) {
      Page<SessionRecord> page = sessions.query(query.toBuilder().cursor(cursor).build());
      page.items().forEach(s -> ids.add(s.id()));
      cursor = page.next();
      if (cursor == null) {
        return ids;
      }
    }
  }

  /** What a scan of every session finds, sorted. */
  private List<String> expected(SessionQuery query) {
    SessionMatcher matcher = new SessionMatcher(query);
    Comparator<SessionRecord> oldestFirst = Comparator.comparing(SessionRecord::arrivedAt).thenComparing(SessionRecord::id);
    return all.stream()
        .filter(matcher::matches)
        .filter(s -> query.words().stream().allMatch(w -> said(s, w)))
        .sorted(query.order() == SessionQuery.Order.OLDEST_FIRST ? oldestFirst : oldestFirst.reversed())
        .map(SessionRecord::id)
        .toList();
  }

  private boolean said(SessionRecord s, String prefix) {
    return words.getOrDefault(s.id(), List.of()).stream().anyMatch(w -> w.startsWith(prefix));
  }
}
