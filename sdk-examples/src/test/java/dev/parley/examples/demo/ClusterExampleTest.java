package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.ClusterNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code cluster --nodes 2} in processes of their own: both nodes answer the admin API (one of
 * them forwarding to the other), the owner of the demo tenant is {@code kill -9}ed, and a command
 * sent to the node left is acknowledged once it has taken the partition over.
 */
class ClusterExampleTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern SERVES = Pattern.compile("(node-\\d) serves (\\S+) \\(pid (\\d+)\\)");

  @TempDir Path data;
  private Process cluster;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.destroy(); // its hook stops the nodes, then the database
      if (!cluster.waitFor(40, TimeUnit.SECONDS)) {
        cluster.descendants().forEach(ProcessHandle::destroyForcibly);
        cluster.destroyForcibly();
      }
    }
  }

  @Test
  @DisplayName("kill -9 of the node owning the demo tenant: the other node takes it over and acknowledges the next command")
  void killTheOwner() throws Exception {
    int port = twoFreePorts();
    cluster = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.parley.examples.Main", "cluster", "--nodes", "2",
        "--port", Integer.toString(port), "--data-dir", data.toString(), "--admin-token", "admin-token")
        .redirectError(data.resolve("cluster.log").toFile()).start();
    Map<String, String[]> nodes = new HashMap<>(); // node id -> url, pid
    String database = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
    while (nodes.size() < 2 || database == null) {
      String line = out.readLine();
      assertThat(line).as("the cluster's lines (its log: %s)", data.resolve("cluster.log")).isNotNull();
      Matcher m = SERVES.matcher(line);
      if (m.find()) {
        nodes.put(m.group(1), new String[] {m.group(2), m.group(3)});
      } else if (line.startsWith("database: ")) {
        database = line.substring("database: ".length(), line.indexOf(' ', "database: ".length()));
      }
    }
    for (String[] node : nodes.values()) {
      awaitStatus(put(node[0], 5), 200);
    }
    long settle = System.nanoTime() + WAIT.toNanos();
    String owner;
    while ((owner = owner(database)) == null) { // between a hand-off's release and the claim
      assertThat(System.nanoTime()).as("the demo tenant's partition owned").isLessThan(settle);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    String survivor = owner.equals("node-1") ? "node-2" : "node-1";

    long killed = System.nanoTime();
    ProcessHandle.of(Long.parseLong(nodes.get(owner)[1])).orElseThrow().destroyForcibly(); // SIGKILL
    awaitStatus(put(nodes.get(survivor)[0], 7), 200);
    Duration failover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf("ClusterExampleTest: kill -9 of %s; first command acknowledged through %s after %d ms%n",
        owner, survivor, failover.toMillis());

    assertThat(owner(database)).isEqualTo(survivor);
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(nodes.get(survivor)[0]
        + "/api/v1/tenants/demo/groups/sales")).header("Authorization", "Bearer admin-token").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(read.body()).contains("\"maxQueueLength\":7");
    assertThat(failover).isLessThan(Duration.ofSeconds(10));
  }

  private HttpRequest put(String base, int maxQueueLength) {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/demo/groups/sales"))
        .header("Authorization", "Bearer admin-token").header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"maxQueueLength\":" + maxQueueLength + "}")).build();
  }

  /** Sends {@code request} until it is answered {@code status}. */
  private void awaitStatus(HttpRequest request, int status) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
          return;
        }
      } catch (IOException e) {
        // not listening yet, or the node is gone: try again
      }
      assertThat(System.nanoTime()).as("%s answered %d within %s", request.uri(), status, WAIT).isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** The node that owns the demo tenant's partition, as parley_partition has it; null for none. */
  private static String owner(String database) throws Exception {
    PGSimpleDataSource none = new PGSimpleDataSource();
    int partition;
    try (ClusterNode placement = ClusterNode.builder(none).nodeId("x").address("x").partitions(16).build()) {
      partition = placement.partitionOf(DemoCenter.TENANT.value());
    }
    try (Connection c = DriverManager.getConnection(database, "postgres", "postgres");
        PreparedStatement s = c.prepareStatement("SELECT owner_node FROM parley_partition WHERE partition_id = ?")) {
      s.setInt(1, partition);
      try (ResultSet rows = s.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }

  /** A port whose next one is free too. */
  private static int twoFreePorts() throws IOException {
    while (true) {
      try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        try (ServerSocket second = new ServerSocket(first.getLocalPort() + 1, 1, InetAddress.getLoopbackAddress())) {
          return first.getLocalPort();
        } catch (IOException taken) {
          // try another pair
        }
      }
    }
  }
}
