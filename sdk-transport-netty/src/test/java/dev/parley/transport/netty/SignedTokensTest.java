package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.ManualClock;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signed tokens")
class SignedTokensTest {
  private static final TenantId ACME = TenantId.of("acme");
  private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final SignedTokens tokens = SignedTokens.withKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))
      .clock(clock);

  @Test
  @DisplayName("a token stands for its principal until it expires")
  void roundTrip() {
    Principal alice = Principal.operator(ACME, OperatorId.of("alice"));
    String token = tokens.issue(alice, Duration.ofMinutes(10));

    assertThat(tokens.verify(token)).contains(alice);
    assertThat(tokens.authenticate(token)).contains(alice);
    clock.advance(Duration.ofMinutes(10));
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  @DisplayName("an altered token, another key's token and garbage are refused alike")
  void forgeries() {
    String token = tokens.issue(Principal.client(ACME, SessionId.of("s-1")), Duration.ofMinutes(10));
    String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
    String altered = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.replace("s-1", "s-2").getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));

    assertThat(tokens.verify(altered)).isEmpty();
    assertThat(SignedTokens.withRandomKey().verify(token)).isEmpty();
    assertThat(tokens.verify("")).isEmpty();
    assertThat(tokens.verify("a.b.c")).isEmpty();
    assertThat(tokens.verify("!!!.???")).isEmpty();
  }

  @Test
  @DisplayName("short keys and non-positive lifetimes are refused, naming the value")
  void arguments() {
    assertThatThrownBy(() -> SignedTokens.withKey(new byte[16])).hasMessageContaining("not 16");
    assertThatThrownBy(() -> tokens.issue(Principal.admin(ACME, "root"), Duration.ZERO)).hasMessageContaining("PT0S");
  }
}
