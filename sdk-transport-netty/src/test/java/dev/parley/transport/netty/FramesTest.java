package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.ChatbotId;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Frames")
class FramesTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final SessionId SESSION = SessionId.of("7f3c");

  @Test
  @DisplayName("a message frame is the protocol's, whoever wrote it, frame after frame through one generator")
  void message() {
    assertThat(text(Frames.message(posted(Actor.CLIENT, "Where is my \"parcel\"? Ř\n", List.of(),
        Instant.parse("2025-06-01T08:02:11.123456Z"))))).isEqualTo("{\"type\":\"message\",\"session\":\"7f3c\","
        + "\"id\":\"m-1\",\"from\":\"client\",\"text\":\"Where is my \\\"parcel\\\"? Ř\\n\",\"at\":\"2025-06-01T08:02:11.123456Z\","
        + "\"attachments\":[]}");
    assertThat(text(Frames.message(posted(Actor.operator(OperatorId.of("alice")), "", List.of(
        new Attachment("r.png", "image/png", 48213, "https://files.example/r/91.png")),
        Instant.parse("2025-06-01T08:02:11Z"))))).isEqualTo("{\"type\":\"message\",\"session\":\"7f3c\",\"id\":\"m-1\","
        + "\"from\":\"operator\",\"text\":\"\",\"at\":\"2025-06-01T08:02:11Z\",\"author\":\"alice\",\"attachments\":"
        + "[{\"name\":\"r.png\",\"contentType\":\"image/png\",\"size\":48213,\"url\":\"https://files.example/r/91.png\"}]}");
    assertThat(text(Frames.message(posted(Actor.bot(ChatbotId.of("faq")), "Hi", List.of(), Instant.EPOCH))))
        .isEqualTo("{\"type\":\"message\",\"session\":\"7f3c\",\"id\":\"m-1\",\"from\":\"bot\",\"text\":\"Hi\","
            + "\"at\":\"1970-01-01T00:00:00Z\",\"author\":\"faq\",\"attachments\":[]}");
  }

  @Test
  @DisplayName("a frame that fails half-written leaves nothing behind for the next")
  void failedFrame() {
    assertThatThrownBy(() -> FrameWriter.write("x", (out, value) -> {
      out.json().writeStartObject();
      out.json().writeStringProperty("half", value);
      throw new IllegalStateException("failed");
    })).hasMessage("failed");
    assertThat(text(FrameWriter.write("b", (out, value) -> {
      out.json().writeStartObject();
      out.json().writeStringProperty("a", value);
      out.json().writeEndObject();
    }))).isEqualTo("{\"a\":\"b\"}");
  }

  private static Event.MessagePosted posted(Actor actor, String text, List<Attachment> files, Instant at) {
    return new Event.MessagePosted(ACME, at, actor, SESSION, SessionState.ACTIVE, "m-1", text, files, List.of());
  }

  private static String text(ByteBuf frame) {
    try {
      return frame.toString(StandardCharsets.UTF_8);
    } finally {
      frame.release();
    }
  }
}
