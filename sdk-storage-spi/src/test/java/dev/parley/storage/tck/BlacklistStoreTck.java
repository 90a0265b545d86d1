package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.BlacklistStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlacklistStore} must meet: round trips, replace semantics, tenant
 * isolation, ordering, argument checks and concurrent writers.
 *
 * <p>Extend it and implement {@link #createStore()}; override a feature flag such as {@link
 * #supportsAllInstants()} to skip what the store does not claim (see {@link StoreTck}).
 */
public abstract class BlacklistStoreTck extends StoreTck<BlacklistStore> {
  /** An entry blocked by alice for being abusive. */
  protected static BlacklistEntry entry(String tenant, String channel, String identifier, Instant at) {
    return new BlacklistEntry(tenant, channel, identifier, "abusive", "alice", at);
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips {
    @Test
    @DisplayName("an entry put in is found again by tenant, channel and identifier")
    void roundTrip() {
      BlacklistEntry entry = entry("acme", "WEB_CHAT", "visitor-1", T0);

      store.put(entry);

      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(entry);
      assertThat(store.list("acme")).containsExactly(entry);
    }

    @Test
    @DisplayName("nothing is found for a key that was never put")
    void findsNothingUnknown() {
      store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));

      assertThat(store.find("acme", "WEB_CHAT", "visitor-2")).isEmpty();
      assertThat(store.find("acme", "EMAIL", "visitor-1")).isEmpty();
      assertThat(store.find("globex", "WEB_CHAT", "visitor-1")).isEmpty();
      assertThat(store.list("globex")).isEmpty();
    }

    @Test
    @DisplayName("an instant with nanoseconds comes back exactly")
    void keepsNanoseconds() {
      BlacklistEntry entry = entry("acme", "WEB_CHAT", "visitor-1", T0.plusNanos(123_456_789));

      store.put(entry);

      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(entry);
    }

    @Test
    @DisplayName("instants long before 1970 and far in the future come back exactly")
    void keepsFarInstants() {
      assumeTrue(supportsAllInstants(), "the store keeps a narrower range of instants");
      BlacklistEntry ancient = entry("acme", "WEB_CHAT", "a", Instant.parse("0001-01-01T00:00:00.000000001Z"));
      BlacklistEntry distant = entry("acme", "WEB_CHAT", "b", Instant.parse("9999-12-31T23:59:59.999999999Z"));

      store.put(ancient);
      store.put(distant);

      assertThat(store.list("acme")).containsExactly(ancient, distant);
    }

    @Test
    @DisplayName("texts with quotes, accents and emoji come back exactly")
    void keepsTexts() {
      BlacklistEntry entry =
          new BlacklistEntry("acme", "EMAIL", "o'brien@example.com", "wrote \"ça suffit\" 😠", "zoë", T0);

      store.put(entry);

      assertThat(store.find("acme", "EMAIL", "o'brien@example.com")).contains(entry);
    }
  }

  @Nested
  @DisplayName("replace and remove")
  class ReplaceAndRemove {
    @Test
    @DisplayName("putting an entry with the same key replaces the old one")
    void putReplaces() {
      store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));
      BlacklistEntry again = new BlacklistEntry("acme", "WEB_CHAT", "visitor-1", "spam", "bob", T0.plusSeconds(60));

      store.put(again);

      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(again);
      assertThat(store.list("acme")).containsExactly(again);
    }

    @Test
    @DisplayName("putting the same entry twice leaves one entry, so a retried put is harmless")
    void putIsIdempotent() {
      BlacklistEntry entry = entry("acme", "WEB_CHAT", "visitor-1", T0);

      store.put(entry);
      store.put(entry);

      assertThat(store.list("acme")).containsExactly(entry);
    }

    @Test
    @DisplayName("remove takes the entry out and says whether there was one")
    void removes() {
      store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));

      assertThat(store.remove("acme", "WEB_CHAT", "visitor-1")).isTrue();
      assertThat(store.remove("acme", "WEB_CHAT", "visitor-1")).isFalse();
      assertThat(store.remove("globex", "WEB_CHAT", "visitor-1")).isFalse();
      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).isEmpty();
      assertThat(store.list("acme")).isEmpty();
    }

    @Test
    @DisplayName("an entry removed and put again is back")
    void putAfterRemove() {
      BlacklistEntry entry = entry("acme", "WEB_CHAT", "visitor-1", T0);
      store.put(entry);
      store.remove("acme", "WEB_CHAT", "visitor-1");

      store.put(entry);

      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(entry);
    }
  }

  @Nested
  @DisplayName("tenant isolation")
  class TenantIsolation {
    @Test
    @DisplayName("tenants never see, replace or remove each other's entries")
    void isolatesTenants() {
      BlacklistEntry acme = entry("acme", "WEB_CHAT", "visitor-1", T0);
      BlacklistEntry globex = new BlacklistEntry("globex", "WEB_CHAT", "visitor-1", "spam", "bob", T0);
      store.put(acme);
      store.put(globex);

      assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(acme);
      assertThat(store.find("globex", "WEB_CHAT", "visitor-1")).contains(globex);

      store.remove("globex", "WEB_CHAT", "visitor-1");

      assertThat(store.list("acme")).containsExactly(acme);
      assertThat(store.list("globex")).isEmpty();
    }

    @Test
    @DisplayName("tenant ids that differ only in case are different tenants")
    void tenantIdsAreCaseSensitive() {
      BlacklistEntry lower = entry("acme", "WEB_CHAT", "visitor-1", T0);
      BlacklistEntry upper = entry("ACME", "WEB_CHAT", "visitor-1", T0.plusSeconds(1));
      store.put(lower);
      store.put(upper);

      assertThat(store.list("acme")).containsExactly(lower);
      assertThat(store.list("ACME")).containsExactly(upper);
    }
  }

  @Nested
  @DisplayName("ordering and snapshots")
  class Ordering {
    @Test
    @DisplayName("a tenant's entries are listed by blocking time, then channel, then identifier")
    void listsInOrder() {
      BlacklistEntry late = entry("acme", "EMAIL", "a", T0.plusSeconds(10));
      BlacklistEntry webB = entry("acme", "WEB_CHAT", "b", T0);
      BlacklistEntry webA = entry("acme", "WEB_CHAT", "a", T0);
      BlacklistEntry phone = entry("acme", "PHONE", "z", T0);
      BlacklistEntry early = entry("acme", "WEB_CHAT", "z", T0.minusSeconds(10));
      for (BlacklistEntry e : List.of(late, webB, webA, phone, early)) {
        store.put(e);
      }

      assertThat(store.list("acme")).containsExactly(early, phone, webA, webB, late);
    }

    @Test
    @DisplayName("identifiers are ordered as Java compares strings, whatever the database's collation")
    void ordersIdentifiersLikeJava() {
      List<String> identifiers = List.of("b", "B", "a-2", "a10", "a2", "Zoë", "zoe", "_x", "é");
      for (String id : identifiers) {
        store.put(entry("acme", "WEB_CHAT", id, T0));
      }

      assertThat(store.list("acme"))
          .extracting(BlacklistEntry::identifier)
          .containsExactlyElementsOf(identifiers.stream().sorted().toList());
    }

    @Test
    @DisplayName("instants a nanosecond apart are ordered")
    void ordersByNanoseconds() {
      BlacklistEntry second = entry("acme", "EMAIL", "a", T0.plusNanos(1));
      BlacklistEntry first = entry("acme", "WEB_CHAT", "z", T0);
      store.put(second);
      store.put(first);

      assertThat(store.list("acme")).containsExactly(first, second);
    }

    @Test
    @DisplayName("the list is an unmodifiable snapshot")
    void listIsSnapshot() {
      store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));
      List<BlacklistEntry> before = store.list("acme");

      store.put(entry("acme", "WEB_CHAT", "visitor-2", T0));

      assertThat(before).hasSize(1);
      assertThatThrownBy(() -> before.add(entry("acme", "EMAIL", "x", T0)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("argument checks")
  class ArgumentChecks {
    @Test
    @DisplayName("null arguments are rejected with their names")
    @SuppressWarnings("DataFlowIssue")
    void rejectsNulls() {
      assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("entry");
      assertThatThrownBy(() -> store.find(null, "WEB_CHAT", "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("tenant");
      assertThatThrownBy(() -> store.remove("acme", null, "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("channel");
      assertThatThrownBy(() -> store.find("acme", "WEB_CHAT", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("identifier");
      assertThatThrownBy(() -> store.list(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("tenant");
    }
  }

  @Nested
  @DisplayName("under concurrent writers")
  class ConcurrentWriters {
    @Test
    @DisplayName("writers on several threads putting and removing distinct keys leave exactly the expected entries")
    void concurrentWriters() throws Exception {
      int threads = 8;
      int perThread = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String tenant = t % 2 == 0 ? "acme" : "globex";
          int writer = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              store.put(entry(tenant, "WEB_CHAT", writer + "-" + i, T0.plusSeconds(i)));
            }
            for (int i = 0; i < perThread; i += 2) {
              assertThat(store.remove(tenant, "WEB_CHAT", writer + "-" + i)).isTrue();
            }
            return null;
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

      for (String tenant : List.of("acme", "globex")) {
        List<BlacklistEntry> expected = new ArrayList<>();
        for (int t = tenant.equals("acme") ? 0 : 1; t < threads; t += 2) {
          for (int i = 1; i < perThread; i += 2) {
            expected.add(entry(tenant, "WEB_CHAT", t + "-" + i, T0.plusSeconds(i)));
          }
        }
        expected.sort(
            Comparator.comparing(BlacklistEntry::blockedAt)
                .thenComparing(BlacklistEntry::channel)
                .thenComparing(BlacklistEntry::identifier));
        assertThat(store.list(tenant)).containsExactlyElementsOf(expected);
      }
    }

    @Test
    @DisplayName("writers on several threads putting the same key at once leave exactly one of their entries")
    void sameKeyRace() throws Exception {
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < 20; round++) {
          String identifier = "visitor-" + round;
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> done = new ArrayList<>();
          List<BlacklistEntry> written = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            BlacklistEntry e = new BlacklistEntry("acme", "WEB_CHAT", identifier, "r" + t, "op" + t, T0);
            written.add(e);
            done.add(pool.submit(() -> {
              start.await();
              store.put(e);
              return null;
            }));
          }
          start.countDown();
          for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
          }
          assertThat(store.find("acme", "WEB_CHAT", identifier)).get().isIn(written);
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(store.list("acme")).hasSize(20);
    }
  }
}
