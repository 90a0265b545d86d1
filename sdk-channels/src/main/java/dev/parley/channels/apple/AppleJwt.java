package dev.parley.channels.apple;

import dev.parley.channels.internal.Hmac;
import dev.parley.channels.internal.Json;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.MalformedPayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code Authorization: Bearer <JWT>} the MSP receives: HS256 under the shared secret,
 * the audience (the MSP's id) when one is configured, and the expiry (with a minute of leeway).
 */
final class AppleJwt {
  private static final Duration LEEWAY = Duration.ofMinutes(1);

  private final byte[] secret;
  private final @Nullable String audience;

  AppleJwt(byte[] secret, @Nullable String audience) {
    this.secret = secret.clone();
    this.audience = audience;
  }

  void verify(InboundRequest request, Instant now) {
    String auth = request.header("Authorization").orElse("");
    if (!auth.startsWith("Bearer ")) {
      throw new BadSignatureException("the Authorization header is missing or is not a bearer token");
    }
    String[] parts = auth.substring("Bearer ".length()).strip().split("\\.", -1);
    if (parts.length != 3) {
      throw new BadSignatureException("the bearer token is not a JWT");
    }
    if (!"HS256".equals(claims(parts[0]).path("alg").asString(""))) {
      throw new BadSignatureException("the JWT is not signed with HS256");
    }
    byte[] expected = Hmac.sha256(secret, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!Hmac.same(expected, decode(parts[2]))) {
      throw new BadSignatureException("the JWT's signature does not match: check the shared secret");
    }
    JsonNode claims = claims(parts[1]);
    if (audience != null && !audiences(claims.path("aud")).contains(audience)) {
      throw new BadSignatureException("the JWT is not for audience " + audience);
    }
    if (claims.has("exp") && Instant.ofEpochSecond(claims.path("exp").asLong(0)).plus(LEEWAY).isBefore(now)) {
      throw new BadSignatureException("the JWT has expired");
    }
  }

  private static List<String> audiences(JsonNode aud) {
    if (aud.isArray()) {
      return aud.valueStream().map(a -> a.asString("")).toList();
    }
    return List.of(aud.asString(""));
  }

  private static JsonNode claims(String part) {
    try {
      return Json.parseObject(decode(part));
    } catch (MalformedPayloadException e) {
      throw new BadSignatureException("the JWT's header or claims are not JSON");
    }
  }

  private static byte[] decode(String part) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new BadSignatureException("the JWT is not base64url");
    }
  }
}
