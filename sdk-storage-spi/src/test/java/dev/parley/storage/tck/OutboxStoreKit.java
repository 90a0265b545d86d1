package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.storage.OutboxRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@link dev.parley.storage.OutboxStore} part of the {@link StorageTck}. */
abstract class OutboxStoreKit extends StorageKit {
  OutboxStoreKit(StorageTck tck) {
    super(tck);
  }

  /** An event of {@code tenant} at {@code at}, with a seq the store must ignore. */
  static OutboxRecord event(String tenant, String type, Instant at) {
    return new OutboxRecord(tenant, 999, type, "s-1", at, "{\"type\":\"" + type + "\"}");
  }

  private List<Long> seqs(List<OutboxRecord> records) {
    return records.stream().map(OutboxRecord::seq).toList();
  }

  @Test
  @DisplayName("appending numbers a tenant's records 1, 2, 3... in the order given, ignoring the seq given")
  void assignsSeq() {
    List<OutboxRecord> first = outbox().append(List.of(event("acme", "a", T0), event("acme", "b", T0)));
    List<OutboxRecord> second = outbox().append(List.of(event("acme", "c", T0.minusSeconds(1))));

    assertThat(seqs(first)).containsExactly(1L, 2L);
    assertThat(seqs(second)).containsExactly(3L);
    assertThat(first.get(1)).isEqualTo(new OutboxRecord("acme", 2, "b", "s-1", T0, "{\"type\":\"b\"}"));
  }

  @Test
  @DisplayName("each tenant has its own sequence, also within one batch")
  void seqPerTenant() {
    List<OutboxRecord> stored = outbox().append(List.of(
        event("acme", "a", T0), event("globex", "b", T0), event("acme", "c", T0),
        new OutboxRecord("globex", 0, "d", null, T0, "")));

    assertThat(stored).extracting(OutboxRecord::tenant, OutboxRecord::seq).containsExactly(
        tuple("acme", 1L), tuple("globex", 1L),
        tuple("acme", 2L), tuple("globex", 2L));
    assertThat(outbox().after("globex", 0, 10)).containsExactly(stored.get(1), stored.get(3));
  }

  @Test
  @DisplayName("after() lists the records after a seq in order, at most the limit")
  void after() {
    List<OutboxRecord> stored = outbox().append(List.of(
        event("acme", "a", T0), event("acme", "b", T0), event("acme", "c", T0), event("acme", "d", T0)));

    assertThat(outbox().after("acme", 0, 10)).isEqualTo(stored);
    assertThat(outbox().after("acme", 1, 2)).containsExactly(stored.get(1), stored.get(2));
    assertThat(outbox().after("acme", 4, 10)).isEmpty();
    assertThat(outbox().after("globex", 0, 10)).isEmpty();
    assertThatThrownBy(() -> outbox().after("acme", 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("firstAtOrAfter gives the first record at or after an instant, else the seq the next record gets")
  void firstAtOrAfter() {
    outbox().append(List.of(event("acme", "a", T0), event("acme", "b", T0.plusSeconds(10)),
        event("acme", "c", T0.plusSeconds(10)), event("acme", "d", T0.plusSeconds(20))));

    assertThat(outbox().firstAtOrAfter("acme", T0.minusSeconds(1))).isEqualTo(1);
    assertThat(outbox().firstAtOrAfter("acme", T0.plusNanos(1))).isEqualTo(2);
    assertThat(outbox().firstAtOrAfter("acme", T0.plusSeconds(10))).isEqualTo(2);
    assertThat(outbox().firstAtOrAfter("acme", T0.plusSeconds(20))).isEqualTo(4);
    assertThat(outbox().firstAtOrAfter("acme", T0.plusSeconds(21))).isEqualTo(5);
    assertThat(outbox().firstAtOrAfter("globex", T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("each consumer keeps its own cursor, 0 until it saves one")
  void cursors() {
    outbox().saveCursor("acme", "webhook-1", 7);
    outbox().saveCursor("acme", "webhook-2", 3);
    outbox().saveCursor("acme", "webhook-1", 9);

    assertThat(outbox().cursor("acme", "webhook-1")).isEqualTo(9);
    assertThat(outbox().cursor("acme", "webhook-2")).isEqualTo(3);
    assertThat(outbox().cursor("acme", "webhook-3")).isZero();
    assertThat(outbox().cursor("globex", "webhook-1")).isZero();
  }

  @Test
  @DisplayName("purging removes the records before the cutoff and counts them; seqs are never given again")
  void purge() {
    outbox().append(List.of(event("acme", "a", T0), event("acme", "b", T0.plusSeconds(10)),
        event("acme", "c", T0.plusSeconds(20))));
    outbox().append(List.of(event("globex", "a", T0)));

    assertThat(outbox().purgeBefore("acme", T0.plusSeconds(10))).isEqualTo(1);
    assertThat(seqs(outbox().after("acme", 0, 10))).containsExactly(2L, 3L);
    assertThat(outbox().purgeBefore("acme", T0.plusSeconds(30))).isEqualTo(2);
    assertThat(outbox().after("acme", 0, 10)).isEmpty();
    assertThat(outbox().firstAtOrAfter("acme", T0)).isEqualTo(4);
    assertThat(seqs(outbox().append(List.of(event("acme", "d", T0))))).containsExactly(4L);
    assertThat(outbox().after("globex", 0, 10)).hasSize(1);
  }
}
