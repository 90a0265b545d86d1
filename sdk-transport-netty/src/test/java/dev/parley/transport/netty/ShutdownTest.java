package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A graceful shutdown")
class ShutdownTest {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final Center center = new Center((parley, b) -> b.shutdownGrace(java.time.Duration.ofSeconds(20))
      .authenticator(credential -> {
        entered.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return SignedTokens.withRandomKey().verify(credential).or(() -> java.util.Optional.of(Principal.admin(ACME, "root")));
      }));

  @AfterEach
  void stop() {
    center.close();
  }

  @Test
  @DisplayName("stops accepting, tells WebSockets it goes away, lets the request in flight finish, then closes")
  void drains() throws Exception {
    BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    center.http.newCall(new Request.Builder().url(center.url("/api/v1/tenants/acme/statistics"))
        .header("Authorization", "Bearer anything").build()).enqueue(new Callback() {
          @Override
          public void onResponse(Call call, Response response) throws IOException {
            answers.add(response.code() + " " + response.body().string());
          }

          @Override
          public void onFailure(Call call, IOException e) {
            answers.add(e);
          }
        });
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    int port = center.server.port();
    Ws client = Ws.open(center, "/ws/client");
    // A round trip: the server counts the socket among its peers (the client may hear the
    // upgrade's answer before the server's event of it, and the shutdown would miss the socket).
    client.send("{\"type\":\"typing\"}").error("Unauthorized");

    CompletableFuture<Void> closing = CompletableFuture.runAsync(center.server::close);
    assertThat(answers.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(closing).isNotDone();
    release.countDown();

    assertThat(client.closed.get(10, TimeUnit.SECONDS)).as("a WebSocket hears: going away").isEqualTo(1001);
    assertThat(answers.poll(10, TimeUnit.SECONDS)).asString().startsWith("200 {\"at\"");
    closing.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }
}
