package dev.parley.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.cluster.ClusterNode;
import dev.parley.cluster.ParleyNode;
import dev.parley.core.Parley;
import dev.parley.examples.BadOptionException;
import dev.parley.examples.CommandLine;
import dev.parley.storage.jdbc.JdbcStorage;
import dev.parley.transport.netty.ParleyServer;
import dev.parley.transport.netty.SignedTokens;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cluster-node}: one node of the {@link ClusterCommand cluster example}, started by it in a
 * process of its own: the demo tenant's engine as a {@link ParleyNode} on the cluster's PostgreSQL,
 * behind a server that forwards to the owner what this node does not serve. Runs until the
 * process is told to stop, then hands its partitions off.
 *
 * <p>Thread safety: stateless.
 */
public final class ClusterNodeCommand {
  static final Set<String> OPTIONS = Set.of("--node-id", "--jdbc-url", "--port", "--bind", "--admin-token",
      "--operator-password", "--secret", "--partitions", "--data-dir");

  private ClusterNodeCommand() {}

  /**
   * Runs the node until the JVM shuts down.
   *
   * @return the exit status: 0 after a clean stop, 2 for bad options, 1 if it cannot start
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line;
    try {
      line = CommandLine.read(args, OPTIONS, Set.of());
      for (String needed : List.of("--jdbc-url", "--admin-token", "--secret", "--data-dir")) {
        line.value(needed).orElseThrow(() -> new BadOptionException(needed + " is needed"));
      }
    } catch (BadOptionException e) {
      err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped;
    try {
      stopped = start(line, out);
    } catch (RuntimeException e) {
      err.println(line.value("--node-id").orElse("node") + " cannot start: " + e.getMessage());
      return 1; // the process ends: what it opened goes with it
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Starts the node and its server, and a hook that stops them; returns what the hook counts down. */
  private static CountDownLatch start(CommandLine line, PrintStream out) {
    String id = line.value("--node-id").orElse("node");
    String bind = line.value("--bind").orElse("127.0.0.1");
    int port = line.whole("--port", 8080);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(line.value("--jdbc-url").orElseThrow());
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(8);
    config.setPoolName("parley-" + id);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStorage storage = JdbcStorage.using(pool).build();
    ParleyNode node = ParleyNode.start(
        ClusterNode.builder(pool).nodeId(id).address("http://" + bind + ":" + port)
            .partitions(line.whole("--partitions", 16)),
        Parley.builder().storage(storage));
    ParleyServer server = ParleyServer.builder(node.parley())
        .bind(bind)
        .port(port)
        .authenticator(new DemoAuthenticator(DemoCenter.TENANT, line.value("--admin-token").orElseThrow(),
            line.value("--operator-password").orElse("parley"),
            operator -> DemoSeed.OPERATORS.stream().anyMatch(spec -> spec.id().equals(operator))))
        .tenant(DemoCenter.TENANT)
        .clientTokens(SignedTokens.withKey(ClientTokenKey.in(Path.of(line.value("--data-dir").orElseThrow()))))
        .forwarding(p -> node.cluster().directory().owner(p).map(owner -> URI.create(owner.address())),
            line.value("--secret").orElseThrow(), Duration.ofSeconds(5))
        .pages(DemoCenter.class.getClassLoader(), DemoCenter.PAGES)
        .build()
        .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      node.close(); // hands its partitions off to the other nodes
      storage.close();
      pool.close();
      stopped.countDown();
    }, "parley-node-stop"));
    out.println(id + " serves " + server.uri() + " (pid " + ProcessHandle.current().pid() + ")");
    return stopped;
  }
}
