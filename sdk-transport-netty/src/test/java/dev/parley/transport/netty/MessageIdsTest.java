package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Message ids")
class MessageIdsTest {
  @Test
  @DisplayName("are written as UUID.toString writes the same bits")
  void text() {
    SplittableRandom random = new SplittableRandom(5);
    char[] text = new char[40];
    for (int i = 0; i < 10_000; i++) {
      long high = i == 0 ? 0 : i == 1 ? -1 : random.nextLong();
      long low = i == 0 ? 0 : i == 1 ? -1 : random.nextLong();
      MessageIds.write(high, low, text, 2);
      assertThat(new String(text, 2, 36)).isEqualTo(new UUID(high, low).toString());
    }
  }

  @Test
  @DisplayName("are random UUIDs of version 4, alone or after their scope and a colon")
  void random() {
    UUID alone = UUID.fromString(MessageIds.random());
    assertThat(alone.version()).isEqualTo(4);
    assertThat(alone.variant()).isEqualTo(2);
    String scope = "7f3c2a1e-Ř".repeat(20);
    String scoped = MessageIds.scoped(scope);
    assertThat(scoped).startsWith(scope + ":").hasSize(scope.length() + 37);
    assertThat(UUID.fromString(scoped.substring(scope.length() + 1)).version()).isEqualTo(4);
    assertThat(MessageIds.random()).isNotEqualTo(MessageIds.random());
  }
}
