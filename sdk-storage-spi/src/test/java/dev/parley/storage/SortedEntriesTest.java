package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SortedEntriesTest {
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

  @Test
  @DisplayName("seeded random adds, removals, sweeps and seeks agree with a tree set after every step")
  void agreesWithATreeSet() {
    SplittableRandom random = new SplittableRandom(3);
    for (int run = 0; run < 20; run++) {
      SortedEntries entries = new SortedEntries();
      TreeSet<SessionEntry> model = new TreeSet<>();
      List<SessionEntry> known = new ArrayList<>();
      for (int step = 0; step < 2_000; step++) {
        int op = random.nextInt(100);
        if (op < 55 || known.isEmpty()) {
          // mostly in arrival order, some late, some the same instant
          long second = random.nextInt(4) == 0 ? random.nextInt(step + 1) : step;
          SessionEntry e = entry(second, "s" + random.nextInt(1_000_000));
          known.add(e);
          entries.add(e);
          model.add(e);
        } else if (op < 95) {
          SessionEntry e = random.nextBoolean() && !model.isEmpty()
              ? (random.nextBoolean() ? model.first() : model.last())
              : known.get(random.nextInt(known.size()));
          assertThat(entries.remove(e)).isEqualTo(model.remove(e));
        } else {
          int parity = random.nextInt(2);
          entries.removeIf(e -> e.id.length() % 2 == parity);
          model.removeIf(e -> e.id.length() % 2 == parity);
        }
        assertThat(entries.toList()).containsExactlyElementsOf(model);
        SessionEntry probe = random.nextBoolean() && !known.isEmpty()
            ? known.get(random.nextInt(known.size()))
            : SessionEntry.probe(T0.plusSeconds(random.nextInt(step + 2)), "");
        assertThat(entries.next(probe, true, true)).isSameAs(model.ceiling(probe));
        assertThat(entries.next(probe, false, true)).isSameAs(model.higher(probe));
        assertThat(entries.next(probe, true, false)).isSameAs(model.floor(probe));
        assertThat(entries.next(probe, false, false)).isSameAs(model.lower(probe));
        assertThat(entries.next(null, true, true)).isSameAs(model.isEmpty() ? null : model.first());
        assertThat(entries.next(null, true, false)).isSameAs(model.isEmpty() ? null : model.last());
        assertThat(entries.size()).isEqualTo(model.size());
      }
    }
  }

  private static SessionEntry entry(long second, String id) {
    return SessionEntry.of(SessionRecord.builder("acme", id, "WEB_CHAT", T0.plusSeconds(second)).build());
  }
}
