package dev.parley.benchmarks;

import dev.parley.core.OperatorId;
import dev.parley.transport.netty.Principal;
import dev.parley.transport.netty.SignedTokens;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The load harness of the Netty transport: the path client → engine → operator through {@code
 * ParleyServer}, against a plain Netty WebSocket echo server measured in the same run with the
 * same client load. Each server runs in a {@link WireServer} process of its own on a loopback
 * port; this process is the clients.
 *
 * <ol>
 *   <li><b>Latency</b>: {@code --connections} clients (1,000) send {@code --rate} frames a second
 *       (10,000) in total, open loop, for {@code --warmup} + {@code --seconds}, in {@code --rounds}
 *       (3) rounds alternating echo and Parley, the median p99 of each compared. Echo: each frame
 *       comes back to its sender. Parley: each client is in a web-chat session accepted by one
 *       of {@code connections / 10} operators, and each frame is a {@code message} the operator's
 *       console receives; it is stored and routed by the engine on the way. Each round also tells
 *       the bytes the server allocated and the CPU time it used per frame.
 *   <li><b>Maximum sustainable rate</b>: the same, in steps from {@code --rate} up by half each
 *       time (a 1 s warm-up and {@code --step-seconds} recorded) until a step is not sustained
 *       (the sender fell behind, a frame was lost or 3 s late, or p99 went over a second: a backlog
 *       grew) or {@code --max-rate} is reached; then {@code --refine} (3) more steps halve the gap
 *       between the last sustained rate and the first that was not, so that the figure is within
 *       about 6 % rather than 50 % (a ratio of two rates a half apart says little of a 0.7 goal). The
 *       highest sustained step is the figure.
 *   <li><b>Memory</b>: {@code --idle} (10,000) WebSocket connections opened and left idle; the
 *       server's heap after full GCs plus the direct memory of Netty's allocator, before and
 *       after, divided by the count.
 * </ol>
 *
 * <p>With {@code --echo-work} µs (default 0: none), the latency rounds also measure a third server:
 * the echo server spinning that long on the CPU before each frame goes back. Given about Parley's
 * CPU time per frame less echo's, it tells whether Parley's tail is what that much CPU time costs
 * on the machine or something of Parley's own (a diagnostic: no goal).
 *
 * Goals: Parley's p99 ≤ 1.5 × echo's; Parley's maximum rate ≥ 0.7 × echo's; ≤ 20 KB per idle
 * connection. It prints Markdown and exits with status 1 when a goal is missed. Bounded: every
 * run has a fixed count of frames, the servers stop when this process ends (and after 15 minutes
 * by themselves), and this process halts after {@code --limit} seconds (default 1,200).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.WireHarness --connections 1000 --rate 10000
 * </pre>
 */
public final class WireHarness {
  private static final int CAPACITY = 10;
  private static final double GOAL_P99_RATIO = 1.5;
  private static final double GOAL_RATE_RATIO = 0.7;
  private static final long GOAL_BYTES_PER_IDLE = 20 * 1024;

  private final int connections;
  private final WireRun latency;
  private final int maxRate;
  private final int stepSeconds;
  private final int refine;
  private final int idle;
  private final int rounds;
  private final int echoWork;
  private final String key;

