package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

class InMemoryBlacklistStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final BlacklistStore store = new InMemoryBlacklistStore();

  private static BlacklistEntry entry(String tenant, String channel, String identifier, Instant at) {
    return new BlacklistEntry(tenant, channel, identifier, "abusive", "alice", at);
  }

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
  @DisplayName("putting an entry with the same key replaces the old one")
  void putReplaces() {
    store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));
    BlacklistEntry again = new BlacklistEntry("acme", "WEB_CHAT", "visitor-1", "spam", "bob", T0.plusSeconds(60));

    store.put(again);

    assertThat(store.find("acme", "WEB_CHAT", "visitor-1")).contains(again);
    assertThat(store.list("acme")).containsExactly(again);
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
  @DisplayName("the list is an unmodifiable snapshot")
  void listIsSnapshot() {
    store.put(entry("acme", "WEB_CHAT", "visitor-1", T0));
    List<BlacklistEntry> before = store.list("acme");

    store.put(entry("acme", "WEB_CHAT", "visitor-2", T0));

    assertThat(before).hasSize(1);
    assertThatThrownBy(() -> before.add(entry("acme", "EMAIL", "x", T0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("null arguments are rejected with their names")
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
}
