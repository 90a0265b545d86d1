package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on a real HTTP server (loopback): checks every request's signature, answers
 * as told, and keeps what it got.
 */
final class Receiver implements AutoCloseable {
  static final String SECRET = "a-test-secret-of-some-length";
  static final MockResponse OK = new MockResponse.Builder().code(200).build();

  /** One request as the receiver saw it. */
  record Got(String id, String type, long seq, String body, boolean genuine, int answered) {}

  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  /** How to answer the next request; may be swapped at any time. */
  volatile Function<Got, MockResponse> answer = got -> OK;
  /** Every request, in the order they came. */
  final List<Got> all = new CopyOnWriteArrayList<>();
  /** The requests answered with a 2xx, in the order they came. */
  final BlockingQueue<Got> accepted = new LinkedBlockingQueue<>();
  /** The requests answered otherwise, in the order they came. */
  final BlockingQueue<Got> refused = new LinkedBlockingQueue<>();
  /** Requests wait here while it is closed (a receiver that never answers). */
  private volatile @Nullable CountDownLatch hang;

  Receiver(Clock clock) throws IOException {
    this.clock = clock;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        CountDownLatch h = hang;
        String id = request.getHeaders().get("Parley-Event-Id");
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        boolean genuine = WebhookSignature.verify(SECRET, request.getHeaders().get("Parley-Signature"),
            request.getBody() == null ? new byte[0] : request.getBody().toByteArray(), clock.instant(),
            Duration.ofMinutes(5));
        Got seen = new Got(id, request.getHeaders().get("Parley-Event-Type"),
            Long.parseLong(id.substring(id.lastIndexOf(':') + 1)), body, genuine, 0);
        if (h != null) {
          all.add(seen);
          h.await();
          return new MockResponse.Builder().code(503).build();
        }
        MockResponse response = answer.apply(seen);
        Got got = new Got(seen.id(), seen.type(), seen.seq(), body, genuine, response.getCode());
        all.add(got);
        (response.getCode() / 100 == 2 ? accepted : refused).add(got);
        return response;
      }
    });
    server.start();
  }

  URI url() {
    return server.url("/hooks/parley").uri();
  }

  /** From now on requests are held unanswered until {@link #close}. */
  void hang() {
    hang = new CountDownLatch(1);
  }

  /** The next accepted request, waiting up to ten seconds for it. */
  Got next() throws InterruptedException {
    Got got = accepted.poll(10, TimeUnit.SECONDS);
    if (got == null) {
      fail("no webhook came within 10 s; got so far: " + all);
    }
    return got;
  }

  /** Waits for {@code n} more refused requests. */
  void refusals(int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      if (refused.poll(10, TimeUnit.SECONDS) == null) {
        fail("no refused webhook came within 10 s; got so far: " + all);
      }
    }
  }

  /** Lets requests held by {@link #hang()} go, answered with 503. */
  void release() {
    CountDownLatch h = hang;
    if (h != null) {
      h.countDown();
    }
  }

  /** The next {@code n} accepted requests. */
  List<Got> next(int n) throws InterruptedException {
    List<Got> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      got.add(next());
    }
    return got;
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
