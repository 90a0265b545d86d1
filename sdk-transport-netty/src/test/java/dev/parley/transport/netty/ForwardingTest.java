package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.NotOwnerException;
import dev.parley.core.Parley;
import dev.parley.core.PartitionPlacement;
import dev.parley.core.TenantId;
import dev.parley.storage.InMemoryStorage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of a cluster, each an engine behind a real server, on one storage: a request sent to
 * the node that does not serve its tenant's partition is answered by the owner, through the node;
 * while nobody serves the partition it is answered {@code 503} with {@code Retry-After}.
 */
class ForwardingTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final String SECRET = "the cluster's own secret";
  private static final String API = "/api/v1/tenants/acme";
  private static final Duration DEADLINE = Duration.ofMillis(1_500);
  private static final PartitionPlacement ONE = new PartitionPlacement() {
    @Override
    public int partitions() {
      return 1;
    }

    @Override
    public int partitionOf(TenantId tenant) {
      return 0;
    }
  };

  private final InMemoryStorage storage = new InMemoryStorage();
  private final SignedTokens tokens = SignedTokens.withRandomKey(); // the cluster's: every node checks them alike
  private final String admin = tokens.issue(Principal.admin(ACME, "root"), Duration.ofHours(1));
  private final AtomicReference<URI> owner = new AtomicReference<>();
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    http.connectionPool().evictAll();
  }

  private record Node(Parley parley, ParleyServer server) {}

  private Node node() {
    Parley parley = Parley.builder().storage(storage).clustered(ONE).build();
    open.add(parley);
    ParleyServer server = ParleyServer.builder(parley).port(0).authenticator(tokens).tenant(ACME)
        .forwarding(p -> Optional.ofNullable(owner.get()), SECRET, DEADLINE).build().start();
    open.add(server);
    return new Node(parley, server);
  }

  private Response send(Node to, String method, String path, String json, String... headers) throws IOException {
    Request.Builder r = new Request.Builder().url(to.server().uri() + path).header("Authorization", "Bearer " + admin)
        .method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return http.newCall(r.build()).execute();
  }

  @Test
  @DisplayName("a command sent to a node that does not own the tenant is applied by the owner and answered as the owner answers")
  void forwardedToTheOwner() throws Exception {
    Node a = node();
    Node b = node();
    a.parley().serve(storage.fences().advance(0)).join();
    a.parley().tenant(ACME).defineGroup(GroupSpec.builder(GroupId.of("sales")).build()).join();
    owner.set(a.server().uri());

    try (Response written = send(b, "PUT", API + "/groups/support", "{\"maxQueueLength\":7}")) {
      assertThat(written.code()).as(written.peekBody(10_000).string()).isBetween(200, 201);
      assertThat(written.header("ETag")).isNotBlank();
    }
    assertThat(a.parley().snapshot(ACME).groups()).containsKey(GroupId.of("support"));
    try (Response read = send(b, "GET", API + "/groups/sales", null)) {
      assertThat(read.code()).isEqualTo(200);
      assertThat(read.body().string()).contains("sales");
    }
    assertThatThrownBy(() -> b.parley().snapshot(ACME)).as("b serves nothing").isInstanceOf(NotOwnerException.class);
  }

  @Test
  @DisplayName("while nobody serves the partition, a request is tried until the deadline, then answered 503 with Retry-After")
  void unavailableWhileMoving() throws Exception {
    Node a = node();
    Node b = node();
    owner.set(a.server().uri()); // the directory is behind: a serves nothing either

    long start = System.nanoTime();
    try (Response refused = send(b, "GET", API + "/groups", null)) {
      assertThat(refused.code()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.body().string()).contains("NotOwner");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE);

    b.parley().serve(storage.fences().advance(0)).join(); // b takes the partition: it answers itself
    try (Response served = send(b, "GET", API + "/groups", null)) {
      assertThat(served.code()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a request that says it was forwarded is not forwarded again, and a wrong secret does not pass for the cluster's")
  void forwardedOnce() throws Exception {
    Node a = node();
    Node b = node();
    b.parley().serve(storage.fences().advance(0)).join();
    owner.set(b.server().uri());

    try (Response once = send(a, "GET", API + "/groups", null, "X-Parley-Forwarded", SECRET)) {
      assertThat(once.code()).isEqualTo(503);
      assertThat(once.body().string()).contains("NotOwner");
    }
    try (Response forged = send(a, "GET", API + "/groups", null, "X-Parley-Forwarded", "not the cluster's secret")) {
      assertThat(forged.code()).as("forwarded to b, which serves it").isEqualTo(200);
    }
    assertThatThrownBy(() -> ParleyServer.builder(a.parley()).forwarding(p -> Optional.empty(), "short", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
  }
}
