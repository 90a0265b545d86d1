package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.PartitionFence;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import dev.parley.storage.Storage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Storage#together} part of the {@link StorageTck}: what a partition's writer stores in
 * one pass is all there afterwards; where the storage {@linkplain Storage#storesTogether stores
 * together}, a pass that fails leaves nothing of itself, a {@code saveAll} refused as stale inside
 * it leaves nothing of that call and lets the pass go on, and a fenced view's pass is refused whole
 * once its partition has moved on.
 */
abstract class TogetherKit extends StorageKit {
  TogetherKit(StorageTck tck) {
    super(tck);
  }

  @Test
  @DisplayName("the outbox records, sessions and messages written together are all stored")
  void storesEveryWrite() {
    storage().together(s -> {
      s.outbox().append(List.of(OutboxStoreKit.event("acme", "session.queued", T0)));
      s.sessions().saveAll(List.of(queued("acme", "s-1", T0).build(), queued("acme", "s-2", T0).build()));
      s.transcripts().appendAll(List.of(fromClient("acme", "s-1", "m-1", T0, "hello")));
    });

    assertThat(storage().outbox().after("acme", 0, 10)).hasSize(1);
    assertThat(sessions().find("acme", "s-1")).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(1));
    assertThat(sessions().find("acme", "s-2")).isPresent();
    assertThat(storage().transcripts().transcript("acme", "s-1")).extracting(m -> m.text()).containsExactly("hello");
  }

  @Test
  @DisplayName("a pass that throws half way leaves nothing of itself where the storage stores together, and the writes before the throw where it does not")
  void failureHalfWay() {
    IllegalStateException failure = new IllegalStateException("the pass broke");

    assertThatThrownBy(() -> storage().together(s -> {
      s.outbox().append(List.of(OutboxStoreKit.event("acme", "session.queued", T0)));
      s.sessions().save(queued("acme", "s-1", T0).build());
      throw failure;
    })).isSameAs(failure);

    boolean none = storage().storesTogether();
    assertThat(sessions().find("acme", "s-1").isPresent()).isNotEqualTo(none);
    assertThat(storage().outbox().after("acme", 0, 10).isEmpty()).isEqualTo(none);
  }

  @Test
  @DisplayName("a saveAll refused as stale inside a pass stores none of its records, and the pass goes on")
  void staleSaveAllInside() {
    SessionRecord v1 = sessions().save(queued("acme", "s-1", T0).build());

    storage().together(s -> {
      s.sessions().save(queued("acme", "s-3", T0).build());
      // s-2 comes first in the call, so a storage that wrote as it went would have written it.
      assertThatThrownBy(() -> s.sessions().saveAll(List.of(
          queued("acme", "s-2", T0).build(), v1.toBuilder().version(0).build())))
          .isInstanceOf(StaleWriteException.class);
      s.sessions().save(v1.toBuilder().priority(5).build());
    });

    assertThat(sessions().find("acme", "s-2")).isEmpty();
    assertThat(sessions().find("acme", "s-3")).isPresent();
    assertThat(sessions().find("acme", "s-1")).hasValueSatisfying(r -> {
      assertThat(r.version()).isEqualTo(2);
      assertThat(r.priority()).isEqualTo(5);
    });
  }

  @Test
  @DisplayName("a fenced view's pass is refused whole once its partition has another owner")
  void fencedPass() {
    assumeThat(tck().supportsFencing()).as("the storage fences partitions").isTrue();
    PartitionFence old = storage().fences().advance(0);
    Storage mine = storage().fenced(old);
    mine.together(s -> s.sessions().save(queued("acme", "s-1", T0).build()));

    storage().fences().advance(0);

    assertThatThrownBy(() -> mine.together(s -> {
      s.outbox().append(List.of(OutboxStoreKit.event("acme", "session.queued", T0)));
      s.sessions().save(queued("acme", "s-2", T0).build());
    })).isInstanceOf(FencedWriteException.class);
    assertThat(sessions().find("acme", "s-1")).isPresent();
    assertThat(sessions().find("acme", "s-2")).isEmpty();
    assertThat(storage().outbox().after("acme", 0, 10)).isEmpty();
  }
}