  private WireHarness(Flags flags) {
    connections = flags.number("--connections", CAPACITY, 1_000);
    latency = new WireRun(flags.number("--rate", 100, 10_000), flags.number("--warmup", 0, 5),
        flags.number("--seconds", 1, 15));
    maxRate = flags.number("--max-rate", 100, 400_000);
    stepSeconds = flags.number("--step-seconds", 1, 5);
    refine = flags.number("--refine", 0, 3);
    idle = flags.number("--idle", 1, 10_000);
    rounds = flags.number("--rounds", 1, 3);
    echoWork = flags.number("--echo-work", 0, 0);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key = HexFormat.of().formatHex(secret);
  }

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, List.of("--connections", "--rate", "--warmup", "--seconds", "--max-rate",
        "--step-seconds", "--refine", "--idle", "--rounds", "--echo-work", "--limit"));
    int limit = flags.number("--limit", 10, 1_200);
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(limit * 1000L);
        System.err.println("WireHarness: stopped after its limit of " + limit + " s");
        Runtime.getRuntime().halt(2);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "limit");
    guard.setDaemon(true);
    guard.start();
    boolean met = new WireHarness(flags).measure();
    guard.interrupt();
    System.exit(met ? 0 : 1);
  }

  private boolean measure() throws Exception {
    List<WireRun.Result> echoRounds = new ArrayList<>();
    List<WireRun.Result> parleyRounds = new ArrayList<>();
    List<WireRun.Result> workRounds = new ArrayList<>();
    List<WireRun.Result> echoSteps;
    List<WireRun.Result> parleySteps;
    try (WireChild echo = WireChild.echo(0); WireChild parley = WireChild.parley(key, connections / CAPACITY, CAPACITY);
        WireChild working = echoWork > 0 ? WireChild.echo(echoWork) : null; WireClient client = new WireClient(2)) {
      List<WireClient.Conn> echoSenders = client.open(echo.uri("/ws/client"), connections, 200);
      List<WireClient.Conn> parleySenders = parleySessions(parley, client);
      List<WireClient.Conn> workSenders = working == null ? List.of() : client.open(working.uri("/ws/client"),
          connections, 200);
      for (int round = 0; round < rounds; round++) { // interleaved, so that a noisy moment hits all
        echoRounds.add(latency.run(client, echoSenders, echo));
        parleyRounds.add(latency.run(client, parleySenders, parley));
        if (working != null) {
          workRounds.add(latency.run(client, workSenders, working));
        }
      }
      echoSteps = steps(client, echoSenders, echo);
      parleySteps = steps(client, parleySenders, parley);
    }
    long echoIdle = idleBytes(WireChild.echo(0));
    long parleyIdle = idleBytes(WireChild.parley(key, 1, 1));
    return report(echoRounds, parleyRounds, workRounds, echoSteps, parleySteps, echoIdle, parleyIdle);
  }

  /** Operators logged in, then each client entered and accepted: the clients are the senders. */
  private List<WireClient.Conn> parleySessions(WireChild server, WireClient client) throws Exception {
    SignedTokens tokens = SignedTokens.withKey(HexFormat.of().parseHex(key));
    List<WireClient.Conn> consoles = client.open(server.uri("/ws/operator"), connections / CAPACITY, 200);
    for (int i = 0; i < consoles.size(); i++) {
      String token = tokens.issue(Principal.operator(WireServer.ACME, OperatorId.of("op-" + i)), Duration.ofHours(1));
      consoles.get(i).send("{\"type\":\"login\",\"token\":\"" + token + "\"}");
    }
    for (WireClient.Conn console : consoles) {
      console.await("\"welcome\"");
    }
    List<WireClient.Conn> clients = client.open(server.uri("/ws/client"), connections, 200);
    for (WireClient.Conn c : clients) {
      c.send("{\"type\":\"enter\",\"tenant\":\"acme\",\"group\":\"g\"}");
    }
    for (WireClient.Conn c : clients) {
      c.await("\"joined\"");
    }
    return clients;
  }

  private List<WireRun.Result> steps(WireClient client, List<WireClient.Conn> senders, WireChild server)
      throws InterruptedException, IOException {
    List<WireRun.Result> steps = new ArrayList<>();
    int sustained = 0;
    int failed = 0;
    for (int rate = latency.rate(); rate <= maxRate; rate = rate * 3 / 2) {
      if (step(client, senders, server, rate, steps)) {
        sustained = rate;
      } else {
        failed = rate;
        break;
      }
    }
    for (int i = 0; i < refine && sustained > 0 && failed > 0; i++) {
      int rate = (sustained + failed) / 2;
      if (step(client, senders, server, rate, steps)) {
        sustained = rate;
      } else {
        failed = rate;
      }
    }
    return steps;
  }

  /** Runs one step at {@code rate}, adds it to {@code steps}, and says whether it was sustained. */
  private boolean step(WireClient client, List<WireClient.Conn> senders, WireChild server, int rate,
      List<WireRun.Result> steps) throws InterruptedException, IOException {
    WireRun.Result step = new WireRun(rate, 1, stepSeconds).run(client, senders, server);
    steps.add(step);
    return step.sustained();
  }

  private long idleBytes(WireChild server) throws Exception {
    try (server; WireClient client = new WireClient(2)) {
      long before = server.memory();
      List<WireClient.Conn> open = client.open(server.uri("/ws/client"), idle, 500);
      long after = server.memory();
      if (open.size() != idle) {
        throw new IllegalStateException("opened " + open.size() + " of " + idle);
      }
      return Math.max(0, after - before) / idle;
    }
  }

  private boolean report(List<WireRun.Result> echoRounds, List<WireRun.Result> parleyRounds,
      List<WireRun.Result> workRounds, List<WireRun.Result> echoSteps, List<WireRun.Result> parleySteps, long echoIdle,
      long parleyIdle) {
    System.out.printf(Locale.ROOT, "## Netty transport: client → engine → operator against a Netty echo server%n%n");
    System.out.printf(Locale.ROOT, "%d connections, %d frames/s open loop, %d s recorded after %d s warm-up, %d rounds "
        + "alternating echo%s and Parley; latency in µs from the intended send; "
        + "the server's allocation (bytes) and CPU time (µs, all its threads) per frame sent, warm-up included.%n%n",
        connections, latency.rate(), latency.seconds(), latency.warmupSeconds(), rounds,
        workRounds.isEmpty() ? "" : ", " + workName());
    System.out.println("| round | server | received | p50 | p99 | p99.9 | max | server B/frame | server CPU µs/frame |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < rounds; i++) {
      row(i + 1, "echo", echoRounds.get(i));
      row(i + 1, "Parley", parleyRounds.get(i));
      if (!workRounds.isEmpty()) {
        row(i + 1, workName(), workRounds.get(i));
      }
    }
    System.out.printf(Locale.ROOT, "%n| step | echo: offered/s → received/s, p99 µs | Parley: offered/s → received/s, p99 µs |%n"
        + "|---:|---|---|%n");
    for (int i = 0; i < Math.max(echoSteps.size(), parleySteps.size()); i++) {
      System.out.printf(Locale.ROOT, "| %d | %s | %s |%n", i + 1, step(echoSteps, i), step(parleySteps, i));
    }
    long echoP99 = medianP99(echoRounds);
    long parleyP99 = medianP99(parleyRounds);
    int echoMax = sustained(echoSteps);
    int parleyMax = sustained(parleySteps);
    double p99Ratio = parleyP99 / (double) Math.max(1, echoP99);
    double rateRatio = parleyMax / (double) Math.max(1, echoMax);
    boolean p99Met = p99Ratio <= GOAL_P99_RATIO && parleyRounds.stream().allMatch(r -> r.received() == r.sent());
    boolean rateMet = rateRatio >= GOAL_RATE_RATIO;
    boolean idleMet = parleyIdle <= GOAL_BYTES_PER_IDLE;
    System.out.printf(Locale.ROOT, "%n| measure | echo | Parley | ratio | goal | met |%n|---|---:|---:|---:|---|---|%n");
    System.out.printf(Locale.ROOT, "| median p99 at %d/s (µs) | %d | %d | %.2f | ≤ %.1f | %s |%n", latency.rate(), echoP99,
        parleyP99, p99Ratio, GOAL_P99_RATIO, p99Met ? "yes" : "NO");
    System.out.printf(Locale.ROOT, "| max sustained rate (frames/s) | %d | %d | %.2f | ≥ %.1f | %s |%n", echoMax, parleyMax,
        rateRatio, GOAL_RATE_RATIO, rateMet ? "yes" : "NO");
    System.out.printf(Locale.ROOT, "| memory per idle connection at %d (bytes) | %d | %d | | ≤ %d | %s |%n", idle, echoIdle,
        parleyIdle, GOAL_BYTES_PER_IDLE, idleMet ? "yes" : "NO");
    if (!workRounds.isEmpty()) {
      long workP99 = medianP99(workRounds);
      System.out.printf(Locale.ROOT, "%n%s, median p99 %d µs: %.2f × echo's, Parley's %.2f × its (no goal).%n",
          workName(), workP99, workP99 / (double) Math.max(1, echoP99), parleyP99 / (double) Math.max(1, workP99));
    }
    return p99Met && rateMet && idleMet;
  }

  private String workName() {
    return "echo + " + echoWork + " µs CPU";
  }

  private static long medianP99(List<WireRun.Result> rounds) {
    long[] p99 = rounds.stream().mapToLong(WireRun.Result::p99).sorted().toArray();
    return p99[p99.length / 2];
  }

  private static void row(int round, String name, WireRun.Result r) {
    System.out.printf(Locale.ROOT, "| %d | %s | %d of %d | %d | %d | %d | %d | %d | %.1f |%n", round, name, r.received(),
        r.sent(), r.p50(), r.p99(), r.p999(), r.max(), r.bytesPerFrame(), r.cpuMicrosPerFrame());
  }

  private static String step(List<WireRun.Result> steps, int i) {
    if (i >= steps.size()) {
      return "";
    }
    WireRun.Result r = steps.get(i);
    return String.format(Locale.ROOT, "%d → %.0f, %d%s", r.offered(), r.achieved(), r.p99(),
        r.sustained() ? "" : " (not sustained)");
  }

  private static int sustained(List<WireRun.Result> steps) {
    int best = 0;
    for (WireRun.Result r : steps) {
      if (r.sustained()) {
        best = Math.max(best, r.offered());
      }
    }
    return best;
  }
}
