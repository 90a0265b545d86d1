package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Parley;
import dev.parley.storage.InMemoryStorage;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class ClusterNodeBuilderTest {
  private final DataSource nowhere = new PGSimpleDataSource();

  private ClusterNode.Builder builder() {
    return ClusterNode.builder(nowhere).nodeId("a").address("http://a.test");
  }

  @Test
  @DisplayName("each setter rejects a bad value at once, naming it")
  void settersCheck() {
    assertThatThrownBy(() -> builder().nodeId(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
    assertThatThrownBy(() -> builder().address("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().partitions(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> builder().heartbeatInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeatInterval");
    assertThatThrownBy(() -> builder().claimGrace(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().place("acme", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterNode.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("build() rejects timings under which a node could still serve after another took over")
  void timingsMustFence() {
    assertThatThrownBy(() -> builder().selfFenceAfter(Duration.ofSeconds(3)).deadAfter(Duration.ofSeconds(3)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadAfter");
    assertThatThrownBy(() -> builder().heartbeatInterval(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice the heartbeatInterval");
    assertThatThrownBy(() -> ClusterNode.builder(nowhere).nodeId("a").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("address");
    assertThatThrownBy(() -> builder().partitions(8).place("acme", 8).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("partition 8");
  }

  @Test
  @DisplayName("a tenant placed by hand goes where it was placed, the others where their hash puts them")
  void placements() {
    try (ClusterNode node = builder().partitions(64).place("acme", 3).build()) {
      assertThat(node.partitionOf("acme")).isEqualTo(3);
      assertThat(node.partitionOf("demo")).isEqualTo(24);
      assertThat(node.owned()).isEmpty();
    }
  }

  @Test
  @DisplayName("a node that cannot reach its database fails to start with a ClusterException that says what to check")
  void unreachableDatabase() {
    PGSimpleDataSource closedPort = new PGSimpleDataSource();
    closedPort.setServerNames(new String[] {"127.0.0.1"});
    closedPort.setPortNumbers(new int[] {1});
    closedPort.setConnectTimeout(1);
    ClusterNode node = ClusterNode.builder(closedPort).nodeId("a").address("http://a.test").build();

    assertThatThrownBy(node::start).isInstanceOf(ClusterException.class).hasMessageContaining("reachable");
    node.close();
  }

  @Test
  @DisplayName("a ParleyNode refuses a node builder with a listener of its own, and one whose node cannot join fails with a ClusterException")
  void parleyNodeChecks() {
    assertThatThrownBy(() -> ParleyNode.start(builder().listener(new PartitionListener() {}), Parley.builder()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("listener");
    assertThatThrownBy(() -> ParleyNode.start(builder().partitions(8).place("acme", 8), Parley.builder()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("partition 8");
    PGSimpleDataSource closedPort = new PGSimpleDataSource();
    closedPort.setServerNames(new String[] {"127.0.0.1"});
    closedPort.setPortNumbers(new int[] {1});
    closedPort.setConnectTimeout(1);
    Parley.Builder engine = Parley.builder().storage(new InMemoryStorage());
    assertThatThrownBy(() -> ParleyNode.start(ClusterNode.builder(closedPort).nodeId("a").address("http://a.test"), engine))
        .isInstanceOf(ClusterException.class);
  }
}
