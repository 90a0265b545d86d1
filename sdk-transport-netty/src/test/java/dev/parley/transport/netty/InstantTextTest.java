package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Instant text")
class InstantTextTest {
  private final InstantText text = new InstantText();

  @Test
  @DisplayName("is what Instant.toString writes, at the edges of its range and of its fraction's groups")
  void edges() {
    Stream.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("2025-06-01T08:02:00Z"),
        Instant.parse("2025-06-01T08:02:11.100Z"), Instant.parse("2025-06-01T08:02:11.000100Z"),
        Instant.parse("2025-06-01T08:02:11.000000001Z"), Instant.parse("-0001-12-31T23:59:59.999999999Z"),
        Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.ofEpochSecond(-1, 1))
        .forEach(this::sameAsToString);
  }

  @Test
  @DisplayName("is what Instant.toString writes, for instants in the same second and in others, in any order")
  void random() {
    SplittableRandom random = new SplittableRandom(17);
    Instant at = Instant.parse("2026-11-21T12:44:11Z");
    for (int i = 0; i < 100_000; i++) {
      int nano = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      long second = random.nextInt(3) == 0 ? random.nextLong(-100_000_000_000L, 100_000_000_000L) : at.getEpochSecond();
      sameAsToString(Instant.ofEpochSecond(second, nano));
    }
  }

  private void sameAsToString(Instant at) {
    assertThat(new String(text.chars(), 0, text.format(at))).isEqualTo(at.toString());
  }
}
