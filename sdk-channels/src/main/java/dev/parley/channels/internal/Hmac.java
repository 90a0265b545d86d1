package dev.parley.channels.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed hashes for webhook signatures, and their comparison in constant time. */
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
