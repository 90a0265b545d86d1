package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.event.Event;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StorageException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A command is acknowledged only once what it changed is stored")
class StoredBeforeAcknowledgedTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  private final GatedStorage storage = new GatedStorage();
  private final List<Event> heard = new CopyOnWriteArrayList<>();
  private Parley parley;

  @AfterEach
  void close() {
    storage.gated = false;
    storage.gate.release(1_000);
    parley.close();
  }

  private Tenant start() {
    parley = Parley.builder().storage(storage).partitions(1).listener(heard::add).build();
    Tenant t = parley.tenant(ACME);
    t.defineGroup(GroupSpec.builder(SALES).build()).join();
    t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
    t.setStatus(ALICE, OperatorStatus.ONLINE).join();
    return t;
  }

  @Test
  @DisplayName("neither the future nor the listeners hear of an arrival before its session is saved")
  void waitsForTheSave() throws Exception {
    Tenant t = start();
    storage.gated = true;

    CompletableFuture<List<Event>> arrival = t.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build());
    // The save has begun and waits at the gate: nothing may be acknowledged yet.
    while (!storage.gate.hasQueuedThreads()) {
      Thread.onSpinWait();
    }
    assertThat(arrival).isNotDone();
    assertThat(heard).noneMatch(e -> e instanceof Event.SessionQueued);
    assertThat(storage.sessions().find("acme", "s1")).isEmpty();

    storage.gate.release();
    assertThat(arrival.get(10, TimeUnit.SECONDS)).hasAtLeastOneElementOfType(Event.SessionQueued.class);
    assertThat(storage.sessions().find("acme", "s1")).map(SessionRecord::operator)
        .hasValueSatisfying(op -> assertThat(op).isEmpty());
    assertThat(storage.sessions().find("acme", "s1").orElseThrow().transitions()).hasSize(2);
    assertThat(storage.sessions().find("acme", "s1").orElseThrow().version())
        .as("queued and offered in one pass: saved once").isEqualTo(1);
  }

  @Test
  @DisplayName("a storage failure is retried until it passes, and then the command completes")
  void retriesUntilStored() throws Exception {
    Tenant t = start();
    storage.failures.set(3);
    int attemptsBefore = storage.attempts.get();

    List<Event> events = t.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build())
        .get(30, TimeUnit.SECONDS);

    assertThat(events).hasAtLeastOneElementOfType(Event.SessionOffered.class);
    assertThat(storage.attempts.get() - attemptsBefore).isEqualTo(4);
    assertThat(storage.sessions().find("acme", "s1")).isPresent();
  }

  @Test
  @DisplayName("closing while the storage is down fails the waiting commands with the storage's error")
  void closingWhileDownFails() {
    Tenant t = start();
    storage.failures.set(Integer.MAX_VALUE);

    CompletableFuture<List<Event>> arrival = t.arrive(SessionId.of("s1"), Entry.builder(Channel.WEB_CHAT).group(SALES).build());
    while (storage.attempts.get() < 3) {
      Thread.onSpinWait();
    }
    parley.close();

    assertThatThrownBy(() -> arrival.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StorageException.class)
        .hasMessageContaining("closed while its storage was failing");
    assertThat(heard).noneMatch(e -> e instanceof Event.SessionQueued);
  }
}
