package dev.parley.benchmarks;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The time to read one page (50 sessions, newest first) of the history an administrator searches,
 * with {@code sessions} closed sessions stored. The parameter {@code query} names the query:
 *
 * <ul>
 *   <li>{@code newest}: no filter;
 *   <li>{@code operatorWeek}: one operator's sessions in one week;
 *   <li>{@code tag}: the sessions with a tag that 2 % of them have;
 *   <li>{@code parameter}: the sessions whose {@code plan} parameter is {@code gold} (a fifth);
 *   <li>{@code word}: a full-text search for a word said in about 1 % of the sessions;
 *   <li>{@code deepPage}: the unfiltered page after the first 10,000 sessions, through its cursor.
 * </ul>
 *
 * <p>The history is seeded in {@code @Setup(Level.Trial)}, deterministically, through {@code
 * saveAll} and {@code appendAll} in batches of 1,000, each batch {@linkplain Storage#together
 * stored together} (one transaction): sessions spread over 30 days (7:00 to 20:00 each day) of 200
 * operators in 20 groups on 5 channels; 90 % served and ended (three transitions, a result, a
 * quarter rated, a quarter tagged), 10 % abandoned while waiting; each with a {@code plan}
 * parameter and a fifth with an {@code orderId}; one in 20 with a transcript of three messages.
 * Loading a million sessions into a database takes long (the time is printed), and JMH runs the
 * set-up once per query: so the databases are kept, filled, in {@code <storage>-<sessions>} in
 * the directory that the system property {@code parley.history.dir} or else the environment
 * variable {@code PARLEY_HISTORY_DIR} names (by default {@code parley-history} in {@code
 * java.io.tmpdir}), and reused by the next trials and runs; delete it to load afresh. The in-memory storage is
 * loaded in every trial.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HistoryQueryBenchmark -p storage=postgres -p sessions=1000000 -p query=word
 * </pre>
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class HistoryQueryBenchmark extends EngineBenchmark {
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final int DAYS = 30;
  static final int PAGE = 50;
  static final int DEEP = 10_000;
  static final String WORD = "refund";

  @Param({"inMemory", "h2", "sqlite", "postgres"})
  public String storage;

  @Param({"1000000"})
  public int sessions;

  @Param({"newest", "operatorWeek", "tag", "parameter", "word", "deepPage"})
  public String query;

  private TrialStorage trial;
  private SessionQuery selected;

  @Setup(Level.Trial)
  public void load() {
    Path kept = Path.of(System.getProperty("parley.history.dir", System.getenv().getOrDefault("PARLEY_HISTORY_DIR",
        System.getProperty("java.io.tmpdir") + "/parley-history")));
    trial = TrialStorage.openKept(storage, kept.resolve(storage + "-" + sessions), s -> {
      long start = System.nanoTime();
      seed(s, sessions);
      System.out.printf(Locale.ROOT, "%nLoaded %,d sessions into %s in %.1f s%n", sessions, storage,
          (System.nanoTime() - start) / 1e9);
    });
    selected = named(query);
    if (page().items().isEmpty()) {
      throw new IllegalStateException(
          "the seeded history has nothing for " + selected + ": the benchmark would measure nothing");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    trial.close();
  }

  /** One page of the {@code query}. */
  @Benchmark
  public Page<SessionRecord> page() {
    return trial.storage().sessions().query(selected);
  }

  private SessionQuery named(String name) {
    switch (name) {
      case "newest":
        return first().build();
      case "operatorWeek":
        return first().operator(SessionLife.operator(17)).arrivedFrom(START.plus(Duration.ofDays(10)))
            .arrivedBefore(START.plus(Duration.ofDays(17))).build();
      case "tag":
        return first().tag(SessionLife.RARE_TAG).build();
      case "parameter":
        return first().parameter("plan", "gold").build();
      case "word":
        return first().text(WORD).build();
      case "deepPage":
        return first().cursor(cursorAfter(Math.min(DEEP, sessions / 2))).build();
      default:
        throw new IllegalArgumentException("unknown query '" + name + "'");
    }
  }

  private static SessionQuery.Builder first() {
    return SessionQuery.builder(SessionLife.TENANT).limit(PAGE);
  }

  /** The cursor after the newest {@code skipped} sessions, read in pages of the largest size. */
  private String cursorAfter(int skipped) {
    String cursor = null;
    for (int read = 0; read < skipped; ) {
      int n = Math.min(SessionQuery.MAX_LIMIT, skipped - read);
      Page<SessionRecord> p = trial.storage().sessions().query(first().limit(n).cursor(cursor).build());
      read += p.items().size();
      cursor = p.next();
    }
    return cursor;
  }

  /** Stores {@code count} closed sessions and their transcripts, as the class comment tells. */
  static void seed(Storage storage, int count) {
    SplittableRandom random = new SplittableRandom(42);
    long workday = Duration.ofHours(13).toNanos();
    List<SessionRecord> batch = new ArrayList<>();
    List<MessageRecord> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long dayAndPart = (long) i * DAYS; // the day is dayAndPart / count; the rest, how far into it
      Instant at = START.plus(Duration.ofDays(dayAndPart / count)).plus(Duration.ofHours(7))
          .plusNanos((long) ((double) (dayAndPart % count) / count * workday));
      String id = String.format(Locale.ROOT, "h%07d", i);
      SessionRecord r = SessionLife.arrived(id, at, random);
      Instant next = at.plusSeconds(5 + random.nextInt(120));
      if (random.nextInt(10) == 0) {
        batch.add(SessionLife.abandoned(r, next));
      } else {
        r = SessionLife.accepted(r, next, random);
        Instant end = next.plusSeconds(60 + random.nextInt(1_200));
        if (random.nextInt(20) == 0) {
          String[] extra = random.nextInt(5) == 0 ? new String[] {WORD} : new String[0];
          messages.add(SessionLife.fromClient(id, id + "-1", at, random, extra));
          messages.add(SessionLife.fromOperator(r, id + "-2", next.plusSeconds(10), random));
          messages.add(SessionLife.fromClient(id, id + "-3", next.plusSeconds(40), random));
        }
        batch.add(SessionLife.ended(r, end, random));
      }
      if (batch.size() == 1_000 || i == count - 1) {
        storage.together(s -> {
          s.sessions().saveAll(batch);
          s.transcripts().appendAll(messages);
        });
        batch.clear();
        messages.clear();
      }
    }
  }
}
