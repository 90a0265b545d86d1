package dev.parley.benchmarks;

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
import dev.parley.core.event.Event;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How exactly a grace is kept on the threaded engine with the system clock: for each of {@code
 * --clients} waiting web-chat clients whose connection closes, one after another {@code --spacing}
 * milliseconds apart, the time from the fact being applied to the abandonment, less the grace
 * ({@code --grace-ms}). A negative lateness would be a client let go early.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.GraceHarness --clients 200 --grace-ms 2000
 * }</pre>
 */
public final class GraceHarness {
  private static final TenantId TENANT = TenantId.of("grace");
  private static final GroupId GROUP = GroupId.of("sales");

  private GraceHarness() {}

  public static void main(String[] args) throws InterruptedException {
    Flags flags;
    try {
      flags = Flags.parse(args, List.of("--clients", "--grace-ms", "--spacing"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: GraceHarness [--clients 200] [--grace-ms 2000] [--spacing 7]");
      System.exit(2);
      return;
    }
    long[] lateness = run(flags.number("--clients", 1, 200), flags.number("--grace-ms", 1, 2_000),
        flags.number("--spacing", 0, 7));
    System.out.print(markdown(lateness));
  }

  /** The lateness of each client's abandonment past its grace, in microseconds, sorted. */
  static long[] run(int clients, int graceMillis, int spacingMillis) throws InterruptedException {
    Map<SessionId, Long> left = new ConcurrentHashMap<>();
    CountDownLatch abandoned = new CountDownLatch(clients);
    try (Parley parley = Parley.builder().keepNothing().noStatistics().listener(e -> {
      if (e instanceof Event.SessionAbandoned a) {
        left.put(a.session(), System.nanoTime());
        abandoned.countDown();
      }
    }).build()) {
      Tenant t = parley.tenant(TENANT);
      t.defineGroup(GroupSpec.builder(GROUP).build()).join();
      t.configure(TenantSettings.builder().clientGrace(Duration.ofMillis(graceMillis)).build()).join();
      OperatorId busy = OperatorId.of("busy");
      t.defineOperator(OperatorSpec.builder(busy).group(GROUP).channel(Channel.WEB_CHAT, 1).build()).join();
      t.setStatus(busy, OperatorStatus.ONLINE).join();
      t.arrive(SessionId.of("served"), Entry.builder(Channel.WEB_CHAT).group(GROUP).build()).join();
      long[] gone = new long[clients];
      for (int i = 0; i < clients; i++) {
        SessionId s = SessionId.of("c" + i);
        t.arrive(s, Entry.builder(Channel.WEB_CHAT).group(GROUP).build()).join();
        t.submit(new Command.ClientConnection(s, "tab", false)).join();
        gone[i] = System.nanoTime(); // the fact is applied (and stored) by now: the grace runs from before
        Thread.sleep(spacingMillis);
      }
      if (!abandoned.await(graceMillis + 60_000L, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(abandoned.getCount() + " clients were never let go");
      }
      long[] lateness = new long[clients];
      for (int i = 0; i < clients; i++) {
        lateness[i] = (left.get(SessionId.of("c" + i)) - gone[i]) / 1_000 - graceMillis * 1_000L;
      }
      Arrays.sort(lateness);
      return lateness;
    }
  }

  static String markdown(long[] sortedMicros) {
    int n = sortedMicros.length;
    return "| clients | min | p50 | p99 | max (µs past the grace, from the acknowledged fact) |\n|---:|---:|---:|---:|---:|\n"
        + "| " + n + " | " + sortedMicros[0] + " | " + sortedMicros[n / 2] + " | " + sortedMicros[Math.min(n - 1, n * 99 / 100)]
        + " | " + sortedMicros[n - 1] + " |\n";
  }
}
