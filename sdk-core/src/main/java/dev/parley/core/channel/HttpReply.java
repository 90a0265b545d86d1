package dev.parley.core.channel;

import java.util.Objects;

/**
 * What the transport answers the vendor: a status, a content type and a body (the
 * {@code hub.challenge} of a Meta handshake, VK's {@code ok}, an empty TwiML document).
 *
 * <p>Thread safety: immutable.
 *
 * @param status the HTTP status, 200..299
 * @param contentType the body's media type
 * @param body the body text, possibly empty
 */
public record HttpReply(int status, String contentType, String body) {
  /** An empty {@code 200 OK}, which is what most vendors expect for a delivery. */
  public static final HttpReply OK = new HttpReply(200, "text/plain; charset=utf-8", "");

  /** Checks the components. */
  public HttpReply {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("a reply to an accepted request is 2xx, not " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A {@code 200 OK} with a plain-text body. */
  public static HttpReply text(String body) {
    return new HttpReply(200, "text/plain; charset=utf-8", body);
  }
}
