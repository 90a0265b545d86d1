package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.TenantSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParleyTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final OperatorId BOB = OperatorId.of("bob");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Event> heard = Collections.synchronizedList(new ArrayList<>());
  private Parley parley;

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  private static void setUp(Tenant t, OperatorId... operators) {
    t.defineGroup(GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(20)).build()).join();
    for (OperatorId op : operators) {
      t.defineOperator(OperatorSpec.builder(op).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
      t.setStatus(op, OperatorStatus.ONLINE).join();
    }
  }

  /** An e-mail nobody in the set-up takes: it waits, and changes the tenant. */
  private static Entry email(int client) {
    return Entry.builder(Channel.EMAIL).client("c" + client).group(SALES).build();
  }

  private static Entry chat() {
    return Entry.builder(Channel.WEB_CHAT).group(SALES).build();
  }

  @Nested
  @DisplayName("in same-thread mode")
  class SameThread {
    @Test
    @DisplayName("a command runs on the caller's thread and its listeners are called before it returns")
    void commandsRunInline() {
      Thread caller = Thread.currentThread();
      List<Thread> listenerThreads = new ArrayList<>();
      parley = Parley.builder().sameThread().clock(clock).listener(e -> {
        listenerThreads.add(Thread.currentThread());
        heard.add(e);
      }).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);

      var done = acme.arrive(SessionId.of("s1"), chat());

      assertThat(done).isCompleted();
      assertThat(done.join()).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("SessionQueued", "SessionOffered");
      assertThat(heard).last().isInstanceOf(Event.SessionOffered.class);
      assertThat(listenerThreads).containsOnly(caller);
    }

    @Test
    @DisplayName("deadlines fire on tick once the manual clock has passed them")
    void deadlinesFireOnTick() {
      parley = Parley.builder().sameThread().clock(clock).listener(heard::add).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      acme.arrive(SessionId.of("s1"), chat()).join();

      clock.advance(Duration.ofSeconds(19));
      parley.tick();
      assertThat(heard).noneMatch(e -> e instanceof Event.OfferEnded);

      clock.advance(Duration.ofSeconds(1));
      parley.tick();
      assertThat(heard).filteredOn(e -> e instanceof Event.OfferEnded)
          .singleElement()
          .satisfies(e -> {
            assertThat(((Event.OfferEnded) e).reason()).isEqualTo(Event.OfferEndReason.TIMED_OUT);
            assertThat(e.at()).isEqualTo(Instant.parse("2026-03-02T09:00:20Z"));
          });
    }

    @Test
    @DisplayName("a failing listener is skipped and the others still hear every event")
    void failingListenerIsGuarded() {
      parley = Parley.builder().sameThread().clock(clock)
          .listener(e -> {
            throw new IllegalStateException("listener bug");
          })
          .listener(heard::add)
          .build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);

      acme.arrive(SessionId.of("s1"), chat()).join();

      assertThat(heard).filteredOn(e -> e instanceof Event.SessionOffered).hasSize(1);
    }

    @Test
    @DisplayName("a refused command fails its future with a typed error and changes nothing")
    void refusalsChangeNothing() {
      parley = Parley.builder().sameThread().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE, BOB);
      acme.arrive(SessionId.of("s1"), chat()).join();
      TenantSnapshot before = acme.snapshot();
      OperatorId holder = before.session(SessionId.of("s1")).orElseThrow().operator();
      OperatorId other = holder.equals(ALICE) ? BOB : ALICE;

      assertThatThrownBy(() -> acme.accept(SessionId.of("s1"), other).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(NotPermittedException.class);
      assertThatThrownBy(() -> acme.accept(SessionId.of("nope"), holder).join())
          .hasCauseInstanceOf(NoSuchSessionException.class);

      assertThat(acme.snapshot().sessions()).isEqualTo(before.sessions());
    }

    @Test
    @DisplayName("tenants share nothing: one tenant's ids mean nothing in another")
    void tenantsAreIsolated() {
      parley = Parley.builder().sameThread().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      Tenant globex = parley.tenant(GLOBEX);
      setUp(acme, ALICE);
      setUp(globex, BOB);
      acme.arrive(SessionId.of("s1"), chat()).join();

      assertThatThrownBy(() -> globex.accept(SessionId.of("s1"), BOB).join())
          .hasCauseInstanceOf(NoSuchSessionException.class);
      assertThatThrownBy(() -> globex.accept(SessionId.of("s1"), ALICE).join())
          .hasCauseInstanceOf(NoSuchSessionException.class);
      assertThat(globex.snapshot().sessions()).isEmpty();
      assertThat(globex.snapshot().status(ALICE)).isEmpty();
      assertThat(acme.snapshot().session(SessionId.of("s1"))).isPresent();
    }

    @Test
    @DisplayName("snapshots show queue positions and are reused while nothing changes")
    void snapshots() {
      parley = Parley.builder().sameThread().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme);
      acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WHATSAPP, 1).build()).join();
      for (int i = 1; i <= 3; i++) {
        acme.arrive(SessionId.of("s" + i), Entry.builder(Channel.WHATSAPP).client("c" + i).group(SALES).build()).join();
      }

      TenantSnapshot first = acme.snapshot();

      assertThat(first.queuePosition(SessionId.of("s2"))).hasValue(2);
      assertThat(first.waitingFor(ALICE)).extracting(v -> v.id().value()).containsExactly("s1", "s2", "s3");
      assertThat(acme.snapshot()).isSameAs(first);

      acme.abandon(SessionId.of("s1")).join();
      TenantSnapshot second = acme.snapshot();
      assertThat(second.version()).isGreaterThan(first.version());
      assertThat(second.queuePosition(SessionId.of("s3"))).hasValue(2);
    }
  }

  @Nested
  @DisplayName("with writer threads")
  class Threaded {
    @Test
    @DisplayName("futures complete off the writer thread, with the command's events")
    void futuresCompleteOffTheWriter() throws Exception {
      List<String> threads = Collections.synchronizedList(new ArrayList<>());
      parley = Parley.builder().clock(clock).partitions(2).listener(e -> threads.add(Thread.currentThread().getName())).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);

      List<Event> events = acme.arrive(SessionId.of("s1"), chat())
          .thenApply(e -> {
            threads.add(Thread.currentThread().getName());
            return e;
          })
          .get(10, TimeUnit.SECONDS);

      assertThat(events).hasSize(2);
      List<String> seen;
      synchronized (threads) { // the listener may still be adding: its events go out after the future completes
        seen = List.copyOf(threads);
      }
      assertThat(seen).isNotEmpty().noneMatch(name -> name.startsWith("parley-partition"));
    }

    @Test
    @DisplayName("listeners hear each tenant's events in the writer's order")
    void eventsArriveInOrder() throws Exception {
      parley = Parley.builder().clock(clock).listener(heard::add).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      List<Event> expected = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        expected.addAll(acme.arrive(SessionId.of("s" + i), Entry.builder(Channel.WHATSAPP).client("c" + i).group(SALES).build())
            .get(10, TimeUnit.SECONDS));
      }
      assertHeardLast(acme, expected);
    }

    /** Waits until delivery has caught up, then checks that listeners heard {@code expected} last, in order. */
    private void assertHeardLast(Tenant acme, List<Event> expected) throws Exception {
      acme.setStatus(ALICE, OperatorStatus.ONLINE).get(10, TimeUnit.SECONDS); // no change: a fence for delivery

      assertThat(heard.subList(heard.size() - expected.size(), heard.size())).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("over thousands of passes, whose batches are reused, each future gets its own command's events")
    void reusedBatchesKeepResultsApart() throws Exception {
      parley = Parley.builder().clock(clock).listener(heard::add).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      List<CompletableFuture<List<Event>>> pending = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        pending.add(acme.arrive(SessionId.of("s" + i), email(i)));
        if (i % 7 == 0) {
          pending.get(i).get(10, TimeUnit.SECONDS); // now and then a pass of one command, then of many
        }
      }

      List<Event> expected = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        List<Event> events = pending.get(i).get(10, TimeUnit.SECONDS);
        String session = "s" + i;
        assertThat(events).isNotEmpty().allMatch(e -> e instanceof Event.QueueChanged || e instanceof Event.SessionEvent
            && ((Event.SessionEvent) e).session().value().equals(session));
        expected.addAll(events);
      }
      assertHeardLast(acme, expected);
    }

    @Test
    @DisplayName("a listener may not wait for a snapshot, and reads one asynchronously while the writer waits for listeners")
    void listenerReadsSnapshotUnderBackPressure() throws Exception {
      CountDownLatch hold = new CountDownLatch(1);
      AtomicReference<Throwable> refused = new AtomicReference<>();
      CompletableFuture<TenantSnapshot> read = new CompletableFuture<>();
      parley = Parley.builder().clock(clock).listener(e -> {
        if (e instanceof Event.SessionEvent && ((Event.SessionEvent) e).session().value().equals("first")) {
          try {
            hold.await();
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          try {
            parley.snapshot(ACME); // would wait for the writer, which waits for this delivery
          } catch (IllegalStateException expected) {
            refused.set(expected);
          }
          parley.snapshotAsync(ACME).whenComplete((s, failure) -> read.complete(s));
        }
      }).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      List<CompletableFuture<List<Event>>> pending = new ArrayList<>();
      pending.add(acme.arrive(SessionId.of("first"), email(0)));
      // A pass each (their results wait for the held listener): far more than the 64 passes that
      // may be in flight, so the writer waits for delivery, which waits in the listener.
      for (int i = 1; i <= 200; i++) {
        Thread.sleep(1);
        pending.add(acme.arrive(SessionId.of("s" + i), email(i)));
      }
      hold.countDown();

      for (CompletableFuture<List<Event>> p : pending) {
        assertThat(p.get(10, TimeUnit.SECONDS)).isNotEmpty();
      }
      assertThat(read.get(10, TimeUnit.SECONDS).sessions()).hasSizeGreaterThan(1);
      assertThat(refused.get()).hasMessageContaining("must never wait").hasMessageContaining("snapshotAsync");
    }

    @Test
    @DisplayName("a thread marked not to wait is refused a blocking read, current or not, and may read asynchronously")
    void markedThreadsNeverWait() throws Exception {
      parley = Parley.builder().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      parley.snapshot(ACME); // published: current from now on
      CompletableFuture<Throwable> blocking = new CompletableFuture<>();
      CompletableFuture<TenantSnapshot> async = new CompletableFuture<>();
      Thread loop = new Thread(() -> {
        Parley.forbidWaitingOnThisThread();
        try {
          parley.snapshot(ACME);
          blocking.complete(null);
        } catch (IllegalStateException e) {
          blocking.complete(e);
        }
        parley.snapshotAsync(ACME).whenComplete((s, failure) -> async.complete(s));
      }, "an-event-loop");
      loop.start();
      loop.join();
      assertThat(blocking.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("an-event-loop");
      assertThat(async.get(10, TimeUnit.SECONDS).status(ALICE)).isPresent();
      assertThat(parley.snapshot(ACME)).as("other threads still may").isNotNull();
    }

    @Test
    @DisplayName("a manual clock's deadlines fire on tick")
    void deadlinesFireOnTick() throws Exception {
      CountDownLatch timedOut = new CountDownLatch(1);
      parley = Parley.builder().clock(clock).listener(e -> {
        if (e instanceof Event.OfferEnded) {
          timedOut.countDown();
        }
      }).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      acme.arrive(SessionId.of("s1"), chat()).get(10, TimeUnit.SECONDS);

      clock.advance(Duration.ofSeconds(21));
      parley.tick();

      assertThat(timedOut.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("close finishes submitted commands, and later ones fail")
    void closeDrains() throws Exception {
      parley = Parley.builder().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      List<java.util.concurrent.CompletableFuture<List<Event>>> pending = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        pending.add(acme.arrive(SessionId.of("s" + i), email(i)));
      }

      parley.close();
      parley.close(); // a second close does nothing

      assertThat(pending).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThatThrownBy(() -> acme.arrive(chat()).join()).hasCauseInstanceOf(IllegalStateException.class);
      assertThatThrownBy(acme::snapshot).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      parley = null;
    }

    @Test
    @DisplayName("explain answers from the writer")
    void explain() throws Exception {
      parley = Parley.builder().clock(clock).build();
      Tenant acme = parley.tenant(ACME);
      setUp(acme, ALICE);
      acme.arrive(SessionId.of("s1"), chat()).get(10, TimeUnit.SECONDS);

      var why = parley.explain(ACME, SessionId.of("s1")).get(10, TimeUnit.SECONDS);

      assertThat(why.offer()).hasValueSatisfying(o -> assertThat(o.operator()).isEqualTo(ALICE));
    }
  }

  @Test
  @DisplayName("the builder rejects nonsense at once")
  void builderChecks() {
    assertThatThrownBy(() -> Parley.builder().partitions(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> Parley.builder().sameThread().executor(Runnable::run).build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(EventListener.NONE).isNotNull();
  }
}
