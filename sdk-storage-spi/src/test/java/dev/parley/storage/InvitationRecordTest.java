package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationRecordTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant EXPIRY = T0.plus(Duration.ofHours(24));

  private static InvitationRecord open() {
    return new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, null, null);
  }

  @Nested
  @DisplayName("validation")
  class Validation {
    @ParameterizedTest(name = "code ''{0}''")
    @ValueSource(strings = {"", "12345", "1234567", "12a456", " 12345", "١٢٣٤٥٦", "12345６"})
    @DisplayName("a code that is not six ASCII digits is rejected and shown")
    void rejectsBadCodes(String code) {
      assertThatThrownBy(() -> new InvitationRecord("acme", code, "alice", false, T0, EXPIRY, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("code")
          .hasMessageContaining("'" + code + "'");
    }

    @Test
    @DisplayName("a code with leading zeros is six digits like any other")
    void acceptsLeadingZeros() {
      assertThat(new InvitationRecord("acme", "000000", "alice", true, T0, EXPIRY, null, null).code())
          .isEqualTo("000000");
    }

    @Test
    @DisplayName("a null component is rejected with its name")
    void rejectsNulls() {
      assertThatThrownBy(() -> new InvitationRecord(null, "042917", "alice", false, T0, EXPIRY, null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("tenant");
      assertThatThrownBy(() -> new InvitationRecord("acme", null, "alice", false, T0, EXPIRY, null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("code");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", null, false, T0, EXPIRY, null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("operator");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, null, EXPIRY, null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("createdAt");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, null, null, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("expiresAt");
    }

    @Test
    @DisplayName("a blank tenant, operator or end reason is rejected with its name")
    void rejectsBlanks() {
      assertThatThrownBy(() -> new InvitationRecord("", "042917", "alice", false, T0, EXPIRY, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tenant");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", " ", false, T0, EXPIRY, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("operator");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, T0, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("endReason");
    }

    @Test
    @DisplayName("an expiry at or before the creation is rejected and shown")
    void rejectsExpiryNotAfterCreation() {
      Instant before = T0.minusSeconds(1);
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expiresAt")
          .hasMessageContaining(T0.toString());
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, before, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expiresAt")
          .hasMessageContaining(before.toString());
    }

    @Test
    @DisplayName("an end instant without a reason, or a reason without an instant, is rejected")
    void rejectsHalfAnEnd() {
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, T0, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("endedAt")
          .hasMessageContaining("endReason");
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, null, "USED"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("endedAt")
          .hasMessageContaining("USED");
    }

    @Test
    @DisplayName("an end before the creation is rejected and shown")
    void rejectsEndBeforeCreation() {
      Instant before = T0.minusSeconds(1);
      assertThatThrownBy(() -> new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, before, "USED"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("endedAt")
          .hasMessageContaining(before.toString());
    }
  }

  @Nested
  @DisplayName("validAt")
  class ValidAt {
    @Test
    @DisplayName("an open invitation is valid from its creation until just before its expiry")
    void validUntilExpiry() {
      InvitationRecord invitation = open();

      assertThat(invitation.validAt(T0)).isTrue();
      assertThat(invitation.validAt(EXPIRY.minusNanos(1))).isTrue();
      assertThat(invitation.validAt(EXPIRY)).isFalse();
      assertThat(invitation.validAt(EXPIRY.plusSeconds(1))).isFalse();
    }

    @Test
    @DisplayName("an ended invitation is not valid, even before its expiry")
    void endedIsNotValid() {
      InvitationRecord ended = open().end(T0.plusSeconds(60), "USED");

      assertThat(ended.validAt(T0.plusSeconds(30))).isFalse();
      assertThat(ended.validAt(T0.plusSeconds(90))).isFalse();
    }
  }

  @Nested
  @DisplayName("end")
  class End {
    @Test
    @DisplayName("ending keeps every other component and sets the instant and the reason")
    void setsEnd() {
      Instant at = T0.plusSeconds(60);

      InvitationRecord ended = open().end(at, "INVALIDATED");

      assertThat(ended)
          .isEqualTo(new InvitationRecord("acme", "042917", "alice", false, T0, EXPIRY, at, "INVALIDATED"));
    }

    @Test
    @DisplayName("ending an invitation twice is a state error that names the code")
    void cannotEndTwice() {
      InvitationRecord ended = open().end(T0.plusSeconds(60), "USED");

      assertThatThrownBy(() -> ended.end(T0.plusSeconds(120), "INVALIDATED"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("042917")
          .hasMessageContaining("USED");
    }
  }
}
