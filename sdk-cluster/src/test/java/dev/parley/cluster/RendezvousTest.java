package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  private static final int PARTITIONS = 64;

  private static Map<Integer, String> place(List<String> nodes) {
    Map<Integer, String> placement = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      placement.put(p, Rendezvous.preferred(p, nodes));
    }
    return placement;
  }

  @Test
  @DisplayName("a node that joins takes only partitions for itself, and about its share of them")
  void aJoinMovesOnlyTheNewNodesShare() {
    Random random = new Random(20);
    for (int round = 0; round < 50; round++) {
      List<String> nodes = new ArrayList<>();
      for (int n = 0; n < 2 + random.nextInt(6); n++) {
        nodes.add("node-" + random.nextInt(1_000_000));
      }
      Map<Integer, String> before = place(nodes);
      String joined = "node-new-" + round;
      List<String> after = new ArrayList<>(nodes);
      after.add(joined);
      Map<Integer, String> placed = place(after);

      int moved = 0;
      for (int p = 0; p < PARTITIONS; p++) {
        if (!placed.get(p).equals(before.get(p))) {
          assertThat(placed.get(p)).as("round %d, partition %d", round, p).isEqualTo(joined);
          moved++;
        }
      }
      // its expected share is 64 / (n + 1), between 8 and 21 here; a very uneven hash would miss it widely
      assertThat(moved).as("round %d", round).isBetween(1, 3 * PARTITIONS / after.size());
    }
  }

  @Test
  @DisplayName("every node computes the same placement whatever order it lists the nodes in")
  void orderDoesNotMatter() {
    assertThat(place(List.of("a", "b", "c"))).isEqualTo(place(List.of("c", "a", "b")));
    assertThat(Rendezvous.preferred(0, List.of())).isNull();
  }

  @Test
  @DisplayName("a tenant's partition is a fixed function of its id, the same in every JVM and version")
  void tenantsHashStably() {
    // Pinned: every node of a cluster, whatever its version, must agree on these.
    assertThat(Rendezvous.partitionOf("acme", 64)).isEqualTo(28);
    assertThat(Rendezvous.partitionOf("demo", 64)).isEqualTo(24);
    assertThat(Rendezvous.partitionOf("globex", 64)).isEqualTo(62);
    int[] counts = new int[64];
    for (int t = 0; t < 6_400; t++) {
      counts[Rendezvous.partitionOf("tenant-" + t, 64)]++;
    }
    for (int count : counts) {
      assertThat(count).isBetween(50, 150);
    }
  }
}
