package dev.parley.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.channel.OutboundMessage.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The messaging window")
class MessagingWindowTest {
  private static final Instant LAST = Instant.parse("2026-03-02T09:00:00Z");
  private final MessagingWindow whatsApp = MessagingWindow.of(Duration.ofHours(24), Kind.TEMPLATE);

  @Test
  @DisplayName("is open up to and including its end, and closed a nanosecond later")
  void edges() {
    assertThat(whatsApp.isOpen(LAST, LAST.plus(Duration.ofHours(24)))).isTrue();
    assertThat(whatsApp.isOpen(LAST, LAST.plus(Duration.ofHours(24)).plusNanos(1))).isFalse();
  }

  @Test
  @DisplayName("outside it only the allowed kinds pass the check, with the facts in the refusal")
  void check() {
    Instant late = LAST.plus(Duration.ofDays(2));

    whatsApp.check(Kind.TEMPLATE, LAST, late);
    assertThatThrownBy(() -> whatsApp.check(Kind.TEXT, LAST, late))
        .isInstanceOfSatisfying(OutsideMessagingWindowException.class, e -> {
          assertThat(e.lastClientMessage()).isEqualTo(LAST);
          assertThat(e.window()).isEqualTo(Duration.ofHours(24));
          assertThat(e.httpStatus()).isEqualTo(409);
        });
  }

  @Test
  @DisplayName("a client who never wrote is outside any window, and inside none at all")
  void neverWrote() {
    assertThat(whatsApp.isOpen(null, LAST)).isFalse();
    assertThat(MessagingWindow.NONE.isOpen(null, LAST)).isTrue();
    MessagingWindow.NONE.check(Kind.TEXT, null, LAST);
  }

  @Test
  @DisplayName("a window of zero length is refused")
  void zero() {
    assertThatThrownBy(() -> MessagingWindow.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
  }
}
