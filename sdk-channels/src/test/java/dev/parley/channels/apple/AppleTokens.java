package dev.parley.channels.apple;

import dev.parley.channels.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Makes the HS256 JWTs an MSP receives, for tests. */
final class AppleTokens {
  static final byte[] SECRET = "msp-shared-secret".getBytes(StandardCharsets.UTF_8);

  private AppleTokens() {}

  static String jwt(byte[] secret, String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    return signed + "." + b64.encodeToString(Hmac.sha256(secret, signed.getBytes(StandardCharsets.US_ASCII)));
  }

  static String bearer(byte[] secret) {
    return "Bearer " + jwt(secret, "{\"aud\":\"msp-1\",\"exp\":4102444800}");
  }
}
