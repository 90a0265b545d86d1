package dev.parley.benchmarks;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The records of a session's life as the engine's recorder writes them: it arrives and waits in
 * a group, an operator accepts it, and it ends, each step one more transition on the same record;
 * and the messages of its transcript. The storage suites write these, so that a row carries what
 * a real one does (client, page, language, parameters, tags, result, rating).
 *
 * <p>Thread safety: stateless; the random source passed in is the caller's.
 */
final class SessionLife {
  static final String TENANT = "acme";
  static final int OPERATORS = 200;
  static final int GROUPS = 20;
  static final List<String> CHANNELS = List.of("WEB_CHAT", "WHATSAPP", "EMAIL", "MESSENGER", "VIDEO_CALL");
  static final List<String> PLANS = List.of("free", "basic", "pro", "gold", "enterprise");
  /** A tag on 2 % of the accepted sessions; 13 % get {@code order} and 10 % {@code billing} instead. */
  static final String RARE_TAG = "complaint";
  private static final List<String> WORDS = List.of("hello", "order", "parcel", "delivery", "address", "invoice",
      "payment", "card", "account", "password", "thanks", "please", "today", "tomorrow", "week", "number");

  private SessionLife() {}

  static String operator(int i) {
    return "op" + i;
  }

  static String group(int i) {
    return "g" + i;
  }

  /** A new session waiting in a random group (version 0, one transition). */
  static SessionRecord arrived(String id, Instant at, SplittableRandom random) {
    String group = group(random.nextInt(GROUPS));
    SessionRecord.Builder b = SessionRecord.builder(TENANT, id, CHANNELS.get(random.nextInt(CHANNELS.size())), at)
        .client("visitor-" + random.nextInt(300_000))
        .clientName("Client " + random.nextInt(10_000))
        .pageUrl("https://acme.example/shop/" + random.nextInt(500))
        .language(random.nextInt(4) == 0 ? "cs" : "en")
        .group(group)
        .parameter("plan", PLANS.get(random.nextInt(PLANS.size())))
        .transition(new SessionTransition(at, SessionStatus.QUEUED, "client", null, group, null));
    if (random.nextInt(5) == 0) {
      b.parameter("orderId", "o-" + random.nextInt(1_000_000));
    }
    return b.build();
  }

  /** {@code r} accepted by a random operator at {@code at}, maybe tagged. */
  static SessionRecord accepted(SessionRecord r, Instant at, SplittableRandom random) {
    String operator = operator(random.nextInt(OPERATORS));
    SessionRecord.Builder b = r.toBuilder().status(SessionStatus.ACTIVE).operator(operator).acceptedAt(at)
        .transition(new SessionTransition(at, SessionStatus.ACTIVE, "operator:" + operator, "ACCEPTED",
            r.group().orElse(null), operator));
    int t = random.nextInt(100);
    if (t < 25) {
      b.tag(t < 2 ? RARE_TAG : t < 15 ? "order" : "billing");
    }
    return b.build();
  }

  /** {@code r} ended by its operator or its client at {@code at}, with a result and maybe a rating. */
  static SessionRecord ended(SessionRecord r, Instant at, SplittableRandom random) {
    String reason = random.nextBoolean() ? "OPERATOR_ENDED" : "CLIENT_LEFT";
    SessionRecord.Builder b = r.toBuilder().status(SessionStatus.ENDED).endedAt(at).closedAt(at).endReason(reason)
        .result(random.nextInt(3) == 0 ? "sold" : "answered")
        .transition(new SessionTransition(at, SessionStatus.ENDED, reason.equals("CLIENT_LEFT") ? "client"
            : "operator:" + r.operator().orElseThrow(), reason, r.group().orElse(null), r.operator().orElse(null)));
    if (random.nextInt(4) == 0) {
      b.feedback(1 + random.nextInt(5), null);
    }
    return b.build();
  }

  /** {@code r} abandoned by its client while waiting, at {@code at}. */
  static SessionRecord abandoned(SessionRecord r, Instant at) {
    return r.toBuilder().status(SessionStatus.ABANDONED).endedAt(at).closedAt(at).endReason("ABANDONED")
        .transition(new SessionTransition(at, SessionStatus.ABANDONED, "client", null, r.group().orElse(null), null))
        .build();
  }

  /** A client's message of about a dozen common words in {@code session}, with {@code extra} words among them. */
  static MessageRecord fromClient(String session, String id, Instant at, SplittableRandom random, String... extra) {
    return new MessageRecord(TENANT, session, id, at, MessageRecord.Sender.CLIENT, null, text(random, extra), List.of(),
        MessageRecord.Delivery.SENT);
  }

  /** An operator's message, as {@link #fromClient}. */
  static MessageRecord fromOperator(SessionRecord session, String id, Instant at, SplittableRandom random) {
    return new MessageRecord(TENANT, session.id(), id, at, MessageRecord.Sender.OPERATOR,
        session.operator().orElseThrow(), text(random), List.of(), MessageRecord.Delivery.SENT);
  }

  private static String text(SplittableRandom random, String... extra) {
    StringBuilder text = new StringBuilder("Hello");
    for (int i = 0; i < 10; i++) {
      text.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
    }
    for (String word : extra) {
      text.append(' ').append(word);
    }
    return text.append('.').toString();
  }
}
