package dev.parley.chatbots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Entry;
import dev.parley.core.GroupSpec;
import dev.parley.core.ManualClock;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionState;
import dev.parley.core.Tenant;
import dev.parley.core.event.Event;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("After a restart, a chatbot")
class ChatbotsRestartTest {
  private final ManualClock clock = new ManualClock(Instant.now());
  private final InMemoryStorage storage = new InMemoryStorage();

  @Test
  @DisplayName("keeps the sessions it had, and the client's next message reaches it")
  void keepsItsSessions() throws Exception {
    try (Bot bot = new Bot(clock)) {
      bot.answer = got -> Bot.json(200, got.turnId().endsWith(":opening")
          ? "{\"replies\":[{\"text\":\"Hi!\"}]}" : "{\"replies\":[{\"text\":\"Welcome back.\"}]}");
      BlockingQueue<Event> before = new LinkedBlockingQueue<>();
      try (Parley parley = engine(before); Chatbots chatbots = Chatbots.builder(parley).clock(clock).build()) {
        Tenant acme = parley.tenant(ChatbotsTest.ACME);
        acme.defineChatbot(ChatbotSpec.builder(ChatbotsTest.FAQ, bot.url()).secret(Bot.SECRET)
            .replyTimeout(Duration.ofSeconds(10)).build()).join();
        acme.defineGroup(GroupSpec.builder(ChatbotsTest.SALES).chatbot(ChatbotsTest.FAQ).build()).join();
        acme.defineOperator(OperatorSpec.builder(ChatbotsTest.ALICE).group(ChatbotsTest.SALES).channel(Channel.WEB_CHAT).build()).join();
        acme.setStatus(ChatbotsTest.ALICE, OperatorStatus.ONLINE).join(); // a web chat needs someone online to enter
        acme.arrive(ChatbotsTest.S1, Entry.builder(Channel.WEB_CHAT).group(ChatbotsTest.SALES).build()).join();
        awaitBotSaying(before, "Hi!");
      }

      BlockingQueue<Event> after = new LinkedBlockingQueue<>();
      try (Parley parley = engine(after); Chatbots chatbots = Chatbots.builder(parley).clock(clock).build()) {
        Tenant acme = parley.tenant(ChatbotsTest.ACME);
        assertThat(acme.snapshot().session(ChatbotsTest.S1).orElseThrow().state()).isEqualTo(SessionState.CHATBOT);

        acme.post(ChatbotsTest.S1, Actor.CLIENT, "m-1", "Still there?").join();

        assertThat(bot.next().turnId()).isEqualTo("s1:opening");
        Bot.Got question = bot.next();
        assertThat(question.genuine()).isTrue();
        assertThat(question.body()).contains("Still there?");
        awaitBotSaying(after, "Welcome back.");
        assertThat(storage.transcripts().transcript("acme", "s1")).extracting(MessageRecord::text)
            .containsExactly("Hi!", "Still there?", "Welcome back.");
      }
    }
  }

  private Parley engine(BlockingQueue<Event> events) {
    return Parley.builder().sameThread().clock(clock).storage(storage).listener(events::add).build();
  }

  private static void awaitBotSaying(BlockingQueue<Event> events, String text) throws InterruptedException {
    ChatbotsTest.await(events, Event.MessagePosted.class, m -> m.text().equals(text));
  }
}
