package dev.parley.chatbots;

import dev.parley.webhooks.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A chatbot on a real HTTP server (loopback): checks every request's signature, answers as told,
 * and keeps the turns it got.
 */
final class Bot implements AutoCloseable {
  static final String SECRET = "a-bot-secret-of-some-length";

  /** One turn as the bot saw it. */
  record Got(String turnId, String body, boolean genuine) {}

  private final MockWebServer server = new MockWebServer();
  /** How to answer the next turn; may be swapped at any time. */
  volatile Function<Got, MockResponse> answer = got -> json(200, "{}");
  private final BlockingQueue<Got> turns = new LinkedBlockingQueue<>();

  Bot(Clock clock) throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        boolean genuine = WebhookSignature.verify(SECRET, request.getHeaders().get("Parley-Signature"), body,
            clock.instant(), Duration.ofMinutes(5));
        Got got = new Got(request.getHeaders().get("Parley-Turn-Id"), request.getBody() == null ? "" : request.getBody().utf8(),
            genuine);
        turns.add(got);
        return answer.apply(got);
      }
    });
    server.start();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  URI url() {
    return server.url("/bot").uri();
  }

  /** The next turn the bot got, waiting up to 10 s for it. */
  Got next() throws InterruptedException {
    Got got = turns.poll(10, TimeUnit.SECONDS);
    if (got == null) {
      throw new AssertionError("the bot got no turn within 10 s");
    }
    return got;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
