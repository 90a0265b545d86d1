package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo as a user runs it, in a JVM of its own, {@code kill -9}ed in the middle of traffic and
 * started again on its data: every widget resumes its chat, every console logs back in to what it
 * had, and no message the server acknowledged is missing from the transcripts.
 */
@DisplayName("The demo killed in the middle of traffic")
class DemoKilledTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final int CLIENTS = 12;
  private static final List<String> OPERATORS = List.of("alice", "bob", "carol", "dan");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();
  /** The texts the server answered {@code ok} to: stored before acknowledged, so never lost. */
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  /** What the server refused: nothing, it is all allowed. */
  private final List<JsonNode> refused = new CopyOnWriteArrayList<>();
  @TempDir Path data;
  private int port;

  @AfterEach
  void stop() {
    sockets.forEach(WebSocket::abort);
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  @DisplayName("every client resumes, every console logs in again, and no acknowledged message is lost")
  void nobodyStrandedNothingLost() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process first = start();
    Map<String, Peer> consoles = new HashMap<>();
    for (String operator : OPERATORS) {
      consoles.put(operator, console(operator));
    }
    List<Peer> clients = new ArrayList<>();
    Map<String, String> tokens = new HashMap<>();
    for (int c = 0; c < CLIENTS; c++) {
      Peer client = widget();
      client.send("{\"type\":\"enter\",\"tenant\":\"demo\",\"group\":\"sales\",\"name\":\"client " + c + "\"}");
      JsonNode entered = client.next("entered");
      client.session = entered.get("session").asString();
      tokens.put(client.session, entered.get("token").asString());
      clients.add(client);
    }
    Random random = new Random(17);
    talk(clients, 8, random); // ~2 s of traffic, then the kill lands in the middle of more
    Thread sender = new Thread(() -> talkUntilInterrupted(clients, random), "clients-talking");
    sender.start();
    Thread.sleep(700);
    first.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook, no flush
    sender.interrupt();
    sender.join();
    int acknowledgedBeforeTheKill = acknowledged.size();
    assertThat(acknowledgedBeforeTheKill).as("messages acknowledged before the kill").isGreaterThan(CLIENTS * 8);

    start();
    Set<String> served = new HashSet<>();
    for (String operator : OPERATORS) {
      Peer again = connect("/ws/operator", frame -> { });
      again.send("{\"type\":\"login\",\"token\":\"" + operator + ":pw\",\"ref\":\"l\"}");
      JsonNode welcome = again.next("welcome");
      welcome.get("sessions").forEach(s -> served.add(s.get("session").asString()));
      consoles.put(operator, again);
    }
    List<Peer> resumed = new ArrayList<>();
    for (Peer before : clients) {
      Peer client = widget();
      client.session = before.session;
      client.said = before.said; // a message id is idempotent within its session: a reused one is a resend
      client.send("{\"type\":\"resume\",\"session\":\"" + client.session + "\",\"token\":\"" + tokens.get(client.session)
          + "\"}");
      String state = client.next("resumed").get("state").asString();
      assertThat(state).as("the state of %s after the restart", client.session).isIn("ACTIVE", "QUEUED", "OFFERED");
      if (state.equals("ACTIVE")) {
        assertThat(served).as("the consoles' welcomes list the chats they serve").contains(client.session);
      }
      resumed.add(client);
    }
    assertThat(served).as("chats served before the kill are served after it").isNotEmpty();
    talk(resumed, 4, random);
    awaitAcknowledged(acknowledgedBeforeTheKill + CLIENTS * 4);

    Set<String> stored = new HashSet<>();
    for (Peer client : clients) {
      HttpResponse<String> detail = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/demo/sessions/" + client.session))
          .header("Authorization", "Bearer admin-token").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(detail.statusCode()).isEqualTo(200);
      JSON.readTree(detail.body()).get("transcript").forEach(m -> stored.add(m.get("text").asString()));
    }
    assertThat(stored).as("every acknowledged message is stored").containsAll(acknowledged);
    assertThat(refused).as("frames the server refused").isEmpty();
  }

  /** Each client sends {@code rounds} messages, a few milliseconds apart, in a random order. */
  private void talk(List<Peer> clients, int rounds, Random random) throws InterruptedException {
    for (int r = 0; r < rounds; r++) {
      for (Peer client : clients) {
        client.say(random);
        Thread.sleep(2);
      }
      Thread.sleep(200);
    }
  }

  private void talkUntilInterrupted(List<Peer> clients, Random random) {
    try {
      while (true) {
        talk(clients, 1, random);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitAcknowledged(int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (acknowledged.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(acknowledged.size()).as("messages acknowledged after the restart").isGreaterThanOrEqualTo(count);
  }

  /** The demo in a JVM of its own, on the test's data directory and port, once it listens. */
  private Process start() throws IOException {
    Path log = Files.createTempFile(data.getParent(), "demo", ".log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.parley.examples.Main", "demo",
        "--port", Integer.toString(port), "--data-dir", data.toString(), "--admin-token", "admin-token",
        "--operator-password", "pw")
        .redirectError(log.toFile()).start();
    processes.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); ; line = out.readLine()) {
      assertThat(line).as("the demo's welcome (its log: %s)", log).isNotNull();
      if (line.startsWith("Press Ctrl-C")) {
        return process;
      }
    }
  }

  /** A console that accepts every offer and answers every other message of its clients. */
  private Peer console(String operator) throws InterruptedException {
    Peer[] self = new Peer[1];
    int[] heard = new int[1];
    self[0] = connect("/ws/operator", frame -> {
      String type = frame.get("type").asString();
      if (type.equals("offer")) {
        self[0].send("{\"type\":\"accept\",\"session\":\"" + frame.get("session").asString() + "\"}");
      } else if (type.equals("message") && frame.get("from").asString().equals("client") && heard[0]++ % 2 == 0) {
        self[0].reply(frame.get("session").asString(), operator);
      }
    });
    self[0].send("{\"type\":\"login\",\"token\":\"" + operator + ":pw\",\"ref\":\"l\"}");
    self[0].next("welcome");
    return self[0];
  }

  private Peer widget() {
    return connect("/ws/client", frame -> { });
  }

  private Peer connect(String path, Consumer<JsonNode> onFrame) {
    Peer peer = new Peer(onFrame);
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + path), peer)
        .join();
    peer.socket = socket;
    sockets.add(socket);
    return peer;
  }

  /** One WebSocket: the frames it received and the messages it sent, acknowledged or not. */
  private final class Peer implements WebSocket.Listener {
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final Consumer<JsonNode> onFrame;
    private final StringBuilder text = new StringBuilder();
    private volatile WebSocket socket;
    private String session;
    private int said;

    Peer(Consumer<JsonNode> onFrame) {
      this.onFrame = onFrame;
    }

    void say(Random random) {
      String line = session + " says " + said++ + " " + Long.toHexString(random.nextLong());
      String ref = "m" + said;
      pending.put(ref, line);
      send("{\"type\":\"message\",\"id\":\"" + ref + "\",\"text\":\"" + line + "\",\"ref\":\"" + ref + "\"}");
    }

    void reply(String to, String operator) {
      String line = operator + " answers " + to + " " + said++;
      String ref = "r" + said;
      pending.put(ref, line);
      send("{\"type\":\"send\",\"session\":\"" + to + "\",\"text\":\"" + line + "\",\"ref\":\"" + ref + "\"}");
    }

    void send(String frame) {
      try {
        socket.sendText(frame, true).join();
      } catch (RuntimeException e) {
        // the server was killed under this socket: the frame is not acknowledged, so not counted
      }
    }

    JsonNode next(String type) throws InterruptedException {
      while (true) {
        JsonNode frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(frame).as("a %s frame", type).isNotNull();
        if (frame.get("type").asString().equals(type)) {
          return frame;
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode frame = JSON.readTree(text.toString());
        text.setLength(0);
        String type = frame.get("type").asString();
        if (type.equals("ok") && pending.containsKey(frame.get("ref").asString())) {
          acknowledged.add(pending.remove(frame.get("ref").asString()));
        } else if (type.equals("error")) {
          refused.add(frame);
        } else {
          frames.add(frame);
          onFrame.accept(frame);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
