package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The candidate buckets against a sorted list, under random adds, removes and re-keys. */
class MemberBucketsTest {
  private final GroupState group = new GroupState(GroupSpec.builder(GroupId.of("g")).build());

  private Member member(int ordinal) {
    return new Member(new OperatorState(OperatorId.of("op" + ordinal), ordinal), group, 0, 0);
  }

  private static List<Member> inOrder(MemberBuckets b) {
    List<Member> all = new ArrayList<>();
    for (Member m = b.peek(); m != null; m = b.next(m)) {
      all.add(m);
    }
    return all;
  }

  @RepeatedTest(20)
  @DisplayName("iterates in key order and peeks the least, whatever the sequence of changes")
  void matchesASortedList(RepetitionInfo run) {
    SplittableRandom random = new SplittableRandom(run.getCurrentRepetition());
    MemberBuckets buckets = new MemberBuckets();
    List<Member> members = new ArrayList<>();
    List<Member> in = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      members.add(member(i));
    }
    long clock = 0;
    for (int step = 0; step < 5_000; step++) {
      Member m = members.get(random.nextInt(members.size()));
      switch (random.nextInt(4)) {
        case 0: // a change now: the newest key, usually a new primary
          m.primary = random.nextInt(5);
          m.secondary = ++clock;
          break;
        case 1: // a key back in time (rare in the core, but allowed)
          m.secondary = random.nextLong(clock + 1);
          break;
        default:
          break;
      }
      boolean wanted = random.nextInt(3) > 0;
      buckets.set(m, wanted);
      in.remove(m);
      if (wanted) {
        in.add(m);
      }
      List<Member> expected = new ArrayList<>(in);
      expected.sort(Member::compare);
      assertThat(inOrder(buckets)).as("step %s", step).containsExactlyElementsOf(expected);
      assertThat(buckets.size()).isEqualTo(in.size());
      assertThat(buckets.peek()).isEqualTo(expected.isEmpty() ? null : expected.get(0));
    }
  }

  @Test
  @DisplayName("a re-key that changes nothing leaves a member where it is")
  void unchangedKeyStays() {
    MemberBuckets buckets = new MemberBuckets();
    Member a = member(0);
    Member b = member(1);
    a.secondary = 1;
    b.secondary = 1;
    buckets.add(a);
    buckets.add(b);

    buckets.update(a);

    assertThat(inOrder(buckets)).containsExactly(a, b);
    assertThat(inOrder(buckets)).isSortedAccordingTo(Comparator.comparing(m -> m.operator.ordinal));
  }
}
