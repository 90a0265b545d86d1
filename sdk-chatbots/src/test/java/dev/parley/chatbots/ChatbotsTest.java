package dev.parley.chatbots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A chatbot over HTTP")
class ChatbotsTest {
  static final TenantId ACME = TenantId.of("acme");
  static final ChatbotId FAQ = ChatbotId.of("faq");
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId BILLING = GroupId.of("billing");
  static final OperatorId ALICE = OperatorId.of("alice");
  static final OperatorId BOB = OperatorId.of("bob");
  static final SessionId S1 = SessionId.of("s1");

  private final ManualClock clock = new ManualClock(Instant.now());
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private Bot bot;
  private Parley parley;
  private Chatbots chatbots;
  private Tenant acme;

  @BeforeEach
  void salesAnsweredByTheBotFirst() throws Exception {
    bot = new Bot(clock);
    parley = Parley.builder().sameThread().clock(clock).listener(events::add).build();
    chatbots = Chatbots.builder(parley).clock(clock).build();
    acme = parley.tenant(ACME);
    acme.defineChatbot(faq(Duration.ofSeconds(10))).join();
    acme.defineGroup(GroupSpec.builder(SALES).chatbot(FAQ).build()).join();
    acme.defineGroup(GroupSpec.builder(BILLING).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT).build()).join();
    acme.defineOperator(OperatorSpec.builder(BOB).group(BILLING).channel(Channel.WEB_CHAT).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    acme.setStatus(BOB, OperatorStatus.ONLINE).join();
  }

  @AfterEach
  void closeAll() throws Exception {
    chatbots.close();
    parley.close();
    bot.close();
  }

  private ChatbotSpec faq(Duration replyTimeout) {
    return ChatbotSpec.builder(FAQ, bot.url()).secret(Bot.SECRET).replyTimeout(replyTimeout).build();
  }

  private void arrive() {
    acme.arrive(S1, Entry.builder(Channel.WEB_CHAT).group(SALES).name("Jana").language("cs").parameter("plan", "gold").build()).join();
  }

  private <E extends Event> E await(Class<E> kind, Predicate<E> matching) throws InterruptedException {
    return await(events, kind, matching);
  }

