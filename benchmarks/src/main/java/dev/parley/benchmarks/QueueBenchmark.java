package dev.parley.benchmarks;

import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The waiting queue of the real routing core. Ten operators hold one web chat each at capacity 1,
 * so nobody can take more and every arrival waits; {@code waiting} sessions wait in the group,
 * in four priorities drawn at random (the queue orders them by priority, then by arrival).
 *
 * <ul>
 *   <li>{@code arrive}: one op is one arrival joining the queue. An invocation is a batch of 256
 *       arrivals, each placed by priority then arrival, so the queue grows from {@code waiting} to
 *       {@code waiting + 256}; they are abandoned after the invocation, untimed, so every batch
 *       finds the same queue length.
 *   <li>{@code abandonAndArrive}: one op is the abandon of the session in the middle of the queue
 *       by age (the one that arrived {@code waiting / 2} arrivals ago) plus one arrival, so the
 *       queue length stays at {@code waiting}: the older half never moves, the younger half turns
 *       over.
 * </ul>
 *
 * Commands and ids are made ahead of time, so each op measures the core.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar QueueBenchmark -f 1 -wi 3 -i 5 -prof gc
 * java -jar benchmarks/target/benchmarks.jar QueueBenchmark.abandonAndArrive -p waiting=100000
 * </pre>
 */
public class QueueBenchmark extends EngineBenchmark {
  static final int BATCH = 256;
  private static final int OPERATORS = 10;
  private static final GroupId GROUP = GroupId.of("queue");
  /** An entry per priority, 0 to 3. */
  private static final Entry[] ENTRIES = new Entry[4];

  static {
    for (int p = 0; p < ENTRIES.length; p++) {
      ENTRIES[p] = Entry.builder(Channel.WEB_CHAT).group(GROUP).priority(p).build();
    }
  }

  /**
   * The core with its full operators and {@code waiting} sessions: an older half that stays, and
   * the first half of a ring of prepared sessions that {@code abandonAndArrive} turns over.
   */
  @State(Scope.Thread)
  public static class Queue {
    @Param({"1000", "100000"})
    public int waiting;

    CoreDriver core;
    Command[] arrivals;
    Command[] abandons;
    int mask;
    int half;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      core = new CoreDriver();
      core.apply(new Command.DefineGroup(CoreDriver.autoAcceptGroup(GROUP, RoutingStrategy.BY_UTILIZATION)));
      Entry any = Entry.builder(Channel.WEB_CHAT).group(GROUP).build();
      for (int i = 0; i < OPERATORS; i++) {
        core.defineOnline(OperatorSpec.builder(OperatorId.of("op" + i)).group(GROUP).channel(Channel.WEB_CHAT, 1).build());
        core.apply(new Command.Arrive(SessionId.of("busy" + i), any));
      }
      SplittableRandom random = new SplittableRandom(42);
      half = waiting / 2;
      for (int i = 0; i < waiting - half; i++) {
        mustWait(core.apply(arrival("old" + i, random)));
      }
      int ring = Integer.highestOneBit(waiting - 1) << 1;
      mask = ring - 1;
      arrivals = new Command[ring];
      abandons = new Command[ring];
      for (int i = 0; i < ring; i++) {
        arrivals[i] = arrival("s" + i, random);
        abandons[i] = abandonOf(arrivals[i]);
      }
      for (next = 0; next < half; next++) {
        mustWait(core.apply(arrivals[next]));
      }
      checkWaiting();
    }

    /** The queue holds exactly {@code waiting} sessions, before and after the trial. */
    @TearDown(Level.Trial)
    public void checkWaiting() {
      int actual = core.core.counts(GROUP).waiting();
      if (actual != waiting) {
        throw new IllegalStateException(waiting + " sessions should wait, but " + actual + " do");
      }
    }
  }

  /**
   * The queue, plus the arrivals for {@code arrive}: prepared in a pool that batches take turns
   * through, so that the priorities of a batch vary from one to the next.
   */
  @State(Scope.Thread)
  public static class Batch extends Queue {
    private static final int POOL = 1 << 12;

    Command[] batchArrivals;
    Command[] batchAbandons;
    int start;

    @Setup(Level.Trial)
    public void prepare() {
      SplittableRandom random = new SplittableRandom(7);
      batchArrivals = new Command[POOL];
      batchAbandons = new Command[POOL];
      for (int i = 0; i < POOL; i++) {
        batchArrivals[i] = arrival("b" + i, random);
        batchAbandons[i] = abandonOf(batchArrivals[i]);
      }
    }

    /** Abandons the batch's arrivals, untimed, so that the next batch finds {@code waiting} sessions. */
    @TearDown(Level.Invocation)
    public void abandonBatch() {
      for (int i = start; i < start + BATCH; i++) {
        core.apply(batchAbandons[i]);
      }
      start = (start + BATCH) & (POOL - 1);
    }
  }

  private static Command arrival(String id, SplittableRandom random) {
    return new Command.Arrive(SessionId.of(id), ENTRIES[random.nextInt(ENTRIES.length)]);
  }

  private static Command abandonOf(Command arrival) {
    return new Command.Abandon(((Command.Arrive) arrival).session());
  }

  private static void mustWait(List<Event> events) {
    // Queued, and the queue's change told once.
    if (events.size() != 2 || !(events.get(0) instanceof Event.SessionQueued) || !(events.get(1) instanceof Event.QueueChanged)) {
      throw new IllegalStateException("an arrival should only wait, but: " + events);
    }
  }

  /** A batch of arrivals joining the queue, one op each. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int arrive(Batch batch) {
    int events = 0;
    for (int i = batch.start; i < batch.start + BATCH; i++) {
      events += batch.core.apply(batch.batchArrivals[i]).size();
    }
    return events;
  }

  /** The middle session by age abandons, and a new one arrives. */
  @Benchmark
  public int abandonAndArrive(Queue queue) {
    int i = queue.next++;
    int events = queue.core.apply(queue.abandons[(i - queue.half) & queue.mask]).size();
    return events + queue.core.apply(queue.arrivals[i & queue.mask]).size();
  }
}
