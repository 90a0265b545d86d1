package dev.parley.benchmarks;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupSpec;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The time the engine takes to rebuild its routing state from storage at start-up: {@code
 * Parley.builder().storage(storage).build()} until it returns, which is when every stored tenant
 * has been restored (configuration, presence, blacklist, invitations, live sessions back in their
 * queues or with their operators).
 *
 * <p>The stored state is made once by the real engine (same-thread mode, a fixed clock, an
 * in-memory storage): one tenant with 20 groups (auto-accept, 10-minute wrap-up) and 200
 * operators, online, each in two groups with 3 web chats and 2 WhatsApp conversations; then
 * {@code --live} sessions arrive on those channels, the first thousand are accepted at once, a
 * quarter of those end into wrap-up, and the rest wait. That state (configuration records, then
 * the live sessions in batches of 1,000) is copied into each storage, which then holds nothing
 * else. Each repetition opens the storage afresh, as a restarted process would, and times one
 * build on the same clock (so no deadline has passed); the restored engine's live sessions are
 * counted afterwards, and the live sessions are read once more from the storage alone, timed, to
 * tell the storage's share from the engine's. The first repetition is the JVM's first restore
 * (the routing code is warm from making the state, the restore code and the driver are not); the
 * database's caches are warm from the copy.
 *
 * <p>It prints a Markdown table, and each repetition's times on the standard error as it goes. The
 * goal is a rebuild from 100,000 live sessions in at most 3 s on PostgreSQL (by the median); it
 * exits with status 1 when PostgreSQL's median is over 3 s.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.RestartHarness --live 100000 --repetitions 5
 * </pre>
 *
 * Further option: {@code --storages inMemory,h2,sqlite,postgres} (the default: all four).
 */
public final class RestartHarness {
  static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
  static final long GOAL_NANOS = 3_000_000_000L;
  private static final int GOAL_LIVE = 100_000;
  private static final TenantId TENANT = TenantId.of(SessionLife.TENANT);
  private static final List<Channel> CHANNELS = List.of(Channel.WEB_CHAT, Channel.WHATSAPP);

  private RestartHarness() {}

  public static void main(String[] args) {
    Report report;
    try {
      Flags flags = Flags.parse(args, List.of("--live", "--repetitions", "--storages"));
      report = run(flags.number("--live", 1, GOAL_LIVE), flags.number("--repetitions", 1, 5),
          List.of(flags.text("--storages", String.join(",", TrialStorage.KINDS)).split(",")));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: RestartHarness [--live N] [--repetitions N] [--storages inMemory,h2,sqlite,postgres]");
      System.exit(2);
      return;
    }
    System.out.print(report.markdown());
    if (!report.meetsGoal()) {
      System.exit(1);
    }
  }

  /**
   * One storage's rebuild times and, measured after each rebuild, the time of reading the live
   * sessions alone ({@code SessionStore.live}), in nanoseconds, in the order measured.
   */
  record Timing(String storage, long[] nanos, long[] readNanos) {
    long first() {
      return nanos[0];
    }

    long min() {
      return Arrays.stream(nanos).min().orElseThrow();
    }

    long median() {
      return median(nanos);
    }

    long readMedian() {
      return median(readNanos);
    }

    private static long median(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    long max() {
      return Arrays.stream(nanos).max().orElseThrow();
    }
  }

  /** What one run measured: the stored state's live sessions by state, and each storage's timings. */
  record Report(int live, Map<SessionState, Integer> states, List<Timing> timings) {
    /** Whether PostgreSQL, if measured, rebuilt within the goal by its median. */
    boolean meetsGoal() {
      return timings.stream().noneMatch(t -> t.storage().equals("postgres") && t.median() > GOAL_NANOS);
    }

