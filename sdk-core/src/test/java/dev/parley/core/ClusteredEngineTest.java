package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.FencedWriteException;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.SessionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An engine built clustered serves only the partitions it is given, each persisting under its
 * fence; two such engines on one storage hand a partition from one to the other as a cluster
 * would, and the one left behind is refused by the storage.
 */
class ClusteredEngineTest {
  private static final TenantId ACME = TenantId.of("acme"); // partition 0
  private static final TenantId GLOBEX = TenantId.of("globex"); // partition 1
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");

  /** Two partitions: acme in 0, every other tenant in 1. */
  private static final PartitionPlacement TWO = new PartitionPlacement() {
    @Override
    public int partitions() {
      return 2;
    }

    @Override
    public int partitionOf(TenantId tenant) {
      return tenant.equals(ACME) ? 0 : 1;
    }
  };

  private final InMemoryStorage storage = new InMemoryStorage();
  private final List<Parley> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(Parley::close);
    storage.close();
  }

  private Parley node() {
    Parley p = Parley.builder().storage(storage).clustered(TWO).seed(7).build();
    engines.add(p);
    return p;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e.getCause() != null ? e.getCause() : e;
    }
    throw new AssertionError("expected the command to fail");
  }

  /** Sales with one operator online who takes one chat at a time: the first session is offered, the next wait. */
  private static void openSales(Tenant t) throws Exception {
    await(t.defineGroup(GroupSpec.builder(SALES).build()));
    await(t.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 1).build()));
    await(t.setStatus(ALICE, OperatorStatus.ONLINE));
  }

  private static void queue(Tenant t, String session) throws Exception {
    await(t.arrive(SessionId.of(session), Entry.builder(Channel.WEB_CHAT).group(SALES).build()));
  }

  @Test
  @DisplayName("a clustered engine serves no partition until told, and refuses their commands with NotOwnerException")
  void servesNothingUntilTold() throws Exception {
    Parley node = node();

    assertThat(node.serves(0)).isFalse();
    assertThat(failure(node.tenant(ACME).defineGroup(GroupSpec.builder(SALES).build())))
        .isInstanceOfSatisfying(NotOwnerException.class, e -> assertThat(e.partition()).isZero());
    assertThatThrownBy(() -> node.snapshot(ACME)).isInstanceOf(NotOwnerException.class);

    await(node.serve(storage.fences().advance(0)));

    assertThat(node.serves(0)).isTrue();
    await(node.tenant(ACME).defineGroup(GroupSpec.builder(SALES).build()));
    assertThat(failure(node.tenant(GLOBEX).defineGroup(GroupSpec.builder(SALES).build())))
        .isInstanceOfSatisfying(NotOwnerException.class, e -> assertThat(e.partition()).isEqualTo(1));
  }

  @Test
  @DisplayName("a partition handed from one node to another is rebuilt there from what the first stored")
  void handOff() throws Exception {
    Parley a = node();
    Parley b = node();
    await(a.serve(storage.fences().advance(0)));
    openSales(a.tenant(ACME));
    queue(a.tenant(ACME), "s-1"); // offered to alice
    queue(a.tenant(ACME), "s-2");
    queue(a.tenant(ACME), "s-3");

    await(a.drain(0));
    assertThat(failure(a.tenant(ACME).abandon(SessionId.of("s-2")))).isInstanceOf(NotOwnerException.class);
    await(b.serve(storage.fences().advance(0)));

    assertThat(b.snapshot(ACME).queuePosition(SessionId.of("s-3"))).hasValue(2);
    assertThat(b.snapshot(ACME).session(SessionId.of("s-1"))).isPresent();
    await(b.tenant(ACME).abandon(SessionId.of("s-2")));
    assertThat(b.snapshot(ACME).queuePosition(SessionId.of("s-3"))).hasValue(1);
  }

  @Test
  @DisplayName("a node whose partition was taken over is refused by the storage: its commands fail and store nothing")
  void aStaleNodeIsFenced() throws Exception {
    Parley a = node();
    Parley b = node();
    await(a.serve(storage.fences().advance(0)));
    openSales(a.tenant(ACME));
    queue(a.tenant(ACME), "s-1");
    queue(a.tenant(ACME), "s-2");

    // b takes partition 0 over while a still thinks it serves it (a pause, a lost heartbeat)
    await(b.serve(storage.fences().advance(0)));
    assertThat(a.serves(0)).isTrue();

    Throwable refused = failure(a.tenant(ACME).arrive(SessionId.of("s-3"),
        Entry.builder(Channel.WEB_CHAT).group(SALES).build()));
    assertThat(refused).isInstanceOf(FencedWriteException.class);
    assertThat(failure(a.tenant(ACME).abandon(SessionId.of("s-2")))).isInstanceOf(FencedWriteException.class);
    assertThat(storage.sessions().find("acme", "s-3")).isEmpty();
    assertThat(storage.sessions().find("acme", "s-2").orElseThrow().status()).isEqualTo(SessionStatus.QUEUED);
    assertThat(b.snapshot(ACME).queuePosition(SessionId.of("s-2"))).hasValue(1);
    assertThat(b.snapshot(ACME).session(SessionId.of("s-3"))).isEmpty();

    await(a.drop(0));
    assertThat(a.serves(0)).isFalse();
  }

  @Test
  @DisplayName("an engine not built clustered serves every partition and refuses serve, drain and drop")
  void notClustered() {
    Parley plain = Parley.builder().storage(storage).partitions(2).build();
    engines.add(plain);

    assertThat(plain.serves(1)).isTrue();
    assertThatThrownBy(() -> plain.drain(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("clustered");
    assertThatThrownBy(() -> Parley.builder().clustered(TWO).sameThread().storage(storage).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Parley.builder().clustered(TWO).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("storage");
  }
}
