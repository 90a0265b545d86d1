package dev.parley.benchmarks;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The heap one tenant's routing core retains at scale, measured on the deterministic core itself
 * (no threads). It defines {@code groups} groups; then {@code operators} operators, each in two or
 * three groups drawn at random, with web chat and WhatsApp (capacity 4 each), all away, so nobody
 * can take a session; then {@code waiting} WhatsApp conversations (which wait when nobody is
 * online) spread at random over the groups. Each carries what a real one does: a 36-character UUID
 * session id (what {@code Tenant.arrive} makes), the client's phone number and profile name.
 *
 * <p>After each step it collects garbage ({@code System.gc()} a few times) and reads the heap used
 * ({@link MemoryMXBean}); the differences are the bytes per group, per operator (with his places
 * in his groups) and per waiting session. Only the core and what it holds stay reachable. The
 * goal is 100,000 operators, 10,000 groups and 1,000,000 waiting sessions in at most 2 GiB of
 * heap: run it with {@code -Xmx2g} to show it fits. When the heap runs out it says so and exits
 * with status 1; so it does when the retained heap exceeds 2 GiB.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.MemoryFootprint \
 *     --operators 100000 --groups 10000 --waiting 1000000
 * </pre>
 */
public final class MemoryFootprint {
  static final long GOAL_BYTES = 2L << 30;
  private static final int GOAL_OPERATORS = 100_000;
  private static final int GOAL_GROUPS = 10_000;
  private static final int GOAL_WAITING = 1_000_000;

  private MemoryFootprint() {}

  public static void main(String[] args) {
    Report report;
    try {
      Flags flags = Flags.parse(args, List.of("--operators", "--groups", "--waiting"));
      report = run(flags.number("--operators", 1, GOAL_OPERATORS), flags.number("--groups", 3, GOAL_GROUPS),
          flags.number("--waiting", 0, GOAL_WAITING));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: MemoryFootprint [--operators N] [--groups N (at least 3)] [--waiting N]");
      System.exit(2);
      return;
    }
    System.out.print(report.markdown());
    if (!report.fits()) {
      System.exit(1);
    }
  }

  /**
   * What one run measured. Heap figures are bytes used after garbage collection: before anything
   * was built and after each step; {@code failure} says why it stopped short, if it did.
   */
  record Report(int operators, int groups, int waiting, long maxHeap, long base, long afterGroups,
      long afterOperators, long afterSessions, String failure) {
    /** The heap the core retains. */
    long retained() {
      return afterSessions - base;
    }

    boolean fits() {
      return failure == null && retained() <= GOAL_BYTES;
    }

    String markdown() {
      StringBuilder md = new StringBuilder("## Memory footprint (MemoryFootprint)\n\n");
      md.append(String.format(Locale.ROOT,
          "One routing core with %,d operators (2–3 groups each, web chat and WhatsApp), %,d groups and %,d "
              + "waiting WhatsApp sessions; max heap %,d MiB.%n%n",
          operators, groups, waiting, maxHeap >> 20));
      if (failure != null) {
        return md.append("**Not met:** ").append(failure).append('\n').toString();
      }
      md.append("| retained by the core | per group | per operator | per waiting session | heap used after GC |\n");
      md.append("|---:|---:|---:|---:|---:|\n");
      md.append(String.format(Locale.ROOT, "| %,d MiB | %,d B | %,d B | %,d B | %,d MiB |%n",
          retained() >> 20, per(afterGroups - base, groups), per(afterOperators - afterGroups, operators),
          per(afterSessions - afterOperators, waiting), afterSessions >> 20));
      boolean atGoalScale = operators >= GOAL_OPERATORS && groups >= GOAL_GROUPS && waiting >= GOAL_WAITING;
      md.append(String.format(Locale.ROOT, "%nGoal 100,000 operators, 10,000 groups and 1,000,000 waiting sessions "
              + "in ≤ 2 GiB of heap: %s.%n",
          !fits() ? "**not met** (" + (retained() >> 20) + " MiB retained)"
              : atGoalScale ? "met" : "within 2 GiB at this smaller scale"));
      return md.toString();
    }

    private static long per(long bytes, int count) {
      return count == 0 ? 0 : bytes / count;
    }
  }

