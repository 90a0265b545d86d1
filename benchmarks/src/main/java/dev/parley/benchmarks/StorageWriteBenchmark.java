package dev.parley.benchmarks;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.Storage;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Session writes per second, the way the engine's persister writes them: one {@code saveAll} of a
 * partition's batch of session records, then one {@code appendAll} of the batch's messages, the two
 * {@linkplain Storage#together stored together} (one transaction on a database). One
 * operation is one session write (a record in the batch, with its message if it has one), so the
 * score is sessions written per second.
 *
 * <p>The writes follow sessions through their life ({@link SessionLife}), in turn: a new session
 * arrives (a record at version 0 with its first transition, and the client's message), an older
 * waiting one is accepted (an update with a second transition, and the operator's reply), and an
 * older served one ends (an update with a third transition, a result and sometimes a rating). So
 * a third of the writes are inserts and two thirds updates, and the history grows by the ended
 * sessions as the run goes. {@code single} writes one record per {@code saveAll}, as a partition
 * does under light load; {@code batch64} writes 64, as it does under heavy load.
 *
 * <p>Each trial starts on an empty storage made in {@code @Setup(Level.Trial)} (PostgreSQL's start
 * is outside the measurement), see {@link TrialStorage}; every write is committed when the call
 * returns. One thread writes, as one partition does.
 *
 * <p>{@code writer=bareJdbc} writes the same sessions' rows with a bare JDBC loop instead ({@link
 * BareJdbcWrites}), the database's own limit, to compare with {@code writer=parley} in the same run;
 * it needs a database, so not {@code storage=inMemory}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StorageWriteBenchmark -p storage=postgres
 * java -jar benchmarks/target/benchmarks.jar StorageWriteBenchmark.batch64 -p storage=sqlite,postgres -p writer=parley,bareJdbc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class StorageWriteBenchmark extends EngineBenchmark {
  @Param({"inMemory", "h2", "sqlite", "postgres"})
  public String storage;

  /** Who writes: {@code parley} (the storage) or {@code bareJdbc} (the baseline). */
  @Param({"parley"})
  public String writer;

  private TrialStorage trial;
  private BareJdbcWrites bare;
  private Lives lives;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    trial = TrialStorage.open(storage);
    switch (writer) {
      case "parley":
        Storage s = trial.storage();
        lives = new Lives((sessions, messages) -> {
          List<List<SessionRecord>> saved = new ArrayList<>(1);
          s.together(t -> {
            saved.add(t.sessions().saveAll(sessions));
            t.transcripts().appendAll(messages);
          });
          return saved.get(0);
        });
        break;
      case "bareJdbc":
        bare = new BareJdbcWrites(trial.bareConnection());
        lives = new Lives((sessions, messages) -> {
          bare.write(sessions, messages);
          return sessions.stream().map(r -> r.withVersion(r.version() + 1)).toList();
        });
        break;
      default:
        throw new IllegalArgumentException("unknown writer '" + writer + "'; the writers are parley and bareJdbc");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    if (bare != null) {
      bare.close();
    }
    trial.close();
  }

  /** One session write per {@code saveAll}. */
  @Benchmark
  public List<SessionRecord> single() throws SQLException {
    return lives.write(1);
  }

  /** 64 session writes per {@code saveAll}. */
  @Benchmark
  @OperationsPerInvocation(64)
  public List<SessionRecord> batch64() throws SQLException {
    return lives.write(64);
  }

  /** Writes a batch of session records and their messages; returns the records as stored. */
  @FunctionalInterface
  interface Writer {
    List<SessionRecord> write(List<SessionRecord> sessions, List<MessageRecord> messages) throws SQLException;
  }

  /** The sessions in flight: new ones arrive, waiting ones are accepted, served ones end. */
  static final class Lives {
    private final Writer writer;
    private final SplittableRandom random = new SplittableRandom(42);
    private final ArrayDeque<SessionRecord> waiting = new ArrayDeque<>();
    private final ArrayDeque<SessionRecord> served = new ArrayDeque<>();
    private Instant now = Instant.parse("2026-11-02T08:00:00Z");
    private long steps;
    private long arrivals;

    Lives(Writer writer) {
      this.writer = writer;
    }

    /** Writes the next {@code n} steps and their messages in one batch. */
    List<SessionRecord> write(int n) throws SQLException {
      List<SessionRecord> batch = new ArrayList<>(n);
      List<MessageRecord> messages = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        now = now.plus(Duration.ofMillis(1));
        long step = steps++ % 3;
        SessionRecord r;
        if (step == 1 && !waiting.isEmpty()) {
          r = SessionLife.accepted(waiting.poll(), now, random);
          messages.add(SessionLife.fromOperator(r, r.id() + "-2", now, random));
        } else if (step == 2 && !served.isEmpty()) {
          r = SessionLife.ended(served.poll(), now, random);
        } else {
          r = SessionLife.arrived("w" + arrivals++, now, random);
          messages.add(SessionLife.fromClient(r.id(), r.id() + "-1", now, random));
        }
        batch.add(r);
      }
      List<SessionRecord> saved = writer.write(batch, messages);
      for (SessionRecord r : saved) {
        if (r.status() == SessionStatus.QUEUED) {
          waiting.add(r);
        } else if (r.status() == SessionStatus.ACTIVE) {
          served.add(r);
        }
      }
      return saved;
    }
  }
}
