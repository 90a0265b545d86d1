package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.SUPPORT;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.only;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.NoSuchChatbotException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.SessionState;
import dev.parley.core.StillInUseException;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.MessagePosted;
import dev.parley.core.event.Event.ParameterSet;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.event.Event.SessionAbandoned;
import dev.parley.core.event.Event.SessionEndedByChatbot;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionQueued;
import dev.parley.core.event.Event.SessionRequeued;
import dev.parley.core.event.Event.SessionToChatbot;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A chatbot as a group's first responder")
class ChatbotTest {
  private static final ChatbotId FAQ = ChatbotId.of("faq");
  private static final ChatbotId OTHER = ChatbotId.of("other");
  private static final Actor BOT = Actor.bot(FAQ);

  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;

  static ChatbotSpec bot(ChatbotId id) {
    return ChatbotSpec.builder(id, URI.create("https://bots.example.com/" + id)).secret("0123456789abcdef")
        .replyTimeout(Duration.ofSeconds(10)).build();
  }

  @BeforeEach
  void salesAnsweredByTheBotFirst() {
    f.apply(new Command.DefineChatbot(bot(FAQ)));
    f.apply(new Command.DefineChatbot(bot(OTHER)));
    f.group(SALES, b -> b.chatbot(FAQ));
    f.group(SUPPORT);
    alice = f.online("alice", SALES, Channel.WEB_CHAT);
    f.online(f.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SUPPORT)
        .channel(Channel.WEB_CHAT, 1).build()));
  }

  private List<Event> say(String session, Actor by, String id, String text) {
    return f.apply(new Command.PostMessage(sid(session), by, id, text, List.of()));
  }

  @Nested
  @DisplayName("takes each new client first")
  class Arrival {
    @Test
    @DisplayName("the session is with the bot: never offered, not waiting, its time-out running")
    void withTheBot() {
      List<Event> arrived = f.chat("s1", SALES);

      assertThat(kinds(arrived)).containsExactly(SessionToChatbot.class);
      SessionToChatbot to = (SessionToChatbot) arrived.get(0);
      assertThat(to.chatbot()).isEqualTo(FAQ);
      assertThat(to.group()).isEqualTo(SALES);
      assertThat(to.state()).isEqualTo(SessionState.CHATBOT);
      assertThat(f.view("s1").chatbot()).isEqualTo(FAQ);
      assertThat(f.view("s1").operator()).isNull();
      assertThat(f.core.queuePosition(sid("s1"))).isEmpty();
      assertThat(f.core.waitingFor(alice)).isEmpty();
      assertThat(f.core.counts(SALES).waiting()).isZero();
      assertThat(f.core.nextDeadline()).contains(f.now.plusSeconds(10));
    }

    @Test
    @DisplayName("an invitation, a redirect or an escalation into the group goes to its operators, not to its bot")
    void onlyArrivals() {
      f.chat("s1", SUPPORT);
      f.apply(new Command.Accept(sid("s1"), OperatorId.of("bob")));
      List<Event> moved = f.apply(Command.Redirect.toGroup(sid("s1"), ADMIN, SALES, null));

      assertThat(one(moved, SessionOffered.class).operators()).containsExactly(alice);
    }
  }

  @Nested
  @DisplayName("converses")
  class Conversation {
    @Test
    @DisplayName("its messages are the bot's, and each answers the turn it owed")
    void replies() {
      f.chat("s1", SALES);
      MessagePosted hello = one(say("s1", BOT, "b1", "Hello, how can I help?"), MessagePosted.class);
      assertThat(hello.actor()).isEqualTo(BOT);
      assertThat(hello.state()).isEqualTo(SessionState.CHATBOT);
      assertThat(f.core.nextDeadline()).isEmpty();

      f.now = f.now.plusSeconds(60);
      say("s1", Actor.CLIENT, "c1", "Where is my order?");
      assertThat(f.core.nextDeadline()).contains(f.now.plusSeconds(10));
      f.now = f.now.plusSeconds(5);
      say("s1", Actor.CLIENT, "c2", "Hello?");
      assertThat(f.core.nextDeadline()).as("the first unanswered message counts").contains(f.now.plusSeconds(5));
      say("s1", BOT, "b2", "On its way.");
      assertThat(f.core.nextDeadline()).isEmpty();
      assertThat(f.state("s1")).isEqualTo(SessionState.CHATBOT);
    }

    @Test
    @DisplayName("another bot, an operator, or a bot after its hand-off may not post into the session")
    void onlyItsBot() {
      f.chat("s1", SALES);
      f.rejects(new Command.PostMessage(sid("s1"), Actor.bot(OTHER), "x1", "mine", List.of()), NotPermittedException.class);
      f.rejects(new Command.PostMessage(sid("s1"), Actor.operator(alice), "x2", "mine", List.of()), NotPermittedException.class);
      f.rejects(new Command.Tag(sid("s1"), Actor.operator(alice), "t", true), NotPermittedException.class);

      f.apply(new Command.ChatbotHandOff(sid("s1"), FAQ, SALES, Map.of(), null));
      f.rejects(new Command.PostMessage(sid("s1"), BOT, "x3", "still me", List.of()), NotPermittedException.class);
    }
  }

  @Nested
  @DisplayName("hands off")
  class HandOff {
    @Test
    @DisplayName("to a group with parameters and a note: the session queues there and an operator gets it")
    void handOff() {
      f.chat("s1", SALES);
      f.now = f.now.plusSeconds(3);

      List<Event> events = f.apply(new Command.ChatbotHandOff(sid("s1"), FAQ, SUPPORT,
          Map.of("topic", "refund", "order", "A-17"), "wants a refund for A-17"));

      assertThat(kinds(events)).containsExactly(ParameterSet.class, ParameterSet.class, SessionRequeued.class,
          SessionOffered.class);
      assertThat(only(events, ParameterSet.class)).extracting(ParameterSet::name, ParameterSet::value,
          ParameterSet::actor).containsExactly(tuple("order", "A-17", BOT),
          tuple("topic", "refund", BOT));
      SessionRequeued requeued = one(events, SessionRequeued.class);
      assertThat(requeued.reason()).isEqualTo(RequeueReason.HANDED_OFF);
      assertThat(requeued.actor()).isEqualTo(BOT);
      assertThat(requeued.group()).isEqualTo(SUPPORT);
      assertThat(requeued.note()).isEqualTo("wants a refund for A-17");
      assertThat(one(events, SessionOffered.class).operators()).containsExactly(OperatorId.of("bob"));
      assertThat(f.view("s1").notes()).extracting(SessionView.Note::text).containsExactly("wants a refund for A-17");
      assertThat(f.view("s1").waitingSince()).as("its wait starts at the hand-off").isEqualTo(f.now);
      assertThat(f.view("s1").chatbot()).as("who answered first is kept").isEqualTo(FAQ);
    }

    @Test
    @DisplayName("queues behind the clients already waiting: FIFO from the hand-off")
    void fifoFromTheHandOff() {
      f.chat("s1", SALES);
      f.chat("s2", SUPPORT);
      f.chat("s3", SUPPORT);
      assertThat(f.holder("s2")).isEqualTo(OperatorId.of("bob"));

      f.apply(new Command.ChatbotHandOff(sid("s1"), FAQ, SUPPORT, Map.of(), null));

      assertThat(f.core.queuePosition(sid("s3"))).hasValue(1);
      assertThat(f.core.queuePosition(sid("s1"))).hasValue(2);
    }

    @Test
    @DisplayName("is refused, changing nothing, to an unknown group, by another bot, or once the session left the bot")
    void refusals() {
      f.chat("s1", SALES);
      f.rejects(new Command.ChatbotHandOff(sid("s1"), FAQ, GroupId.of("nowhere"), Map.of("a", "b"), null),
          NoSuchGroupException.class);
      f.rejects(new Command.ChatbotHandOff(sid("s1"), OTHER, SUPPORT, Map.of(), null), NotPermittedException.class);
      f.rejects(new Command.ChatbotEnd(sid("s1"), OTHER), NotPermittedException.class);
      f.rejects(new Command.ChatbotFailed(sid("s1"), OTHER, "down"), NotPermittedException.class);

      f.apply(new Command.ChatbotHandOff(sid("s1"), FAQ, SUPPORT, Map.of(), null));
      f.rejects(new Command.ChatbotHandOff(sid("s1"), FAQ, SUPPORT, Map.of(), null), IllegalTransitionException.class);
      f.rejects(new Command.ChatbotEnd(sid("s1"), FAQ), IllegalTransitionException.class);
      f.rejects(new Command.ChatbotFailed(sid("s1"), FAQ, "late"), IllegalTransitionException.class);
    }
  }

  @Nested
  @DisplayName("ends, falls back, or loses its client")
  class WaysOut {
    @Test
    @DisplayName("the bot ends the session: over at once, nobody's wrap-up")
    void end() {
      f.chat("s1", SALES);
      List<Event> events = f.apply(new Command.ChatbotEnd(sid("s1"), FAQ));

      SessionEndedByChatbot ended = one(events, SessionEndedByChatbot.class);
      assertThat(ended.state()).isEqualTo(SessionState.ENDED);
      assertThat(ended.actor()).isEqualTo(BOT);
      assertThat(f.core.liveSessions()).isEmpty();
      assertThat(f.advance(Duration.ofSeconds(30))).as("no reply is timed any more").isEmpty();
    }

    @Test
    @DisplayName("a bot that does not answer in time gives the session to its group, with a note saying why")
    void timeOut() {
      f.chat("s1", SALES);
      assertThat(f.advance(Duration.ofSeconds(9))).isEmpty();

      List<Event> events = f.advance(Duration.ofSeconds(1));

      SessionRequeued fell = one(events, SessionRequeued.class);
      assertThat(fell.reason()).isEqualTo(RequeueReason.CHATBOT_TIMED_OUT);
      assertThat(fell.actor()).isEqualTo(Actor.SYSTEM);
      assertThat(fell.group()).isEqualTo(SALES);
      assertThat(fell.note()).isEqualTo("chatbot faq did not answer within PT10S");
      assertThat(one(events, SessionOffered.class).operators()).containsExactly(alice);
    }

    @Test
    @DisplayName("a bot that failed gives the session to its group, with its reason in the note")
    void failure() {
      f.chat("s1", SALES);
      List<Event> events = f.apply(new Command.ChatbotFailed(sid("s1"), FAQ, "answered HTTP 500"));

      SessionRequeued fell = one(events, SessionRequeued.class);
      assertThat(fell.reason()).isEqualTo(RequeueReason.CHATBOT_FAILED);
      assertThat(fell.note()).isEqualTo("chatbot faq failed: answered HTTP 500");
      assertThat(f.holder("s1")).isEqualTo(alice);
    }

    @Test
    @DisplayName("a client who leaves the bot abandons the session; ending it as a served one is refused")
    void abandon() {
      f.chat("s1", SALES);
      f.rejects(new Command.End(sid("s1"), Actor.CLIENT), IllegalTransitionException.class);
      f.rejects(new Command.Accept(sid("s1"), alice), IllegalTransitionException.class);

      List<Event> events = f.apply(new Command.Abandon(sid("s1")));

      assertThat(one(events, SessionAbandoned.class).group()).isEqualTo(SALES);
      assertThat(f.advance(Duration.ofSeconds(30))).as("no reply is timed any more").isEmpty();
    }

    @Test
    @DisplayName("an administrator may re-route a session away from its bot; an operator may not")
    void reroute() {
      f.chat("s1", SALES);
      f.rejects(Command.Redirect.toGroup(sid("s1"), Actor.operator(alice), SUPPORT, null), NotPermittedException.class);

      List<Event> events = f.apply(Command.Redirect.toGroup(sid("s1"), ADMIN, SUPPORT, "take it"));

      assertThat(one(events, SessionRequeued.class).reason()).isEqualTo(RequeueReason.REDIRECTED);
      assertThat(f.holder("s1")).isEqualTo(OperatorId.of("bob"));
      f.accept("s1", OperatorId.of("bob"));
      assertThat(f.advance(Duration.ofSeconds(30))).as("no reply is timed any more").isEmpty();
    }
  }

  @Nested
  @DisplayName("is configured")
  class Configuration {
    @Test
    @DisplayName("a group may only name a defined bot, and a bot in use cannot be removed")
    void references() {
      f.rejects(new Command.DefineGroup(GroupSpec.builder(SUPPORT).chatbot(ChatbotId.of("ghost")).build()),
          NoSuchChatbotException.class);
      f.rejects(new Command.RemoveChatbot(FAQ), StillInUseException.class);
      f.rejects(new Command.RemoveChatbot(ChatbotId.of("ghost")), NoSuchChatbotException.class);

      f.chat("s1", SALES);
      f.group(SALES, b -> b.noChatbot());
      assertThat(kinds(f.chat("s2", SALES))).startsWith(SessionQueued.class);
      assertThatThrownBy(() -> f.core.apply(new Command.RemoveChatbot(FAQ), f.now))
          .isInstanceOf(StillInUseException.class).hasMessageContaining("s1");

      f.apply(new Command.ChatbotEnd(sid("s1"), FAQ));
      assertThat(one(f.apply(new Command.RemoveChatbot(FAQ)), Event.ChatbotRemoved.class).chatbot()).isEqualTo(FAQ);
    }

    @Test
    @DisplayName("bad specs are refused at once, naming the value")
    void specs() {
      assertThatThrownBy(() -> ChatbotSpec.builder(FAQ, URI.create("ftp://x/")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://x/");
      assertThatThrownBy(() -> ChatbotSpec.builder(FAQ, URI.create("https://x/")).secret("short"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
      assertThatThrownBy(() -> ChatbotSpec.builder(FAQ, URI.create("https://x/")).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret");
      assertThatThrownBy(() -> ChatbotSpec.builder(FAQ, URI.create("https://x/")).replyTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
      assertThat(bot(FAQ).toString()).doesNotContain("0123456789abcdef");
    }
  }
}
