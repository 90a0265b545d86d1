package dev.parley.channels.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes for webhook signatures, the plain SHA-256 some schemes sign beside them (Twilio's
 * {@code bodySHA256}) or name content by, and their comparison in constant time.
 */
public final class Hmac {
  private Hmac() {}

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] sha256(byte[] key, byte[] data) {
    return mac("HmacSHA256", key, data);
  }

  /** HMAC-SHA1 of {@code data} under {@code key} (Twilio). */
  public static byte[] sha1(byte[] key, byte[] data) {
    return mac("HmacSHA1", key, data);
  }

  /** The SHA-256 of {@code data} (not keyed), in lower-case hex. */
  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether two digests are equal, in time independent of where they differ. */
  public static boolean same(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] mac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
