package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client (OkHttp's) that keeps every frame it receives for the test to await. */
final class Ws extends WebSocketListener implements AutoCloseable {
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Response> opened = new CompletableFuture<>();
  /** The close code the server sent, or -1 when the connection failed. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  Ws(OkHttpClient http, Request request) {
    socket = http.newWebSocket(request, this);
  }

  static Ws open(Center center, String path) {
    Ws ws = new Ws(center.http, new Request.Builder().url(center.url(path)).build());
    ws.opened.join();
    return ws;
  }

  Ws send(String json) {
    assertThat(socket.send(json)).as("queued " + json).isTrue();
    return this;
  }

  /** The next frame of this type, skipping others; fails after ten seconds. */
  JsonNode next(String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(frame).as("a frame of type " + type).isNotNull();
      if (frame.get("type").asString().equals(type)) {
        return frame;
      }
    }
  }

  /** The next error, whose code is {@code code}. */
  JsonNode error(String code) throws InterruptedException {
    JsonNode error = next("error");
    assertThat(error.get("code").asString()).as(error.toString()).isEqualTo(code);
    return error;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    opened.complete(response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    frames.add(Json.MAPPER.readTree(text));
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closed.complete(code);
    webSocket.close(1000, null);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    opened.completeExceptionally(t);
    closed.complete(-1);
  }

  WebSocket socket() {
    return socket;
  }

  @Override
  public void close() {
    socket.close(1000, null);
  }
}
