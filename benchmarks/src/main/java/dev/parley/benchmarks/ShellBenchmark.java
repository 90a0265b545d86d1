package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime shell's throughput: producer threads submit commands to one tenant without waiting
 * for their futures, so the bounded queue's back-pressure makes the submit rate the writer's
 * processing rate. Each invocation submits an arrival (routed at once to one of 1,000 operators)
 * and the end of the session that arrived 1,000 invocations earlier on the same thread. Every
 * arrival has a session id of its own for the whole trial: the engine forgets an ended session at
 * once here, but a storage keeps it, and an id seen again would be another session's.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ShellBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar ShellBenchmark -t 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Xmn256m", "-XX:+AlwaysPreTouch"})
public class ShellBenchmark {
  private static final int OPERATORS = 1_000;
  private static final int IN_SERVICE = 1_000;
  /** How many ids of the sessions in service a producer keeps: a power of two above {@link #IN_SERVICE}. */
  private static final int RING = 1 << 10;

  /** One engine, one tenant, shared by the producer threads. */
  @State(Scope.Benchmark)
  public static class Engine {
    Parley parley;
    Tenant tenant;
    Entry entry;
    final AtomicInteger producers = new AtomicInteger();
    TrialStorage trial;

    /** The engine's live statistics: on (the default), or off; {@code -p statistics=on,off} shows their cost. */
    @Param({"on"})
    public String statistics;

    /**
     * Where the engine keeps its work: {@code inMemory} (the default {@code InMemoryStorage}, every
     * session and message stored before its command is acknowledged) or {@code none} ({@code
     * keepNothing()}: routing alone), or a durable storage of {@link TrialStorage}: {@code h2},
     * {@code sqlite}, {@code postgres} (an empty database made for the trial, fsync on); {@code -p
     * storage=none,inMemory,sqlite} shows what storing costs.
     */
    @Param({"inMemory"})
    public String storage;

    @Setup(Level.Trial)
    public void start() {
      Parley.Builder builder = Parley.builder().partitions(1);
      if (statistics.equals("off")) {
        builder.noStatistics();
      }
      if (storage.equals("none")) {
        builder.keepNothing();
      } else if (!storage.equals("inMemory")) {
        trial = TrialStorage.open(storage);
        builder.storage(trial.storage());
      }
      parley = builder.build();
      tenant = parley.tenant(TenantId.of("bench"));
      GroupId group = GroupId.of("g");
      tenant.configure(TenantSettings.builder().endedRetention(Duration.ZERO).build()).join();
      tenant.defineGroup(GroupSpec.builder(group).autoAccept(true).offerTimeout(Duration.ZERO)
          .wrapUpLimit(Duration.ZERO).build()).join();
      for (int i = 0; i < OPERATORS; i++) {
        OperatorId op = OperatorId.of("op" + i);
        tenant.defineOperator(OperatorSpec.builder(op).group(group).channel(Channel.WHATSAPP, 4).build()).join();
        tenant.setStatus(op, OperatorStatus.ONLINE).join();
      }
      entry = Entry.builder(Channel.WHATSAPP).client("c").group(group).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
      parley.close();
      if (trial != null) {
        trial.close();
      }
    }
  }

  /** A producer's own sessions: the ids of those it has in service, in a ring. */
  @State(Scope.Thread)
  public static class Producer {
    String prefix;
    SessionId[] inService;
    long next;

    @Setup(Level.Trial)
    public void prepare(Engine engine) {
      prefix = "p" + engine.producers.getAndIncrement() + "-";
      inService = new SessionId[RING];
      for (int i = 0; i < IN_SERVICE; i++) {
        arrive(engine);
      }
    }

    /** Submits a new session's arrival. */
    void arrive(Engine engine) {
      SessionId id = SessionId.of(prefix + next);
      inService[(int) next++ & (RING - 1)] = id;
      engine.tenant.submit(new Command.Arrive(id, engine.entry));
    }

    /** Submits the end of the session that arrived {@link #IN_SERVICE} arrivals ago. */
    void endOldest(Engine engine) {
      engine.tenant.submit(new Command.End(inService[(int) (next - IN_SERVICE) & (RING - 1)], Actor.CLIENT));
    }
  }

  /** Two commands: an arrival and an older session's end. */
  @Benchmark
  @OperationsPerInvocation(2)
  public void submit(Engine engine, Producer p) {
    p.endOldest(engine);
    p.arrive(engine);
  }
}
