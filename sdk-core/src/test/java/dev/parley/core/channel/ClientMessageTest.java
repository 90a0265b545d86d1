package dev.parley.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Inbound items and capabilities check their values")
class ClientMessageTest {
  private static final ClientRef CLIENT = new ClientRef(Channel.WHATSAPP, "420777");
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  @DisplayName("a message without an entry arrives with a bare entry for its sender")
  void defaultEntry() {
    ClientMessage m = ClientMessage.builder("wamid.1", CLIENT, AT).text("Hi").build();

    assertThat(m.entry().client()).contains(CLIENT);
    assertThat(m.entry().channel()).isEqualTo(Channel.WHATSAPP);
  }

  @Test
  @DisplayName("a message with neither text nor attachments is refused")
  void empty() {
    assertThatThrownBy(() -> ClientMessage.builder("wamid.1", CLIENT, AT).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("wamid.1");
  }

  @Test
  @DisplayName("the entry must be the sender's")
  void foreignEntry() {
    Entry other = Entry.builder(Channel.WHATSAPP).client("999").build();

    assertThatThrownBy(() -> ClientMessage.builder("wamid.1", CLIENT, AT).entry(other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999");
  }

  @Test
  @DisplayName("a receipt names messages or a watermark")
  void receipt() {
    assertThatThrownBy(() -> new InboundItem.Receipt("r", CLIENT, InboundItem.Receipt.Status.READ, List.of(), null, AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("only an asynchronous channel can claim to be reopenable")
  void reopenable() {
    assertThatThrownBy(() -> ChannelCapabilities.builder().reopenable(true).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a transcript renders one line per message")
  void transcript() {
    var t = new OutboundMessage.Transcript(List.of(new OutboundMessage.Transcript.Line(AT, "Jana", "Hi"),
        new OutboundMessage.Transcript.Line(AT.plusSeconds(5), "Alice", "Hello")));

    assertThat(t.render()).isEqualTo("[2026-03-02T09:00:00Z] Jana: Hi\n[2026-03-02T09:00:05Z] Alice: Hello\n");
  }
}
