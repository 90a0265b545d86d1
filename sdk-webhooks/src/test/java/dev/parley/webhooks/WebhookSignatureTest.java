package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebhookSignature")
class WebhookSignatureTest {
  private static final String SECRET = "whsec-0123456789abcdef";
  private static final byte[] BODY = "{\"id\":\"acme:1\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.ofEpochSecond(1_900_000_000L);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  @DisplayName("is t=<seconds>,v1=<hex HMAC-SHA256 of seconds.body>, as any HMAC library computes it")
  void format() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal(
        ("1900000000." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));

    assertThat(WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY)).isEqualTo("t=1900000000,v1=" + expected);
  }

  @Test
  @DisplayName("verifies its own header, within the tolerance either way")
  void verifies() {
    String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, FIVE_MINUTES)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(FIVE_MINUTES), FIVE_MINUTES)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minus(FIVE_MINUTES), FIVE_MINUTES)).isTrue();
  }

  @Test
  @DisplayName("refuses a changed body, another secret, an old or future timestamp, and malformed headers")
  void refuses() {
    String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

    assertThat(WebhookSignature.verify(SECRET, header, "{}".getBytes(StandardCharsets.UTF_8), NOW, FIVE_MINUTES)).isFalse();
    assertThat(WebhookSignature.verify("whsec-another-secret-x", header, BODY, NOW, FIVE_MINUTES)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(301), FIVE_MINUTES)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minusSeconds(301), FIVE_MINUTES)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, header.replace("t=1900000000", "t=1900000001"), BODY, NOW, FIVE_MINUTES))
        .isFalse();
    for (String bad : new String[] {"", "v1=abc", "t=x,v1=00", "t=1900000000", "t=1900000000,v1=zz", "garbage"}) {
      assertThat(WebhookSignature.verify(SECRET, bad, BODY, NOW, FIVE_MINUTES)).as(bad).isFalse();
    }
    assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW, FIVE_MINUTES)).isFalse();
  }

  @Test
  @DisplayName("accepts a header with several v1 while a secret is rotated, if one matches")
  void rotation() {
    String current = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);
    String old = WebhookSignature.header("whsec-the-old-secret-1", NOW.getEpochSecond(), BODY);

    assertThat(WebhookSignature.verify(SECRET, old + "," + current.substring(current.indexOf("v1=")), BODY, NOW,
        FIVE_MINUTES)).isTrue();
  }
}