  /** The first event of a kind that matches, taken from {@code events}, waiting up to 10 s for it. */
  static <E extends Event> E await(BlockingQueue<Event> events, Class<E> kind, Predicate<E> matching)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      Event e = events.poll(100, TimeUnit.MILLISECONDS);
      if (kind.isInstance(e) && matching.test(kind.cast(e))) {
        return kind.cast(e);
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " as expected within 10 s");
  }

  private Event.SessionRequeued awaitFallback(RequeueReason reason) throws InterruptedException {
    return await(Event.SessionRequeued.class, r -> r.reason() == reason);
  }

  private SessionRecord stored() {
    return parley.storage().sessions().find("acme", "s1").orElseThrow();
  }

  @Test
  @DisplayName("gets the opening and each message, signed, and its replies reach the client as the bot's, in the transcript")
  void converses() throws Exception {
    bot.answer = got -> Bot.json(200, got.turnId().endsWith(":opening")
        ? "{\"replies\":[{\"text\":\"Hi, I am the FAQ bot.\"}]}"
        : "{\"replies\":[{\"text\":\"It ships today.\"},{\"text\":\"Anything else?\"}]}");
    arrive();

    Bot.Got opening = bot.next();
    assertThat(opening.genuine()).as("the signature verifies").isTrue();
    assertThat(opening.turnId()).isEqualTo("s1:opening");
    assertThat(opening.body()).contains("\"type\":\"session.opened\"", "\"group\":\"sales\"", "\"name\":\"Jana\"",
        "\"plan\":\"gold\"");
    Event.MessagePosted hello = await(Event.MessagePosted.class, m -> m.actor().equals(Actor.bot(FAQ)));
    assertThat(hello.text()).isEqualTo("Hi, I am the FAQ bot.");

    acme.post(S1, Actor.CLIENT, "m-1", "Where is my order?").join();
    Bot.Got question = bot.next();
    assertThat(question.genuine()).isTrue();
    assertThat(question.body()).contains("\"type\":\"message\"", "\"text\":\"Where is my order?\"");
    await(Event.MessagePosted.class, m -> m.text().equals("Anything else?"));

    assertThat(parley.storage().transcripts().transcript("acme", "s1"))
        .extracting(MessageRecord::sender, MessageRecord::author, MessageRecord::text)
        .containsExactly(
            tuple(MessageRecord.Sender.BOT, "faq", "Hi, I am the FAQ bot."),
            tuple(MessageRecord.Sender.CLIENT, null, "Where is my order?"),
            tuple(MessageRecord.Sender.BOT, "faq", "It ships today."),
            tuple(MessageRecord.Sender.BOT, "faq", "Anything else?"));
    assertThat(stored().status()).isEqualTo(SessionStatus.CHATBOT);
    assertThat(stored().chatbot()).hasValue("faq");
  }

  @Test
  @DisplayName("hands off to a group with parameters and a note: the session queues there and its operator gets it")
  void handsOff() throws Exception {
    bot.answer = got -> Bot.json(200, "{\"replies\":[{\"text\":\"Let me find you a person.\"}],"
        + "\"action\":{\"type\":\"handoff\",\"group\":\"billing\",\"parameters\":{\"order\":\"A-17\"},\"note\":\"refund for A-17\"}}");
    arrive();

    Event.SessionOffered offered = await(Event.SessionOffered.class, o -> true);
    assertThat(offered.operators()).containsExactly(BOB);
    acme.accept(S1, BOB).join();

    SessionRecord r = stored();
    assertThat(r.group()).hasValue("billing");
    assertThat(r.operator()).hasValue("bob");
    assertThat(r.parameters()).containsEntry("order", "A-17").containsEntry("plan", "gold");
    assertThat(r.notes()).singleElement().satisfies(n -> {
      assertThat(n.text()).isEqualTo("refund for A-17");
      assertThat(n.author()).isEqualTo("bot:faq");
    });
    assertThat(r.transitions()).extracting(t -> t.status() + "/" + t.reason())
        .containsExactly("CHATBOT/null", "QUEUED/HANDED_OFF", "OFFERED/null", "ACTIVE/ACCEPTED");
    assertThat(r.chatbot()).hasValue("faq");
  }

  @Test
  @DisplayName("ends the session: over at once, with the bot's last word in the transcript")
  void ends() throws Exception {
    bot.answer = got -> Bot.json(200, "{\"replies\":[{\"text\":\"Bye!\"}],\"action\":{\"type\":\"end\"}}");
    arrive();

    await(Event.SessionEndedByChatbot.class, e -> true);
    SessionRecord r = stored();
    assertThat(r.status()).isEqualTo(SessionStatus.ENDED);
    assertThat(r.endReason()).hasValue("CHATBOT_ENDED");
    assertThat(parley.storage().transcripts().transcript("acme", "s1")).extracting(MessageRecord::text).containsExactly("Bye!");
  }

  @Test
  @DisplayName("that does not answer within its time-out gives the session to its group")
  void timesOut() throws Exception {
    bot.answer = got -> Bot.json(202, ""); // "I will answer later", and never does
    arrive();
    bot.next();
    clock.advance(Duration.ofSeconds(10));
    parley.tick();

    Event.SessionRequeued fell = awaitFallback(RequeueReason.CHATBOT_TIMED_OUT);
    assertThat(fell.note()).isEqualTo("chatbot faq did not answer within PT10S");
    assertThat(await(Event.SessionOffered.class, o -> true).operators()).containsExactly(ALICE);
  }

  @Test
  @DisplayName("whose HTTP call outlasts its time-out gives the session to its group, without waiting for the engine's clock")
  void slowBot() throws Exception {
    acme.defineChatbot(faq(Duration.ofMillis(300))).join();
    bot.answer = got -> new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).body("{}").build();
    arrive();

    Event.SessionRequeued fell = awaitFallback(RequeueReason.CHATBOT_FAILED);
    assertThat(fell.note()).isEqualTo("chatbot faq failed: did not answer within PT0.3S");
  }

  @Test
  @DisplayName("that answers HTTP 500 gives the session to its group, the status in the note")
  void fails() throws Exception {
    bot.answer = got -> Bot.json(500, "{\"error\":\"oops\"}");
    arrive();

    Event.SessionRequeued fell = awaitFallback(RequeueReason.CHATBOT_FAILED);
    assertThat(fell.note()).isEqualTo("chatbot faq failed: answered HTTP 500");
    assertThat(fell.group()).isEqualTo(SALES);
    assertThat(stored().notes()).extracting(n -> n.text()).containsExactly("chatbot faq failed: answered HTTP 500");
  }

  @Test
  @DisplayName("that answers what cannot be read gives the session to its group, saying what was wrong")
  void malformed() throws Exception {
    bot.answer = got -> Bot.json(200, "{\"reply\":[{\"text\":\"typo\"}]}");
    arrive();

    assertThat(awaitFallback(RequeueReason.CHATBOT_FAILED).note())
        .isEqualTo("chatbot faq failed: answered what cannot be read: the answer has an unknown field \"reply\"; known are [replies, action]");
  }

  @Test
  @DisplayName("may answer later through the Java API, until the session left it")
  void answersLater() throws Exception {
    bot.answer = got -> Bot.json(202, "");
    arrive();
    bot.next();

    List<Event> done = chatbots.answer(ACME, S1, FAQ, ChatbotAnswer.builder().reply("Found it.")
        .handOff(BILLING, Map.of(), null).build()).join();

    assertThat(done).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MessagePosted", "SessionRequeued", "SessionOffered");
    assertThatThrownBy(() -> chatbots.answer(ACME, S1, FAQ, ChatbotAnswer.builder().reply("Too late").build()).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotPermittedException.class);
  }
}
