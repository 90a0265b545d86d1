package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The candidate buckets against a sorted list, under random adds, removes and re-keys. */
class MemberBucketsTest {
  private final CandidateIndex index = new CandidateIndex();
  private final GroupState group = new GroupState(GroupSpec.builder(GroupId.of("g")).build(), index);
  private final MemberBuckets buckets = group.candidates[0];

  /** Member of a new operator defined {@code ordinal}-th, in the group, for channel 0; in no bucket. */
  private int member(int ordinal) {
    OperatorState op = index.addOperator(OperatorId.of("op" + ordinal), ordinal, 0);
    index.capacity(op.number, 0, 1);
    return index.replaceMembers(op, new GroupState[] {group}, new int[] {0})[0].number;
  }

  private List<Integer> inOrder() {
    List<Integer> all = new ArrayList<>();
    for (int m = buckets.first(); m != CandidateIndex.NONE; m = buckets.after(m)) {
      all.add(m);
    }
    return all;
  }

  /** The candidates' order by the keys in the index's arrays. */
  private int compare(int a, int b) {
    int c = Long.compare(index.primary[a], index.primary[b]);
    if (c != 0) {
      return c;
    }
    c = Long.compare(index.secondary[a], index.secondary[b]);
    return c != 0 ? c : Integer.compare(index.operatorOf(a).ordinal, index.operatorOf(b).ordinal);
  }

  @RepeatedTest(20)
  @DisplayName("iterates in key order and peeks the least, whatever the sequence of changes")
  void matchesASortedList(RepetitionInfo run) {
    SplittableRandom random = new SplittableRandom(run.getCurrentRepetition());
    // Odd runs: a few keys, used again and again (load fractions); even runs: many keys that come
    // and go (so that empty buckets are dropped and the hash table grows).
    int keys = run.getCurrentRepetition() % 2 == 1 ? 5 : 300;
    List<Integer> members = new ArrayList<>();
    List<Integer> in = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      members.add(member(i));
    }
    long clock = 0;
    for (int step = 0; step < 5_000; step++) {
      Integer m = members.get(random.nextInt(members.size()));
      if (in.remove(m)) {
        buckets.remove(m);
      }
      boolean newest = false;
      switch (random.nextInt(4)) {
        case 0: // a change now: the newest key, usually a new primary
          index.primary[m] = random.nextInt(keys);
          index.secondary[m] = ++clock;
          newest = random.nextBoolean(); // said so, or left to be found
          break;
        case 1: // a key back in time (rare in the core, but allowed)
          index.secondary[m] = random.nextLong(clock + 1);
          break;
        default:
          break;
      }
      if (random.nextInt(3) > 0) {
        buckets.add(m, newest);
        in.add(m);
      }
      List<Integer> expected = new ArrayList<>(in);
      expected.sort(this::compare);
      assertThat(inOrder()).as("step %s", step).containsExactlyElementsOf(expected);
      assertThat(buckets.size()).isEqualTo(in.size());
      assertThat(buckets.first()).isEqualTo(expected.isEmpty() ? CandidateIndex.NONE : expected.get(0));
    }
  }

  @Test
  @DisplayName("members with equal keys keep the operators' definition order")
  void equalKeysInDefinitionOrder() {
    int b = member(1);
    int a = member(0);
    index.secondary[a] = 1;
    index.secondary[b] = 1;
    buckets.add(b);
    buckets.add(a);

    assertThat(inOrder()).containsExactly(a, b);
  }

  @Test
  @DisplayName("keys that never come back do not pile up buckets")
  void emptyBucketsAreDropped() {
    int m = member(0);
    for (int key = 0; key < 10_000; key++) {
      index.primary[m] = key;
      buckets.add(m);
      buckets.remove(m);
    }
    index.primary[m] = 5;
    buckets.add(m);

    assertThat(buckets.bucketCount()).isLessThan(40);
    assertThat(inOrder()).containsExactly(m);
  }
}
