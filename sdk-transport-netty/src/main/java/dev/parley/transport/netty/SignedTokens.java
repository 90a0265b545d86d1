package dev.parley.transport.netty;

import static java.util.Objects.requireNonNull;

import dev.parley.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless tokens signed with HMAC-SHA256: the built-in {@link Authenticator} for demos and
 * simple deployments, and how the server binds web-chat clients to their sessions.
 *
 * <pre>{@code
 * SignedTokens tokens = SignedTokens.withKey(secretFromVault);   // at least 32 bytes
 * String token = tokens.issue(Principal.operator(acme, OperatorId.of("alice")), Duration.ofHours(8));
 * ParleyServer.builder(parley).authenticator(tokens)...
 * }</pre>
 *
 * <p>A token is {@code base64url(payload) "." base64url(mac)}, the payload naming the principal
 * and the instant it expires. Verifying recomputes the MAC and compares it in constant time, then
 * checks the expiry; a token cannot be altered without the key, and is valid on every server that
 * shares it. Tokens cannot be revoked before they expire: keep them short-lived, or implement
 * {@link Authenticator} over the host's own sessions.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class SignedTokens implements Authenticator {
  /** The shortest key accepted: 256 bits, the MAC's own size. */
  public static final int MIN_KEY_BYTES = 32;

  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;

  private SignedTokens(byte[] key, Clock clock) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("an HMAC-SHA256 key has at least " + MIN_KEY_BYTES + " bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Tokens signed with {@code key}, checked against the system clock.
   *
   * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_BYTES} bytes
   */
  public static SignedTokens withKey(byte[] key) {
    return new SignedTokens(requireNonNull(key, "key"), Clock.systemUTC());
  }

  /** Tokens signed with a fresh random key: valid only in this process, lost at its end. */
  public static SignedTokens withRandomKey() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return withKey(key);
  }

  /** The same key, with expiry checked against {@code clock} (for tests). */
  public SignedTokens clock(Clock clock) {
    return new SignedTokens(key.getEncoded(), clock);
  }

  /**
   * A token for {@code principal} valid for {@code ttl}.
   *
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  public String issue(Principal principal, Duration ttl) {
    requireNonNull(principal, "principal");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a token lives for a positive time, not " + ttl);
    }
    Instant expires = clock.instant().plus(ttl);
    String payload = String.join("\n", VERSION, principal.kind().name(), principal.tenant().value(),
        principal.subject(), Long.toString(expires.getEpochSecond()));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /**
   * The principal of a genuine, unexpired token; empty for anything else (malformed, forged,
   * expired), without saying which.
   */
  public Optional<Principal> verify(String token) {
    requireNonNull(token, "token");
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.') || token.length() > 2_048) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] mac;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      mac = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac, mac(payload))) {
      return Optional.empty();
    }
    String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (fields.length != 5 || !fields[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(fields[4])))) {
        return Optional.empty();
      }
      return Optional.of(new Principal(Principal.Kind.valueOf(fields[1]), TenantId.of(fields[2]), fields[3]));
    } catch (IllegalArgumentException e) { // signed by us, so only an older format could get here
      return Optional.empty();
    }
  }

  /** Verifies the credential as a token of this key. */
  @Override
  public Optional<Principal> authenticate(String credential) {
    return verify(credential);
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SignedTokens[HmacSHA256]";
  }
}
