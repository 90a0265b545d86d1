package dev.parley.webhooks;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Parley-Signature} header: {@code t=<timestamp>,v1=<signature>}, where the timestamp is
 * the sending instant in Unix seconds (also sent as {@code Parley-Timestamp}) and the signature is
 * the lowercase hex HMAC-SHA256, keyed with the subscription's secret, of the timestamp, a dot and
 * the raw request body.
 *
 * <p>A receiver on the JVM checks a request with {@link #verify}; elsewhere, compute the same HMAC
 * over {@code timestamp + "." + body} and compare in constant time. Check the timestamp too, so an
 * old request cannot be replayed at you, and use {@code Parley-Event-Id} to drop redeliveries.
 *
 * <pre>{@code
 * boolean genuine = WebhookSignature.verify(secret, request.header("Parley-Signature"), rawBody,
 *     Instant.now(), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread safety: stateless.
 */
public final class WebhookSignature {
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** The header's value for a body sent at {@code timestamp} (Unix seconds). */
  public static String header(String secret, long timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  /**
   * Whether {@code header} is a signature of {@code body} with {@code secret}, made no further than
   * {@code tolerance} from {@code now}. Any {@code v1} in the header may match (several are sent
   * while a secret is rotated). A missing or malformed header is simply not genuine.
   */
  public static boolean verify(String secret, @Nullable String header, byte[] body,
      Instant now, Duration tolerance) {
    requireNonNull(secret, "secret");
    requireNonNull(body, "body");
    requireNonNull(now, "now");
    requireNonNull(tolerance, "tolerance");
    if (header == null) {
      return false;
    }
    long timestamp = -1;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        try {
          timestamp = Long.parseLong(part.substring(2).trim());
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    if (timestamp < 0 || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    for (String part : header.split(",")) {
      if (part.startsWith("v1=")) {
        byte[] given;
        try {
          given = HexFormat.of().parseHex(part.substring(3).trim());
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] hmac(String secret, long timestamp, byte[] body) {
    requireNonNull(secret, "secret");
    requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute " + HMAC, e); // every Java SE has it
    }
  }
}
