package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.event.Event;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session id the engine no longer knows but storage still holds (a session closed longer ago
 * than the tenant's retention, one refused at the door, one that ended before a restart) is
 * refused, with the {@link DuplicateException} a live session's id gets, by every command that
 * would start a session under it; nothing changes, and the other commands of the writer's pass go
 * on and are stored. Extend it with a fresh, empty storage per test; every storage runs it (it
 * ships in the core's test jar).
 */
public abstract class ReusedSessionIdKit {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final SessionId OLD = SessionId.of("s-old");
  private static final Duration RETENTION = Duration.ofHours(1);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Event> heard = new CopyOnWriteArrayList<>();
  private final List<Parley> engines = new ArrayList<>();
  private GatedStorage storage;
  /** The engine started last. */
  private Parley parley;

  /** Returns a fresh, empty storage; called once before each test. */
  protected abstract Storage createStorage();

  @BeforeEach
  final void createStorageUnderTest() {
    storage = new GatedStorage(createStorage());
  }

  @AfterEach
  final void closeAll() {
    storage.gated = false;
    storage.gate.release(1_000);
    engines.forEach(Parley::close);
    storage.close();
  }

  /** The ways a command starts a session under an id of the host's choosing. */
  enum Start {
    ARRIVAL {
      @Override
      Command command(SessionId id, Setting s) {
        return new Command.Arrive(id, chat().build());
      }
    },
    INVITATION {
      @Override
      Command command(SessionId id, Setting s) {
        return new Command.Arrive(id, Entry.builder(Channel.WEB_CHAT).invitationCode(s.invitation).build());
      }
    },
    REOPENING {
      @Override
      Command command(SessionId id, Setting s) {
        return new Command.Reopen(s.ended, id, Actor.CLIENT);
      }
    },
    CLIENT_MESSAGE {
      @Override
      Command command(SessionId id, Setting s) {
        Entry entry = Entry.builder(Channel.WHATSAPP).client("420700000001").group(SALES).build();
        return new Command.ClientMessage(id, entry, "wamid.1", "Hello again", List.of());
      }
    };

    abstract Command command(SessionId id, Setting s);
  }

  /** What the commands of {@link Start} need: an invitation, and an ended session still known. */
  private record Setting(String invitation, SessionId ended) {}

  private static Entry.Builder chat() {
    return Entry.builder(Channel.WEB_CHAT).group(SALES);
  }

  private Parley start(Parley.Builder builder) {
    parley = builder.clock(clock).storage(storage).listener(heard::add).seed(7).build();
    engines.add(parley);
    return parley;
  }

  private Tenant sameThread() {
    return start(Parley.builder().sameThread()).tenant(ACME);
  }

  /** Alice online in sales, closed sessions kept in the engine for {@link #RETENTION}. */
  private static Tenant staffed(Tenant t) {
    t.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ZERO).build()).join();
    t.configure(TenantSettings.builder().endedRetention(RETENTION).build()).join();
    t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 5).channel(Channel.WHATSAPP, 3)
        .build()).join();
    t.setStatus(ALICE, OperatorStatus.ONLINE).join();
    return t;
  }

  /** {@code id} arrives, is served by Alice and ends. */
  private static void served(Tenant t, SessionId id, Entry entry) {
    t.arrive(id, entry).join();
    t.accept(id, ALICE).join();
    t.end(id, Actor.operator(ALICE)).join();
  }

  /** {@link #OLD} ended longer ago than the retention: the engine forgot it, storage keeps it. */
  private SessionRecord forgotten(Tenant t) {
    served(t, OLD, chat().build());
    clock.advance(RETENTION.plusMinutes(1));
    parley.tick();
    t.arrive(SessionId.of("s-0"), chat().build()).join(); // a pass after the one that forgot it
    return storage.sessions().find(ACME.value(), OLD.value()).orElseThrow();
  }

  private static void assertDuplicate(CompletableFuture<List<Event>> command, SessionId id) {
    assertThatThrownBy(command::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.id()).isEqualTo(id.value()));
  }

  private void assertStored(SessionId id, SessionStatus status) {
    assertThat(storage.sessions().find(ACME.value(), id.value())).as("%s as stored", id)
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(status));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Start.class)
  @DisplayName("a command starting a session under the id of one the engine forgot is refused as a duplicate, and changes nothing")
  void forgottenId(Start start) {
    Tenant t = staffed(sameThread());
    SessionRecord old = forgotten(t);
    SessionId ended = SessionId.of("s-ended");
    served(t, ended, Entry.builder(Channel.WHATSAPP).client("420700000002").group(SALES).build());
    String code = ((Event.InvitationCreated) t.submit(new Command.CreateInvitation(ALICE, true, Duration.ofDays(1)))
        .join().get(0)).code();
    int before = heard.size();

    assertDuplicate(t.submit(start.command(OLD, new Setting(code, ended))), OLD);

    assertThat(heard).hasSize(before);
    assertThat(storage.sessions().find(ACME.value(), OLD.value())).contains(old);
    assertThat(storage.transcripts().transcript(ACME.value(), OLD.value())).isEmpty();
    assertThat(t.snapshot().session(OLD)).isEmpty();
    assertStored(ended, SessionStatus.ENDED);
    SessionId next = SessionId.of("s-next");
    t.submit(start.command(next, new Setting(code, ended))).join();
    assertStored(next, SessionStatus.OFFERED);
  }

  @Test
  @DisplayName("an arrival under the id of one refused at the door is refused as a duplicate")
  void refusedId() {
    Tenant t = sameThread();
    t.defineGroup(GroupSpec.builder(SALES).build()).join();
    SessionId id = SessionId.of("s-refused");
    assertThat(t.arrive(id, Entry.builder(Channel.WEB_CHAT).build()).join()).singleElement()
        .isInstanceOf(Event.SessionRefused.class); // no route: no default group
    SessionRecord refused = storage.sessions().find(ACME.value(), id.value()).orElseThrow();

    assertDuplicate(t.arrive(id, Entry.builder(Channel.WEB_CHAT).group(SALES).build()), id);

    assertThat(storage.sessions().find(ACME.value(), id.value())).contains(refused);
  }

  @Test
  @DisplayName("after a restart, an arrival under the id of a session that ended before it is refused as a duplicate")
  void endedBeforeRestart() {
    Tenant before = staffed(sameThread());
    served(before, OLD, chat().build());
    parley.close();
    SessionRecord old = storage.sessions().find(ACME.value(), OLD.value()).orElseThrow();

    Tenant after = sameThread();

    assertDuplicate(after.arrive(OLD, chat().build()), OLD);
    assertThat(storage.sessions().find(ACME.value(), OLD.value())).contains(old);
  }

  @Test
  @DisplayName("the other commands of the refused arrival's pass succeed and are stored, and a refusal's id is taken at once")
  void restOfThePass() {
    // Results go out on the writer itself, so that the writer waits while the first arrival's save
    // is held: the commands submitted meanwhile make its next pass together.
    Executor onTheWriter = Runnable::run;
    Tenant t = staffed(start(Parley.builder().executor(onTheWriter).partitions(1)).tenant(ACME));
    SessionRecord old = forgotten(t);
    storage.gated = true;
    CompletableFuture<List<Event>> first = t.arrive(SessionId.of("s-1"), chat().build());
    awaitHeldSave();

    CompletableFuture<List<Event>> reused = t.arrive(OLD, chat().build());
    CompletableFuture<List<Event>> other = t.arrive(SessionId.of("s-2"), chat().build());
    CompletableFuture<List<Event>> accepted = t.accept(SessionId.of("s-1"), ALICE);
    SessionId door = SessionId.of("s-door");
    CompletableFuture<List<Event>> refused = t.arrive(door, Entry.builder(Channel.WEB_CHAT).build()); // no route
    CompletableFuture<List<Event>> reusedAtOnce = t.arrive(door, chat().build());
    storage.gated = false;
    storage.gate.release();

    assertDuplicate(reused, OLD);
    assertThat(first.join()).hasAtLeastOneElementOfType(Event.SessionOffered.class);
    assertThat(other.join()).hasAtLeastOneElementOfType(Event.SessionOffered.class);
    assertThat(accepted.join()).hasAtLeastOneElementOfType(Event.SessionAccepted.class);
    assertStored(SessionId.of("s-1"), SessionStatus.ACTIVE);
    assertStored(SessionId.of("s-2"), SessionStatus.OFFERED);
    assertThat(refused.join()).singleElement().isInstanceOf(Event.SessionRefused.class);
    assertDuplicate(reusedAtOnce, door);
    assertStored(door, SessionStatus.REFUSED);
    assertThat(storage.sessions().find(ACME.value(), OLD.value())).contains(old);
    t.arrive(SessionId.of("s-3"), chat().build()).join();
    assertStored(SessionId.of("s-3"), SessionStatus.OFFERED);
  }

  @Test
  @DisplayName("an arrival under the id of one refused moments ago, whose refusal is not stored yet, is refused as a duplicate")
  void refusalNotYetStored() {
    Tenant t = start(Parley.builder().partitions(1)).tenant(ACME);
    t.defineGroup(GroupSpec.builder(SALES).build()).join();
    t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
    t.setStatus(ALICE, OperatorStatus.ONLINE).join();
    SessionId id = SessionId.of("s-refused");
    storage.gated = true;
    CompletableFuture<List<Event>> refused = t.arrive(id, Entry.builder(Channel.WEB_CHAT).build());
    awaitHeldSave();

    CompletableFuture<List<Event>> reused = t.arrive(id, chat().build());
    t.setStatus(ALICE, OperatorStatus.away("coffee")); // a change, so that the snapshot is read on the writer
    assertThat(t.snapshot().session(id)).as("seen by the writer before the refusal is stored").isEmpty();
    storage.gated = false;
    storage.gate.release();

    assertThat(refused.join()).singleElement().isInstanceOf(Event.SessionRefused.class);
    assertDuplicate(reused, id);
    assertStored(id, SessionStatus.REFUSED);
  }

  /** Waits until a save is held at the gate. */
  private void awaitHeldSave() {
    while (!storage.gate.hasQueuedThreads()) {
      Thread.onSpinWait();
    }
  }
}