    String markdown() {
      StringBuilder md = new StringBuilder("## Restart: rebuilding the routing state (RestartHarness)\n\n");
      md.append(String.format(Locale.ROOT, "One tenant, 20 groups, 200 operators, %,d live sessions (%s), made by the "
          + "engine and copied into each storage; `Parley.builder().storage(s).build()` until it returns, %d "
          + "repetitions, each on a freshly opened storage.%n%n", live, states, timings.get(0).nanos().length));
      md.append("| storage | live sessions | first ms | min ms | median ms | max ms "
          + "| `live()` alone, median ms |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (Timing t : timings) {
        md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n", t.storage(),
            live, t.first() / 1e6, t.min() / 1e6, t.median() / 1e6, t.max() / 1e6, t.readMedian() / 1e6));
      }
      timings.stream().filter(t -> t.storage().equals("postgres")).findFirst().ifPresent(t -> md.append(
          String.format(Locale.ROOT, "%nGoal: a rebuild from 100,000 live sessions in ≤ 3 s on PostgreSQL: %s.%n",
              t.median() > GOAL_NANOS ? String.format(Locale.ROOT, "**not met** (median %.2f s)", t.median() / 1e9)
                  : live >= GOAL_LIVE ? "met" : "within 3 s at this smaller scale")));
      return md.toString();
    }
  }

  /** Makes the state with {@code live} live sessions, then times {@code repetitions} rebuilds on each storage. */
  static Report run(int live, int repetitions, List<String> storages) {
    for (String s : storages) {
      if (!TrialStorage.KINDS.contains(s)) {
        throw new IllegalArgumentException("unknown storage '" + s + "'; the storages are " + TrialStorage.KINDS);
      }
    }
    InMemoryStorage made = new InMemoryStorage();
    Parley maker = drive(made, live);
    Map<SessionState, Integer> states = liveByState(maker);
    maker.close();
    List<Timing> timings = new ArrayList<>();
    for (String kind : storages) {
      try (TrialStorage trial = TrialStorage.open(kind)) {
        copy(made, trial.storage());
        long[] nanos = new long[repetitions];
        long[] readNanos = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
          Storage storage = trial.reopen();
          long start = System.nanoTime();
          Parley parley = Parley.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).storage(storage).build();
          nanos[i] = System.nanoTime() - start;
          Map<SessionState, Integer> restored = liveByState(parley);
          parley.close();
          if (!restored.equals(states)) {
            throw new IllegalStateException(kind + " restored " + restored + " instead of " + states);
          }
          start = System.nanoTime();
          storage.sessions().live(SessionLife.TENANT);
          readNanos[i] = System.nanoTime() - start;
          System.err.printf(Locale.ROOT, "%s, repetition %d: rebuilt in %,.0f ms, live() alone %,.0f ms%n", kind,
              i + 1, nanos[i] / 1e6, readNanos[i] / 1e6);
        }
        timings.add(new Timing(kind, nanos, readNanos));
      }
    }
    return new Report(live, states, timings);
  }

  /** Drives the real engine into the state the class comment tells, storing it in {@code storage}; returns it running. */
  private static Parley drive(Storage storage, int live) {
    Parley parley = Parley.builder().sameThread().clock(Clock.fixed(NOW, ZoneOffset.UTC)).storage(storage).build();
    Tenant tenant = parley.tenant(TENANT);
    for (int g = 0; g < SessionLife.GROUPS; g++) {
      tenant.defineGroup(GroupSpec.builder(group(g)).autoAccept(true).wrapUpLimit(Duration.ofMinutes(10)).build()).join();
    }
    for (int o = 0; o < SessionLife.OPERATORS; o++) {
      OperatorId id = OperatorId.of(SessionLife.operator(o));
      tenant.defineOperator(OperatorSpec.builder(id).group(group(o % SessionLife.GROUPS))
          .group(group((o + 7) % SessionLife.GROUPS)).channel(Channel.WEB_CHAT, 3).channel(Channel.WHATSAPP, 2).build())
          .join();
      tenant.setStatus(id, OperatorStatus.ONLINE).join();
    }
    SplittableRandom random = new SplittableRandom(42);
    List<Event.SessionAccepted> accepted = new ArrayList<>();
    for (int i = 0; i < live; i++) {
      Entry entry = Entry.builder(CHANNELS.get(random.nextInt(CHANNELS.size()))).client("visitor-" + i)
          .name("Client " + i).pageUrl("https://acme.example/shop/" + random.nextInt(500))
          .group(group(random.nextInt(SessionLife.GROUPS))).parameter("plan", SessionLife.PLANS.get(random.nextInt(5)))
          .build();
      for (Event e : tenant.arrive(SessionId.of("live-" + i), entry).join()) {
        if (e instanceof Event.SessionAccepted) {
          accepted.add((Event.SessionAccepted) e);
        }
      }
    }
    for (int i = 0; i < accepted.size(); i += 4) {
      Event.SessionAccepted a = accepted.get(i);
      tenant.end(a.session(), Actor.operator(a.operator())).join();
    }
    return parley;
  }

  /** Copies what a restart reads, for every tenant: configuration, blacklist, valid invitations, live sessions. */
  private static void copy(Storage from, Storage to) {
    for (String tenant : from.config().tenants()) {
      for (ConfigRecord r : from.config().list(tenant)) {
        to.config().put(r);
      }
      for (BlacklistEntry b : from.blacklist().list(tenant)) {
        to.blacklist().put(b);
      }
      for (InvitationRecord inv : from.invitations().valid(tenant, NOW)) {
        to.invitations().put(inv);
      }
      List<SessionRecord> batch = new ArrayList<>();
      for (SessionRecord r : from.sessions().live(tenant)) {
        batch.add(r.toBuilder().version(0).build());
        if (batch.size() == 1_000) {
          to.sessions().saveAll(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        to.sessions().saveAll(batch);
      }
    }
  }

  /** The engine's live sessions, counted by state. */
  private static Map<SessionState, Integer> liveByState(Parley parley) {
    Map<SessionState, Integer> states = new EnumMap<>(SessionState.class);
    for (SessionView v : parley.snapshot(TENANT).sessions()) {
      if (!v.state().terminal()) {
        states.merge(v.state(), 1, Integer::sum);
      }
    }
    return states;
  }

  private static GroupId group(int g) {
    return GroupId.of(SessionLife.group(g));
  }
}
