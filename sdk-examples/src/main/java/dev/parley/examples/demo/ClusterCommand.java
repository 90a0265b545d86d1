package dev.parley.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.Parley;
import dev.parley.examples.BadOptionException;
import dev.parley.examples.CommandLine;
import dev.parley.examples.Main;
import dev.parley.storage.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar parley-examples.jar cluster --nodes 3}: the demo tenant served by a cluster on
 * this machine. Starts a PostgreSQL of its own (its data in the data directory, kept across runs),
 * seeds the demo tenant on the first run, and starts each node in a process of its own ({@link
 * ClusterNodeCommand}) on consecutive ports, printing one line per node with its URL and process
 * id. {@code kill -9} any node: the others take its partitions over within a second or so, and a
 * request to any node that is left is forwarded to the owner. Ctrl-C stops the nodes (each hands
 * its partitions off) and the database.
 *
 * <p>Thread safety: stateless.
 */
public final class ClusterCommand {
  static final String USAGE = "usage: java -jar parley-examples.jar cluster [--nodes 3] [--port 8080]\n"
      + "    [--data-dir DIR] [--admin-token TOKEN] [--operator-password PASSWORD]\n"
      + "Starts a PostgreSQL on loopback and the demo contact center as N nodes in processes of their own,\n"
      + "on ports PORT, PORT+1, ...: any node answers the API and the pages, forwarding to the owner of the\n"
      + "demo tenant's partition (a console or widget's WebSocket must reach the owner: not relayed yet).\n"
      + "kill -9 a node and the others carry on. Stop it with Ctrl-C.";
  private static final Set<String> OPTIONS = Set.of("--nodes", "--port", "--data-dir", "--admin-token",
      "--operator-password");

  private ClusterCommand() {}

  /**
   * Runs the cluster until the JVM shuts down.
   *
   * @return the exit status: 0 after a clean stop, 2 for bad options, 1 if it cannot start
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      out.println(USAGE);
      return 0;
    }
    CommandLine line;
    DemoOptions demo;
    int nodes;
    try {
      line = CommandLine.read(args, OPTIONS, Set.of());
      nodes = line.whole("--nodes", 3);
      if (nodes < 1 || nodes > 9) {
        throw new BadOptionException("--nodes must be 1 to 9, not " + nodes);
      }
      List<String> demoArgs = new ArrayList<>();
      for (String name : List.of("--port", "--data-dir", "--admin-token", "--operator-password")) {
        line.value(name).ifPresent(v -> {
          demoArgs.add(name);
          demoArgs.add(v);
        });
      }
      demo = DemoOptions.parse(demoArgs.toArray(new String[0]));
    } catch (BadOptionException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Path dataDir = demo.dataDir().resolve("cluster");
    EmbeddedPostgres postgres;
    List<Process> processes = new ArrayList<>();
    try {
      Files.createDirectories(dataDir.resolve("postgres"));
      // Stopped by this command's own hook, after the nodes: they hand their partitions off through it.
      postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
          .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
      String url = postgres.getJdbcUrl("postgres", "postgres");
      seed(url);
      // The nodes' forwarding secret, the cluster's like the token key it is drawn from.
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(ClientTokenKey.in(dataDir));
      for (int i = 1; i <= nodes; i++) {
        processes.add(node(i, url, demo, dataDir, secret, out));
      }
    } catch (IOException | RuntimeException e) {
      processes.forEach(Process::destroyForcibly);
      err.println("the cluster cannot start: " + e.getMessage());
      return 1;
    }
    EmbeddedPostgres started = postgres;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("stopping the cluster…");
      processes.forEach(Process::destroy); // each node hands its partitions off
      for (Process p : processes) {
        try {
          p.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        started.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      stopped.countDown();
    }, "parley-cluster-stop"));
    out.println("admin token: " + demo.adminToken() + "   try: curl -H 'Authorization: Bearer " + demo.adminToken()
        + "' http://127.0.0.1:" + demo.port() + "/api/v1/tenants/demo/groups");
    out.println("database: " + started.getJdbcUrl("postgres", "postgres") + " (user and password postgres)");
    out.println("node logs in " + dataDir + "; press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Defines the demo tenant on the cluster's database on the first run, before any node serves it. */
  private static void seed(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config);
        JdbcStorage storage = JdbcStorage.using(pool).build();
        Parley parley = Parley.builder().storage(storage).build()) {
      DemoSeed.seedIfEmpty(parley.tenant(DemoCenter.TENANT), storage);
    }
  }

  /**
   * Starts node {@code i} in a JVM of its own, its log in the data directory; its line "node-i
   * serves URL (pid N)" is printed once it serves.
   */
  private static Process node(int i, String url, DemoOptions demo, Path dataDir, String secret, PrintStream out)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "cluster-node", "--node-id", "node-" + i, "--jdbc-url", url, "--port", Integer.toString(demo.port() + i - 1),
        "--admin-token", demo.adminToken(), "--operator-password", demo.operatorPassword(), "--secret", secret,
        "--data-dir", dataDir.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    Path log = dataDir.resolve("node-" + i + ".log");
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread copy = new Thread(() -> {
      try (lines; var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        for (String l; (l = lines.readLine()) != null; ) {
          if (l.startsWith("node-" + i + " serves ")) {
            out.println(l);
          }
          file.write(l);
          file.newLine();
          file.flush();
        }
      } catch (IOException e) {
        // the node went away; its log ends here
      }
    }, "parley-cluster-log-" + i);
    copy.setDaemon(true);
    copy.start();
    return process;
  }
}
