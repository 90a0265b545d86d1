package dev.parley.transport.netty;

import dev.parley.core.NotOwnerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a request whose tenant's partition this node does not serve to the partition's owner, and
 * answers with the owner's answer. The forwarded request carries the client's own credentials (the
 * owner authenticates him as usual) and the cluster's secret in {@link #HEADER}, which tells the
 * owner not to forward it again: an owner that no longer serves the partition answers 503, and the
 * forwarder looks the owner up again.
 *
 * <p>Retries, with a pause that doubles from 20 ms, until the deadline, only where the owner cannot
 * have applied the request: no owner known, the connection refused, or a 503 {@code NotOwner}. Any
 * other failure after the request went out (a reset, a time-out) is answered 503 at once, since
 * the owner may have applied it; then, and at the deadline, the client gets {@code 503} with
 * {@code Retry-After}.
 *
 * <p>Thread safety: safe for use by several threads at once; each call blocks its worker thread.
 */
final class Forwarder {
  /** The header of a forwarded request: the cluster's secret. */
  static final String HEADER = "X-Parley-Forwarded";
  /** Headers the JDK client sets itself, or that belong to one hop. */
  private static final Set<String> HOP = Set.of("connection", "content-length", "host", "keep-alive", "expect",
      "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection", HEADER.toLowerCase(Locale.ROOT));
  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();

  private final Owners owners;
  private final byte[] secret;
  private final Duration deadline;
  private final HttpClient client;

  Forwarder(Owners owners, String secret, Duration deadline) {
    this.owners = owners;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.deadline = deadline;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(deadline).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Whether {@code call} came forwarded from another node of the cluster. */
  boolean forwarded(Call call) {
    String given = call.headers().get(HEADER);
    return given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Forwards {@code call}, which failed here with {@code notOwner}, to the owner of its partition.
   *
   * @throws WireException 503 {@code NotOwner} once the deadline passed or the owner may have
   *     applied it without answering
   */
  Response forward(Call call, NotOwnerException notOwner) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      Optional<URI> owner = owners.owner(notOwner.partition());
      if (owner.isPresent()) {
        HttpResponse<byte[]> answer;
        try {
          answer = client.send(request(call, owner.get(), end), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
          answer = null; // not sent: try again
        } catch (IOException e) {
          throw unavailable("the partition's owner did not answer (" + e.getMessage() + "); the command"
              + " may have been applied: check before you send it again");
        }
        if (answer != null && !isNotOwner(answer)) {
          return relayed(answer);
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw unavailable(notOwner.getMessage());
      }
      LockSupport.parkNanos(Math.min(pause, left));
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while forwarding to the owner of partition " + notOwner.partition());
      }
      pause *= 2;
    }
  }

  private HttpRequest request(Call call, URI owner, long end) {
    String base = owner.toString().replaceAll("/+$", "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.uri()))
        .timeout(Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())))
        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()))
        .header(HEADER, new String(secret, StandardCharsets.UTF_8));
    for (Map.Entry<String, String> h : call.headers()) {
      if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        b.header(h.getKey(), h.getValue());
      }
    }
    return b.build();
  }

  private static boolean isNotOwner(HttpResponse<byte[]> answer) {
    return answer.statusCode() == 503
        && new String(answer.body(), StandardCharsets.UTF_8).contains("\"type\":\"NotOwner\"");
  }

  private static Response relayed(HttpResponse<byte[]> answer) {
    return new Response.Relayed(answer.statusCode(),
        answer.headers().firstValue("content-type").orElse("application/octet-stream"), answer.body(),
        answer.headers().firstValue("etag").orElse(null));
  }

  private static WireException unavailable(String message) {
    return new WireException(503, "NotOwner", message);
  }
}
