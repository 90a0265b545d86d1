package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.Storage;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An engine started on the storage another engine used finds every live session where it was:
 * waiting in the same order, with the same operator, deadlines re-armed; configuration, statuses,
 * blacklist and invitations too. Extend it with a fresh, empty storage per test; every storage
 * runs it (it ships in the core's test jar).
 */
public abstract class RestartKit {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final GroupId SUPPORT = GroupId.of("support");
  private static final GroupId VIP = GroupId.of("vip");
  private static final int OPERATORS = 60;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private Storage storage;
  private final List<Parley> engines = new ArrayList<>();
  private String invitation;

  /** Returns a fresh, empty storage; called once before each test. */
  protected abstract Storage createStorage();

  /** How many clients arrive in the busy day; a few thousand by default. */
  protected int arrivals() {
    return 4_000;
  }

  @BeforeEach
  final void createStorageUnderTest() {
    storage = createStorage();
  }

  @AfterEach
  final void closeAll() {
    engines.forEach(Parley::close);
    storage.close();
  }

  private Parley start() {
    Parley p = Parley.builder().sameThread().clock(clock).storage(storage).seed(7).build();
    engines.add(p);
    return p;
  }

  private static OperatorId op(int i) {
    return OperatorId.of("op" + i);
  }

  /** Three groups escalating in a circle, operators in one or two, some away, a busy day's traffic. */
  private void busyDay(Tenant t) {
    t.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ofMinutes(3)).build()).join();
    t.defineGroup(GroupSpec.builder(SUPPORT).strategy(RoutingStrategy.LONGEST_IDLE)
        .escalateAfter(Duration.ofMinutes(20), SALES).build()).join();
    t.defineGroup(GroupSpec.builder(VIP).strategy(RoutingStrategy.WHOLE_GROUP).build()).join();
    t.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ofMinutes(3)).escalateAfter(Duration.ofMinutes(30), SUPPORT).build()).join();
    t.configure(TenantSettings.builder().defaultGroup(SALES)
        .rules(List.of(RoutingRule.to(SUPPORT).language("cs").build())).build()).join();
    for (int i = 0; i < OPERATORS; i++) {
      OperatorSpec.Builder spec = OperatorSpec.builder(op(i)).group(i % 3 == 0 ? SUPPORT : SALES).channel(Channel.WEB_CHAT, 1 + i % 3);
      if (i % 5 == 0) {
        spec.group(VIP).channel(Channel.VIDEO_CALL, 1);
      }
      t.defineOperator(spec.build()).join();
      if (i % 7 != 6) {
        t.setStatus(op(i), i % 11 == 10 ? OperatorStatus.away("lunch") : OperatorStatus.ONLINE).join();
      }
    }
    t.submit(new Command.SwitchChannel(op(1), Channel.WEB_CHAT, false, Actor.operator(op(1)))).join();
    t.submit(new Command.Block(new ClientRef(Channel.WHATSAPP, "420777000111"), Actor.admin("root"), "spam")).join();
    List<Event> created = t.submit(new Command.CreateInvitation(op(2), true, Duration.ofDays(2))).join();
    invitation = ((Event.InvitationCreated) created.get(0)).code();

    SplittableRandom random = new SplittableRandom(42);
    List<SessionId> offered = new ArrayList<>();
    for (int n = 0; n < arrivals(); n++) {
      clock.advance(Duration.ofMillis(random.nextInt(1_500)));
      SessionId id = SessionId.of("s" + n);
      Channel channel = random.nextInt(10) == 0 ? Channel.VIDEO_CALL : Channel.WEB_CHAT;
      Entry.Builder entry = Entry.builder(channel).client("visitor-" + n).pageUrl("https://acme.example/p/" + (n % 17));
      if (random.nextInt(4) == 0) {
        entry.language("cs");
      }
      if (channel == Channel.VIDEO_CALL) {
        entry.group(VIP);
      }
      for (Event e : t.arrive(id, entry.build()).join()) {
        if (e instanceof Event.SessionOffered) {
          offered.add(((Event.SessionOffered) e).session());
        }
      }
      t.post(id, Actor.CLIENT, "m-" + n, "Hello, about my order number " + n).join();
      int act = random.nextInt(10);
      List<SessionView> now = t.snapshot().sessions().stream()
          .sorted(Comparator.comparing(v -> v.id().value())).collect(Collectors.toList()); // a replayable day
      if (act < 5 && !offered.isEmpty()) {
        SessionId s = offered.remove(random.nextInt(offered.size()));
        t.snapshot().session(s).filter(v -> v.state() == SessionState.OFFERED).ifPresent(v -> accept(t, v));
      } else if (act < 7) {
        now.stream().filter(v -> v.state() == SessionState.ACTIVE).findFirst()
            .ifPresent(v -> t.end(v.id(), Actor.operator(v.operator())).join());
      } else if (act < 8) {
        now.stream().filter(v -> v.state() == SessionState.WRAP_UP).findFirst()
            .ifPresent(v -> t.completeWrapUp(v.id(), v.operator(), "sold").join());
      } else if (act < 9) {
        now.stream().filter(v -> v.state() == SessionState.QUEUED).findFirst()
            .ifPresent(v -> t.abandon(v.id()).join());
      }
    }
  }

  /** The operator it is offered to accepts it, or the first of a whole group's who has room. */
  private static void accept(Tenant t, SessionView v) {
    List<OperatorId> candidates = v.operator() != null ? List.of(v.operator()) : v.offeredTo();
    for (OperatorId who : candidates) {
      try {
        t.accept(v.id(), who).join();
        t.tag(v.id(), Actor.operator(who), "order").join();
        return;
      } catch (CompletionException e) {
        assertThat(e).hasCauseInstanceOf(CapacityExceededException.class); // busy with a call: the next one
      }
    }
  }

  @Test
  @DisplayName("every live session is back: waiting ones in the same order, served ones with the same operator")
  void liveSessionsComeBack() {
    Parley before = start();
    busyDay(before.tenant(ACME));
    TenantSnapshot was = before.snapshot(ACME);
    before.close();

    TenantSnapshot is = start().snapshot(ACME);

    Map<SessionId, SessionView> then = live(was);
    Map<SessionId, SessionView> now = live(is);
    assertThat(then).hasSizeGreaterThan(arrivals() / 2);
    assertThat(now.keySet()).isEqualTo(then.keySet());
    assertThat(then.values()).anyMatch(v -> v.state() == SessionState.ACTIVE)
        .anyMatch(v -> v.state() == SessionState.WRAP_UP).anyMatch(v -> v.state() == SessionState.QUEUED);
    for (SessionView v : then.values()) {
      SessionView r = now.get(v.id());
      if (v.state().waiting()) {
        assertThat(r.state().waiting()).as("%s waits again", v.id()).isTrue();
        if (v.state() == SessionState.QUEUED) {
          // An offer does not outlive the engine: one whose escalation fell due while it was
          // offered escalates at once, as when any offer is withdrawn.
          assertThat(r.group()).as("%s's group", v.id()).isEqualTo(v.group());
        }
        assertThat(r.waitsFor()).isEqualTo(v.waitsFor());
        assertThat(r.waitingSince()).isEqualTo(v.waitingSince());
      } else {
        assertThat(r.state()).as("%s's state", v.id()).isEqualTo(v.state());
        assertThat(r.operator()).as("%s's operator", v.id()).isEqualTo(v.operator());
      }
      assertThat(r.entry().client()).isEqualTo(v.entry().client());
      assertThat(r.priority()).isEqualTo(v.priority());
    }
    List<SessionId> queuedInBoth = then.values().stream()
        .filter(v -> v.state() == SessionState.QUEUED && now.get(v.id()).state() == SessionState.QUEUED)
        .map(SessionView::id).collect(Collectors.toList());
    assertThat(queuedInBoth).hasSizeGreaterThan(arrivals() / 40);
    assertThat(queueOrder(is, queuedInBoth)).isEqualTo(queueOrder(was, queuedInBoth));
    for (int i = 0; i < OPERATORS; i++) {
      assertThat(is.status(op(i))).as("status of %s", op(i)).isEqualTo(was.status(op(i)));
    }
  }

  @Test
  @DisplayName("deadlines are re-armed, the blacklist holds, invitations still work, and the history is there")
  void deadlinesBlacklistAndInvitations() {
    Parley before = start();
    busyDay(before.tenant(ACME));
    List<SessionId> inWrapUp = live(before.snapshot(ACME)).values().stream()
        .filter(v -> v.state() == SessionState.WRAP_UP).map(SessionView::id).collect(Collectors.toList());
    before.close();
    clock.advance(Duration.ofSeconds(30));

    Parley after = start();
    Tenant t = after.tenant(ACME);
    clock.advance(Duration.ofMinutes(3));
    after.tick();

    assertThat(inWrapUp).isNotEmpty();
    for (SessionId id : inWrapUp) {
      assertThat(t.snapshot().session(id).map(SessionView::state)).as("%s after its wrap-up limit", id)
          .isEmpty();
      SessionRecord stored = storage.sessions().find("acme", id.value()).orElseThrow();
      assertThat(stored.status()).isEqualTo(SessionStatus.ENDED);
      assertThat(stored.transitions().get(stored.transitions().size() - 1).reason()).isEqualTo("WRAP_UP_TIMED_OUT");
    }
    List<Event> blocked = t.arrive(Entry.builder(Channel.WHATSAPP).client("420777000111").group(SALES).build()).join();
    assertThat(blocked).singleElement().isInstanceOfSatisfying(Event.SessionRefused.class,
        r -> assertThat(r.reason()).isEqualTo(Event.RefusalReason.BLOCKED));
    List<Event> invited = t.arrive(Entry.builder(Channel.WEB_CHAT).invitationCode(invitation).build()).join();
    assertThat(invited.get(0)).isInstanceOfSatisfying(Event.SessionQueued.class,
        q -> assertThat(q.operator()).isEqualTo(op(2)));

    List<MessageRecord> transcript = storage.transcripts().transcript("acme", "s17");
    assertThat(transcript).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Hello, about my order number 17"));
    assertThat(storage.sessions().query(SessionQuery.builder("acme").tag("order").limit(5).build()).items())
        .hasSize(5).allSatisfy(r -> assertThat(r.tags()).contains("order"));
  }

  @Test
  @DisplayName("a session with its chatbot stays with it; a turn the bot owed falls back to the group when its time-out ends")
  void chatbotSessionsStayWithTheirBot() {
    ChatbotId faq = ChatbotId.of("faq");
    Parley before = start();
    Tenant t = before.tenant(ACME);
    t.defineChatbot(ChatbotSpec.builder(faq, URI.create("https://bots.example.com/faq")).secret("0123456789abcdef")
        .replyTimeout(Duration.ofSeconds(20)).build()).join();
    t.defineGroup(GroupSpec.builder(SALES).chatbot(faq).build()).join();
    t.defineOperator(OperatorSpec.builder(op(0)).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
    t.setStatus(op(0), OperatorStatus.ONLINE).join();
    SessionId answered = SessionId.of("answered");
    SessionId owed = SessionId.of("owed");
    for (SessionId s : List.of(answered, owed)) {
      t.arrive(s, Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
      t.post(s, Actor.bot(faq), "hi-" + s, "Hello, I am the FAQ bot.").join();
    }
    clock.advance(Duration.ofSeconds(5));
    t.post(owed, Actor.CLIENT, "q-1", "Where is my order?").join();
    before.close();
    clock.advance(Duration.ofSeconds(10));

    Parley after = start();
    Tenant again = after.tenant(ACME);
    for (SessionId s : List.of(answered, owed)) {
      SessionView v = again.snapshot().session(s).orElseThrow();
      assertThat(v.state()).as("%s after the restart", s).isEqualTo(SessionState.CHATBOT);
      assertThat(v.chatbot()).isEqualTo(faq);
    }
    clock.advance(Duration.ofSeconds(9));
    after.tick();
    assertThat(again.snapshot().session(owed).orElseThrow().state()).as("19 s after the question").isEqualTo(SessionState.CHATBOT);
    clock.advance(Duration.ofSeconds(1));
    after.tick();

    assertThat(again.snapshot().session(answered).orElseThrow().state()).isEqualTo(SessionState.CHATBOT);
    assertThat(again.snapshot().session(owed).orElseThrow().operator()).isEqualTo(op(0));
    SessionRecord stored = storage.sessions().find("acme", "owed").orElseThrow();
    assertThat(stored.chatbot()).hasValue("faq");
    assertThat(stored.transitions()).extracting(SessionTransition::status).startsWith(SessionStatus.CHATBOT, SessionStatus.QUEUED);
    assertThat(stored.transitions().get(1).reason()).isEqualTo("CHATBOT_TIMED_OUT");
    assertThat(storage.transcripts().transcript("acme", "owed")).first().satisfies(m -> {
      assertThat(m.sender()).isEqualTo(MessageRecord.Sender.BOT);
      assertThat(m.author()).isEqualTo("faq");
    });
    assertThat(storage.sessions().query(SessionQuery.builder("acme").chatbot("faq").limit(5).build()).items())
        .extracting(SessionRecord::id).containsExactlyInAnyOrder("answered", "owed");
  }

  @Test
  @DisplayName("clients and operators whose connections the engine knew are gone from the restart, with their whole grace to come back")
  void presenceAfterARestart() {
    Parley before = start();
    Tenant t = before.tenant(ACME);
    t.defineGroup(GroupSpec.builder(SALES).build()).join();
    for (int i = 0; i < 3; i++) {
      t.defineOperator(OperatorSpec.builder(op(i)).group(SALES).channel(Channel.WEB_CHAT, 1).build()).join();
      t.setStatus(op(i), OperatorStatus.ONLINE).join();
    }
    t.submit(new Command.OperatorConnection(op(0), "console", true)).join();
    t.submit(new Command.OperatorConnection(op(1), "console", true)).join(); // op(2) is the API's: never told
    SessionId back = SessionId.of("comes-back");
    SessionId gone = SessionId.of("stays-gone");
    SessionId untold = SessionId.of("never-told");
    for (SessionId s : List.of(back, gone, untold)) {
      t.arrive(s, Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
      t.accept(s, t.snapshot().session(s).orElseThrow().operator()).join();
    }
    t.submit(new Command.ClientConnection(back, "tab", true)).join();
    t.submit(new Command.ClientConnection(gone, "tab", true)).join();
    before.close(); // a crash: no connection closed first
    clock.advance(Duration.ofMinutes(5));

    Parley after = start();
    Tenant again = after.tenant(ACME);
    clock.advance(Duration.ofSeconds(59));
    after.tick();
    again.submit(new Command.ClientConnection(back, "tab-2", true)).join();
    again.submit(new Command.OperatorConnection(op(0), "console-2", true)).join();
    assertThat(again.snapshot().status(op(1))).as("within the grace").contains(OperatorStatus.ONLINE);
    clock.advance(Duration.ofSeconds(2));
    after.tick();

    assertThat(again.snapshot().session(back).orElseThrow().state()).isEqualTo(SessionState.ACTIVE);
    assertThat(again.snapshot().session(untold).orElseThrow().state()).isEqualTo(SessionState.ACTIVE);
    assertThat(again.snapshot().session(gone).orElseThrow().state()).as("his grace ran out").isEqualTo(SessionState.WRAP_UP);
    assertThat(storage.sessions().find("acme", gone.value()).orElseThrow().endReason()).hasValue("CLIENT_LEFT");
    assertThat(again.snapshot().status(op(0))).contains(OperatorStatus.ONLINE);
    assertThat(again.snapshot().status(op(1))).contains(OperatorStatus.away(TenantSettings.DISCONNECTED));
    assertThat(again.snapshot().status(op(2))).as("never told of a console").contains(OperatorStatus.ONLINE);
  }

  @Test
  @DisplayName("a stored session that no longer fits its configuration stops the start with a clear error")
  void brokenStorageStopsTheStart() {
    Parley before = start();
    Tenant t = before.tenant(ACME);
    t.defineGroup(GroupSpec.builder(SALES).build()).join();
    t.defineOperator(OperatorSpec.builder(op(0)).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
    t.setStatus(op(0), OperatorStatus.ONLINE).join();
    t.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build()).join();
    t.accept(SessionId.of("s1"), op(0)).join();
    before.close();
    storage.config().remove("acme", "operator", "op0");

    org.assertj.core.api.Assertions.assertThatThrownBy(this::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not rebuild the engine's state from storage")
        .hasMessageContaining("op0");
  }

  private static Map<SessionId, SessionView> live(TenantSnapshot s) {
    Map<SessionId, SessionView> live = new HashMap<>();
    for (SessionView v : s.sessions()) {
      if (!v.state().terminal()) {
        live.put(v.id(), v);
      }
    }
    return live;
  }

  /** Each queue's sessions among {@code ids}, in queue order. */
  private static Map<String, List<SessionId>> queueOrder(TenantSnapshot s, List<SessionId> ids) {
    return s.sessions().stream().filter(v -> ids.contains(v.id()))
        .sorted(Comparator.comparingInt(SessionView::position))
        .collect(Collectors.groupingBy(v -> v.group() + "/" + v.waitsFor() + "/" + v.entry().channel(),
            Collectors.mapping(SessionView::id, Collectors.toList())));
  }
}
