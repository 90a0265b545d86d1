package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A test contact center")
class TestContactCenterTest {
  static final GroupId SALES = GroupId.of("sales");
  static final GroupId MESSAGING = GroupId.of("messaging");

  private TestContactCenter center = TestContactCenter.create();

  @AfterEach
  void close() {
    center.close();
  }

  private ScriptedOperator alice(int chats) {
    center.group(GroupSpec.builder(SALES).build());
    return center.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES).channel(Channel.WEB_CHAT, chats).build())
        .online();
  }

  private static Entry chat() {
    return Entry.builder(Channel.WEB_CHAT).group(SALES).build();
  }

  @Test
  @DisplayName("runs the example of its documentation as written")
  void documentedExample() {
    OperatorId aliceId = OperatorId.of("alice");
    OperatorId bobId = OperatorId.of("bob");
    Channel webChat = Channel.WEB_CHAT;

    center.group(GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(20)).build());
    ScriptedOperator alice = center.operator(OperatorSpec.builder(aliceId).group(SALES).channel(webChat).build());
    ScriptedOperator bob = center.operator(OperatorSpec.builder(bobId).group(SALES).channel(webChat).build());
    alice.online();
    bob.online();

    ScriptedClient jana = center.arrive(Entry.builder(webChat).group(SALES).build());
    jana.assertThat().isOfferedTo(alice);
    center.advance(Duration.ofSeconds(20));
    jana.assertThat().isOfferedTo(bob);
    bob.accept(jana);
    jana.assertThat().isActiveWith(bob);
  }

  @Nested
  @DisplayName("with the host's own code")
  class HostCode {
    @Test
    @DisplayName("records what host code does through parley(), and checks its sessions like scripted ones")
    void hostCommandsAreRecorded() {
      ScriptedOperator alice = alice(2);
      SessionId fromWidget = SessionId.of("widget-7");

      CompletableFuture<List<Event>> done = center.parley().submit(center.tenant().id(), new Command.Arrive(fromWidget, chat()));

      assertThat(done).isCompleted();
      center.client(fromWidget).assertThat().isOfferedTo(alice);
      assertThat(center.events(Event.SessionQueued.class)).extracting(Event.SessionQueued::session).containsExactly(fromWidget);
    }

    @Test
    @DisplayName("generates session ids in order, skipping ids the host has used")
    void generatedIds() {
      alice(3);
      center.tenant().arrive(SessionId.of("session-2"), chat()).join();

      assertThat(center.arrive(chat()).id()).isEqualTo(SessionId.of("session-1"));
      assertThat(center.arrive(chat()).id()).isEqualTo(SessionId.of("session-3"));
    }

    @Test
    @DisplayName("calls a builder's listener on the test thread before the command returns")
    void listenerInline() {
      List<Event> heard = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      center.close();
      center = TestContactCenter.builder().listener(e -> {
        heard.add(e);
        threads.add(Thread.currentThread());
      }).build();

      alice(1);

      assertThat(heard).last().isInstanceOf(Event.OperatorStatusChanged.class);
      assertThat(heard).isEqualTo(center.events());
      assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    @DisplayName("keeps only its own tenant's events")
    void otherTenantsIgnored() {
      center.parley().tenant(TenantId.of("other")).defineGroup(GroupSpec.builder(SALES).build()).join();

      assertThat(center.events()).isEmpty();
    }

    @Test
    @DisplayName("stamps events with the tenant and start the builder was given")
    void tenantAndStart() {
      Instant evening = Instant.parse("2026-03-02T17:55:00Z");
      center.close();
      center = TestContactCenter.builder().tenant(TenantId.of("acme")).start(evening).build();

      alice(1);

      assertThat(center.events()).allSatisfy(e -> {
        assertThat(e.tenant()).isEqualTo(TenantId.of("acme"));
        assertThat(e.at()).isEqualTo(evening);
      });
    }
  }

  @Nested
  @DisplayName("with time")
  class Time {
    @Test
    @DisplayName("moves the clock the host's components read, and only forward")
    void clockMovesForward() {
      assertThat(center.clock().instant()).isEqualTo(TestContactCenter.DEFAULT_START);

      center.advance(Duration.ofMinutes(5));

      assertThat(center.clock().instant()).isEqualTo(TestContactCenter.DEFAULT_START.plusSeconds(300)).isEqualTo(center.now());
      assertThatThrownBy(() -> center.advance(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
      assertThatThrownBy(() -> center.advanceTo(TestContactCenter.DEFAULT_START))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-01-05T09:00:00Z");
    }

    @Test
    @DisplayName("rejects a start the engine cannot represent, naming it")
    void startOutOfRange() {
      assertThatThrownBy(() -> TestContactCenter.builder().start(Instant.parse("3000-01-01T00:00:00Z")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3000-01-01");
    }

    @Test
    @DisplayName("ends a wrap-up by its limit when the clock passes it")
    void wrapUpLimit() {
      center.group(GroupSpec.builder(SALES).wrapUpLimit(Duration.ofSeconds(90)).build());
      ScriptedOperator alice = center.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES)
          .channel(Channel.WEB_CHAT).build()).online();
      ScriptedClient jana = center.arrive(chat());
      alice.accept(jana).end(jana);

      List<Event> events = center.advance(Duration.ofMinutes(5));

      assertThat(events).singleElement().isInstanceOfSatisfying(Event.WrapUpCompleted.class, e -> {
        assertThat(e.timedOut()).isTrue();
        assertThat(e.at()).isEqualTo(TestContactCenter.DEFAULT_START.plusSeconds(90));
      });
      jana.assertThat().isEnded();
    }
  }

  @Nested
  @DisplayName("with scripted people")
  class People {
    @Test
    @DisplayName("shows an operator's status and waiting list")
    void operatorReads() {
      ScriptedOperator alice = alice(1);
      alice.accept(center.arrive(chat()));
      ScriptedClient waiting = center.arrive(chat());

      alice.away("lunch");

      assertThat(alice.status()).isEqualTo(OperatorStatus.away("lunch"));
      assertThat(alice.waitingList()).extracting(v -> v.id()).containsExactly(waiting.id());
    }

    @Test
    @DisplayName("records a client's feedback after the conversation")
    void feedback() {
      ScriptedOperator alice = alice(1);
      ScriptedClient jana = center.arrive(chat());
      alice.accept(jana);
      jana.leave();

      jana.feedback(5, "quick and kind");

      assertThat(jana.events()).last().isInstanceOfSatisfying(Event.FeedbackGiven.class, e -> {
        assertThat(e.rating()).isEqualTo(5);
        assertThat(e.comment()).isEqualTo("quick and kind");
      });
      jana.assertThat().isInWrapUp();
    }

    @Test
    @DisplayName("reopens an ended WhatsApp conversation as a new session in the same group")
    void reopen() {
      center.group(GroupSpec.builder(MESSAGING).build());
      ScriptedOperator alice = center.operator(OperatorSpec.builder(OperatorId.of("alice"))
          .group(MESSAGING).channel(Channel.WHATSAPP).build()).online();
      ScriptedClient jana = center.arrive(Entry.builder(Channel.WHATSAPP).client("420777123456").group(MESSAGING).build());
      alice.accept(jana).end(jana).wrapUp(jana, "answered");

      ScriptedClient again = jana.reopen();

      assertThat(again.id()).isEqualTo(SessionId.of("session-2"));
      again.assertThat().isOfferedTo(alice).inGroup(MESSAGING);
      assertThat(again.events()).first().isInstanceOfSatisfying(Event.SessionQueued.class,
          e -> assertThat(e.reopens()).isEqualTo(jana.id()));
    }

    @Test
    @DisplayName("refuses a client at the door after his operator blocked him")
    void block() {
      ScriptedOperator alice = alice(1);
      Entry troll = Entry.builder(Channel.WEB_CHAT).client("visitor-666").group(SALES).build();
      ScriptedClient first = center.arrive(troll);
      alice.accept(first).block(first, "abusive");

      center.arrive(troll).assertThat().wasRefused(RefusalReason.BLOCKED);
    }

    @Test
    @DisplayName("explains a live session: how it was routed and who could take it")
    void explain() {
      ScriptedOperator alice = alice(1);
      ScriptedClient jana = center.arrive(chat());

      assertThat(center.explain(jana).offer()).hasValueSatisfying(o -> assertThat(o.operator()).isEqualTo(alice.id()));
      assertThat(jana.explain().toString()).contains("the entry asked for group sales");
    }
  }

  @Test
  @DisplayName("finds no one waiting while someone could serve, step after step of a busy desk")
  void workConserving() {
    ScriptedOperator alice = alice(2);
    ScriptedOperator bob = center.operator(OperatorSpec.builder(OperatorId.of("bob")).group(SALES)
        .channel(Channel.WEB_CHAT, 1).channel(Channel.VIDEO_CALL).build()).online();
    List<ScriptedClient> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clients.add(center.arrive(i == 3 ? Entry.builder(Channel.VIDEO_CALL).group(SALES).build() : chat()));
      center.assertNoOneWaitsWhileSomeoneCouldServe();
    }
    List<Runnable> steps = List.of(
        () -> alice.accept(clients.get(0)),
        () -> center.advance(Duration.ofSeconds(30)),
        () -> bob.switchOff(Channel.WEB_CHAT),
        () -> bob.switchOn(Channel.WEB_CHAT),
        () -> alice.away(),
        () -> alice.online(),
        () -> clients.get(4).abandon(),
        () -> center.advance(Duration.ofMinutes(1)),
        () -> bob.offline());
    for (Runnable step : steps) {
      step.run();
      center.assertNoOneWaitsWhileSomeoneCouldServe();
    }
    assertThat(center.snapshot().sessions()).isNotEmpty();
  }
}
