package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.storage.InvitationRecord;
import dev.parley.storage.InvitationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InvitationStore} must meet: round trips, replace semantics (how an
 * invitation's end is recorded), tenant isolation, validity and its ordering, purging, argument
 * checks and concurrent writers.
 *
 * <p>Extend it and implement {@link #createStore()}; override a feature flag such as {@link
 * #supportsAllInstants()} to skip what the store does not claim (see {@link StoreTck}).
 */
public abstract class InvitationStoreTck extends StoreTck<InvitationStore> {
  /** The usual validity of an invitation in these tests. */
  protected static final Duration DAY = Duration.ofHours(24);


  /** A one-off invitation to alice, valid for {@code validity} from {@code createdAt}. */
  protected static InvitationRecord invitation(String tenant, String code, Instant createdAt, Duration validity) {
    return new InvitationRecord(tenant, code, "alice", false, createdAt, createdAt.plus(validity), null, null);
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips {
    @Test
    @DisplayName("an invitation put in is found again by tenant and code")
    void roundTrip() {
      InvitationRecord inv = invitation("acme", "042917", T0, DAY);

      store.put(inv);

      assertThat(store.find("acme", "042917")).contains(inv);
      assertThat(store.find("acme", "042918")).isEmpty();
      assertThat(store.find("globex", "042917")).isEmpty();
    }

    @Test
    @DisplayName("every component comes back exactly, nanoseconds, reusable flag and end included")
    void keepsEveryComponent() {
      InvitationRecord reusable = new InvitationRecord(
          "acme", "000001", "bob", true, T0.plusNanos(1), T0.plus(DAY).plusNanos(999_999_999), null, null);
      InvitationRecord ended = new InvitationRecord(
          "acme", "000002", "zoë", false, T0, T0.plus(DAY), T0.plusNanos(123_456_789), "INVALIDATED by \"admin\"");

      store.put(reusable);
      store.put(ended);

      assertThat(store.find("acme", "000001")).contains(reusable);
      assertThat(store.find("acme", "000002")).contains(ended);
    }

    @Test
    @DisplayName("instants long before 1970 and far in the future come back exactly")
    void keepsFarInstants() {
      assumeTrue(supportsAllInstants(), "the store keeps a narrower range of instants");
      Instant ancient = Instant.parse("0001-01-01T00:00:00.000000001Z");
      Instant distant = Instant.parse("9999-12-31T23:59:59.999999999Z");
      InvitationRecord inv = new InvitationRecord("acme", "042917", "alice", true, ancient, distant, null, null);

      store.put(inv);

      assertThat(store.find("acme", "042917")).contains(inv);
    }
  }

  @Nested
  @DisplayName("replace semantics")
  class ReplaceSemantics {
    @Test
    @DisplayName("putting an invitation with the same code replaces it, which is how its end is recorded")
    void putReplaces() {
      InvitationRecord inv = invitation("acme", "042917", T0, DAY);
      store.put(inv);
      InvitationRecord ended = inv.end(T0.plusSeconds(60), "USED");

      store.put(ended);

      assertThat(store.find("acme", "042917")).contains(ended);
      assertThat(store.valid("acme", T0.plusSeconds(90))).isEmpty();
    }

    @Test
    @DisplayName("putting the same invitation twice leaves one invitation, so a retried put is harmless")
    void putIsIdempotent() {
      InvitationRecord inv = invitation("acme", "042917", T0, DAY);

      store.put(inv);
      store.put(inv);

      assertThat(store.valid("acme", T0)).containsExactly(inv);
    }
  }

  @Nested
  @DisplayName("tenant isolation")
  class TenantIsolation {
    @Test
    @DisplayName("tenants never see or replace each other's invitations, even with the same code")
    void isolatesTenants() {
      InvitationRecord acme = invitation("acme", "042917", T0, DAY);
      InvitationRecord globex = invitation("globex", "042917", T0.plusSeconds(5), DAY);
      store.put(acme);
      store.put(globex);

      store.put(globex.end(T0.plusSeconds(10), "INVALIDATED"));

      assertThat(store.find("acme", "042917")).contains(acme);
      assertThat(store.valid("acme", T0.plusSeconds(20))).containsExactly(acme);
      assertThat(store.valid("globex", T0.plusSeconds(20))).isEmpty();
      assertThat(store.purgeEndedBefore("globex", T0.plus(DAY.multipliedBy(2)))).isEqualTo(1);
      assertThat(store.find("acme", "042917")).contains(acme);
    }
  }

  @Nested
  @DisplayName("validity and its ordering")
  class Valid {
    @Test
    @DisplayName("lists only the invitations valid at the given instant, by creation time then code")
    void listsValidInOrder() {
      InvitationRecord first = invitation("acme", "900000", T0, DAY);
      InvitationRecord tieB = invitation("acme", "200000", T0.plusSeconds(10), DAY);
      InvitationRecord tieA = invitation("acme", "100000", T0.plusSeconds(10), DAY);
      InvitationRecord shortLived = invitation("acme", "300000", T0, Duration.ofMinutes(5));
      InvitationRecord used = invitation("acme", "400000", T0, DAY).end(T0.plusSeconds(30), "USED");
      for (InvitationRecord i : List.of(tieB, used, first, shortLived, tieA)) {
        store.put(i);
      }

      assertThat(store.valid("acme", T0.plusSeconds(60))).containsExactly(shortLived, first, tieA, tieB);
      assertThat(store.valid("acme", T0.plus(Duration.ofMinutes(5)))).containsExactly(first, tieA, tieB);
      assertThat(store.valid("acme", T0.plus(DAY).plusSeconds(10))).isEmpty();
      assertThat(store.valid("globex", T0)).isEmpty();
    }

    @Test
    @DisplayName("an invitation is valid until one nanosecond before its expiry, not at it")
    void validityEndsExactlyAtExpiry() {
      InvitationRecord inv = invitation("acme", "042917", T0, DAY);
      store.put(inv);

      assertThat(store.valid("acme", T0.plus(DAY).minusNanos(1))).containsExactly(inv);
      assertThat(store.valid("acme", T0.plus(DAY))).isEmpty();
    }

    @Test
    @DisplayName("the list is an unmodifiable snapshot")
    void listIsSnapshot() {
      InvitationRecord inv = invitation("acme", "042917", T0, DAY);
      store.put(inv);
      List<InvitationRecord> before = store.valid("acme", T0);

      store.put(invitation("acme", "042918", T0, DAY));

      assertThat(before).containsExactly(inv);
      assertThatThrownBy(() -> before.add(inv)).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("purging")
  class Purge {
    @Test
    @DisplayName("removes invitations ended or expired before the cutoff and counts them")
    void purgesStale() {
      Instant cutoff = T0.plus(Duration.ofHours(2));
      InvitationRecord endedBefore = invitation("acme", "100000", T0, DAY).end(T0.plusSeconds(60), "USED");
      InvitationRecord endedAtCutoff = invitation("acme", "200000", T0, DAY).end(cutoff, "INVALIDATED");
      InvitationRecord endedAfter = invitation("acme", "300000", T0, DAY).end(cutoff.plusSeconds(1), "USED");
      InvitationRecord expiredBefore = invitation("acme", "400000", T0, Duration.ofHours(1));
      InvitationRecord expiresAtCutoff = invitation("acme", "500000", T0, Duration.ofHours(2));
      InvitationRecord live = invitation("acme", "600000", T0, DAY);
      for (InvitationRecord i :
          List.of(endedBefore, endedAtCutoff, endedAfter, expiredBefore, expiresAtCutoff, live)) {
        store.put(i);
      }

      assertThat(store.purgeEndedBefore("acme", cutoff)).isEqualTo(2);

      assertThat(store.find("acme", "100000")).isEmpty();
      assertThat(store.find("acme", "400000")).isEmpty();
      assertThat(store.find("acme", "200000")).contains(endedAtCutoff);
      assertThat(store.find("acme", "300000")).contains(endedAfter);
      assertThat(store.find("acme", "500000")).contains(expiresAtCutoff);
      assertThat(store.find("acme", "600000")).contains(live);
      assertThat(store.purgeEndedBefore("acme", cutoff)).isZero();
    }

    @Test
    @DisplayName("an ended invitation goes once its expiry is before the cutoff, even if it ended later")
    void endedAfterExpiryGoesByExpiry() {
      InvitationRecord inv = invitation("acme", "100000", T0, Duration.ofHours(1));
      store.put(inv.end(T0.plus(Duration.ofHours(3)), "EXPIRED"));

      assertThat(store.purgeEndedBefore("acme", T0.plus(Duration.ofHours(2)))).isEqualTo(1);
      assertThat(store.find("acme", "100000")).isEmpty();
    }

    @Test
    @DisplayName("the cutoff is compared to the nanosecond")
    void cutoffToTheNanosecond() {
      InvitationRecord inv = invitation("acme", "100000", T0, DAY).end(T0.plusNanos(5), "USED");
      store.put(inv);

      assertThat(store.purgeEndedBefore("acme", T0.plusNanos(5))).isZero();
      assertThat(store.purgeEndedBefore("acme", T0.plusNanos(6))).isEqualTo(1);
    }

    @Test
    @DisplayName("purging a tenant that has nothing removes nothing")
    void purgesNothingUnknown() {
      assertThat(store.purgeEndedBefore("acme", T0)).isZero();
    }
  }

  @Nested
  @DisplayName("argument checks")
  class ArgumentChecks {
    @Test
    @DisplayName("null arguments are rejected with their names")
    @SuppressWarnings("DataFlowIssue")
    void rejectsNulls() {
      assertThatThrownBy(() -> store.put(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("invitation");
      assertThatThrownBy(() -> store.find(null, "042917"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("tenant");
      assertThatThrownBy(() -> store.find("acme", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("code");
      assertThatThrownBy(() -> store.valid("acme", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("now");
      assertThatThrownBy(() -> store.purgeEndedBefore("acme", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("cutoff");
    }
  }

  @Nested
  @DisplayName("under concurrent writers")
  class Concurrency {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 400;

    private void runAll(List<Callable<?>> tasks) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (Callable<?> task : tasks) {
          done.add(pool.submit(() -> {
            start.await();
            return task.call();
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
    }

    private static String code(int writer, int i) {
      return String.format("%d%05d", writer, i);
    }

    @Test
    @DisplayName("threads putting and ending distinct codes leave exactly the expected invitations")
    void putsAndEnds() throws Exception {
      List<Callable<?>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String tenant = t % 2 == 0 ? "acme" : "globex";
        int writer = t;
        tasks.add(() -> {
          for (int i = 0; i < PER_THREAD; i++) {
            store.put(invitation(tenant, code(writer, i), T0.plusSeconds(i), DAY));
          }
          for (int i = 0; i < PER_THREAD; i += 3) {
            store.put(invitation(tenant, code(writer, i), T0.plusSeconds(i), DAY).end(T0.plusSeconds(i), "USED"));
          }
          return null;
        });
      }

      runAll(tasks);

      Instant now = T0.plusSeconds(PER_THREAD);
      for (String tenant : List.of("acme", "globex")) {
        List<InvitationRecord> expected = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
          for (int t = tenant.equals("acme") ? 0 : 1; t < THREADS; t += 2) {
            if (i % 3 != 0) {
              expected.add(invitation(tenant, code(t, i), T0.plusSeconds(i), DAY));
            } else {
              assertThat(store.find(tenant, code(t, i)).orElseThrow().endReason()).isEqualTo("USED");
            }
          }
        }
        assertThat(store.valid(tenant, now)).containsExactlyElementsOf(expected);
      }
    }

    @Test
    @DisplayName("threads purging while others put fresh codes remove each stale invitation exactly once")
    void purgesWhilePutting() throws Exception {
      Instant cutoff = T0.plus(DAY);
      for (int i = 0; i < THREADS * PER_THREAD; i++) {
        store.put(invitation("acme", code(9, i), T0, Duration.ofHours(1)));
      }
      List<Integer> purged = Collections.synchronizedList(new ArrayList<>());
      List<Callable<?>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int writer = t;
        tasks.add(() -> purged.add(store.purgeEndedBefore("acme", cutoff)));
        tasks.add(() -> {
          for (int i = 0; i < PER_THREAD; i++) {
            store.put(invitation("acme", code(writer, i), cutoff, DAY));
          }
          return null;
        });
      }

      runAll(tasks);

      assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(THREADS * PER_THREAD);
      assertThat(store.valid("acme", cutoff)).hasSize(THREADS * PER_THREAD)
          .allSatisfy(i -> assertThat(i.code()).doesNotStartWith("9"));
    }

    @Test
    @DisplayName("threads putting the same code at once leave exactly one of their invitations")
    void sameCodeRace() throws Exception {
      for (int round = 0; round < 20; round++) {
        String code = code(0, round);
        List<InvitationRecord> written = Collections.synchronizedList(new ArrayList<>());
        List<Callable<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          InvitationRecord inv = new InvitationRecord("acme", code, "op" + t, false, T0, T0.plus(DAY), null, null);
          written.add(inv);
          tasks.add(() -> {
            store.put(inv);
            return null;
          });
        }

        runAll(tasks);

        assertThat(store.find("acme", code)).get().isIn(written);
      }
      assertThat(store.valid("acme", T0)).hasSize(20);
    }
  }
}
