package dev.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlacklistEntryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("an entry keeps its components as given")
  void keepsComponents() {
    BlacklistEntry entry = new BlacklistEntry("acme", "WEB_CHAT", "+15550100", "abusive", "alice", T0);

    assertThat(entry.tenant()).isEqualTo("acme");
    assertThat(entry.channel()).isEqualTo("WEB_CHAT");
    assertThat(entry.identifier()).isEqualTo("+15550100");
    assertThat(entry.reason()).isEqualTo("abusive");
    assertThat(entry.blockedBy()).isEqualTo("alice");
    assertThat(entry.blockedAt()).isEqualTo(T0);
  }

  @Test
  @DisplayName("a null component is rejected with its name")
  void rejectsNulls() {
    assertThatThrownBy(() -> new BlacklistEntry(null, "WEB_CHAT", "id", "r", "alice", T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> new BlacklistEntry("acme", null, "id", "r", "alice", T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", null, "r", "alice", T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("identifier");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "id", null, "alice", T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "id", "r", null, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("blockedBy");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "id", "r", "alice", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("blockedAt");
  }

  @Test
  @DisplayName("a blank text is rejected with its name")
  void rejectsBlanks() {
    assertThatThrownBy(() -> new BlacklistEntry(" ", "WEB_CHAT", "id", "r", "alice", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "", "r", "alice", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identifier");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "id", "\t", "alice", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> new BlacklistEntry("acme", "WEB_CHAT", "id", "r", "  ", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockedBy");
  }

  @ParameterizedTest(name = "channel ''{0}''")
  @ValueSource(strings = {"", " ", "web_chat", "Web Chat", "WEB-CHAT", "1PHONE", "_EMAIL"})
  @DisplayName("a channel that is not an enum constant's name is rejected and shown")
  void rejectsChannelsThatAreNotEnumNames(String channel) {
    assertThatThrownBy(() -> new BlacklistEntry("acme", channel, "id", "r", "alice", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel")
        .hasMessageContaining("'" + channel + "'");
  }

  @ParameterizedTest(name = "channel {0}")
  @ValueSource(strings = {"WEB_CHAT", "PHONE", "APPLE_MESSAGES", "X2"})
  @DisplayName("a channel that is an enum constant's name is accepted")
  void acceptsEnumNames(String channel) {
    assertThat(new BlacklistEntry("acme", channel, "id", "r", "alice", T0).channel()).isEqualTo(channel);
  }
}