  /** Builds the core step by step, measuring the heap after each. */
  static Report run(int operators, int groups, int waiting) {
    if (groups < 3) {
      throw new IllegalArgumentException("at least 3 groups are needed, as an operator is in up to 3; not " + groups);
    }
    Progress progress = new Progress(Runtime.getRuntime().maxMemory());
    try {
      return measure(operators, groups, waiting, progress);
    } catch (OutOfMemoryError e) {
      // measure's frame is gone, and with it the only reference to the core
      String failure = String.format(Locale.ROOT,
          "the heap (max %,d MiB) ran out after %,d of %,d operators and %,d of %,d waiting sessions",
          progress.maxHeap >> 20, progress.operators, operators, progress.sessions, waiting);
      return new Report(operators, groups, waiting, progress.maxHeap, progress.base, progress.afterGroups,
          progress.afterOperators, 0, failure);
    }
  }

  private static Report measure(int operators, int groups, int waiting, Progress progress) {
    progress.base = usedAfterGc();
    Build build = new Build(new SplittableRandom(42));
    build.groups(groups);
    progress.afterGroups = usedAfterGc();
    build.operators(operators, progress);
    progress.afterOperators = usedAfterGc();
    build.sessions(waiting, progress);
    long afterSessions = usedAfterGc();
    build.checkWaiting(waiting);
    return new Report(operators, groups, waiting, progress.maxHeap, progress.base, progress.afterGroups,
        progress.afterOperators, afterSessions, null);
  }

  /** How far the build got, kept outside it so that an out-of-memory error can tell. */
  private static final class Progress {
    final long maxHeap;
    long base;
    long afterGroups;
    long afterOperators;
    int operators;
    int sessions;

    Progress(long maxHeap) {
      this.maxHeap = maxHeap;
    }
  }

  /** The core under construction; nothing else it makes stays reachable. */
  private static final class Build {
    final CoreDriver core = new CoreDriver();
    final SplittableRandom random;
    GroupId[] groupIds;

    Build(SplittableRandom random) {
      this.random = random;
    }

    void groups(int n) {
      groupIds = new GroupId[n];
      for (int g = 0; g < n; g++) {
        groupIds[g] = GroupId.of("group-" + g);
        core.apply(new Command.DefineGroup(GroupSpec.builder(groupIds[g]).build()));
      }
    }

    void operators(int n, Progress progress) {
      for (int i = 0; i < n; i++) {
        OperatorId id = OperatorId.of("operator-" + i);
        OperatorSpec.Builder spec = OperatorSpec.builder(id).channel(Channel.WEB_CHAT, 4).channel(Channel.WHATSAPP, 4);
        int[] chosen = new int[2 + random.nextInt(2)];
        for (int k = 0; k < chosen.length; k++) {
          chosen[k] = distinctGroup(chosen, k);
          spec.group(groupIds[chosen[k]]);
        }
        core.apply(new Command.DefineOperator(spec.build()));
        core.apply(new Command.SetStatus(id, OperatorStatus.AWAY));
        progress.operators = i + 1;
      }
    }

    /** A random group other than the first {@code k} chosen. */
    private int distinctGroup(int[] chosen, int k) {
      while (true) {
        int g = random.nextInt(groupIds.length);
        boolean fresh = true;
        for (int j = 0; j < k; j++) {
          fresh &= chosen[j] != g;
        }
        if (fresh) {
          return g;
        }
      }
    }

    void sessions(int n, Progress progress) {
      for (int i = 0; i < n; i++) {
        SessionId id = SessionId.of(new UUID(random.nextLong(), random.nextLong()).toString());
        Entry entry = Entry.builder(Channel.WHATSAPP)
            .client(Long.toString(420_600_000_000L + i))
            .name("Client " + i)
            .group(groupIds[random.nextInt(groupIds.length)])
            .build();
        List<Event> events = core.apply(new Command.Arrive(id, entry));
        if (events.size() != 2 || !(events.get(0) instanceof Event.SessionQueued) || !(events.get(1) instanceof Event.QueueChanged)) {
          throw new IllegalStateException("a session should only wait, but: " + events);
        }
        progress.sessions = i + 1;
      }
    }

    /** Reads the core after the measurement, which also keeps it reachable until then. */
    void checkWaiting(int expected) {
      long actual = 0;
      for (GroupId g : groupIds) {
        actual += core.core.counts(g).waiting();
      }
      if (actual != expected) {
        throw new IllegalStateException(expected + " sessions should wait, but " + actual + " do");
      }
    }
  }

  /** The heap used after a few full collections. */
  static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
