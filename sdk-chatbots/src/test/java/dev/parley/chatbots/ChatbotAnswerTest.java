package dev.parley.chatbots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.GroupId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A chatbot's answer")
class ChatbotAnswerTest {
  private static ChatbotAnswer parse(String json) {
    return ChatbotAnswer.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("reads replies and a hand-off with parameters and a note")
  void handOff() {
    ChatbotAnswer a = parse("{\"replies\":[{\"text\":\"One\"},{\"text\":\"Two\"}],"
        + "\"action\":{\"type\":\"handoff\",\"group\":\"billing\",\"parameters\":{\"order\":\"A-17\"},\"note\":\"refund\"}}");

    assertThat(a).isEqualTo(ChatbotAnswer.builder().reply("One").reply("Two")
        .handOff(GroupId.of("billing"), Map.of("order", "A-17"), "refund").build());
  }

  @Test
  @DisplayName("reads an end, and an empty body, {} or null fields as no answer yet")
  void endAndNothing() {
    assertThat(parse("{\"action\":{\"type\":\"end\"}}").action()).containsInstanceOf(ChatbotAnswer.End.class);
    assertThat(parse("")).isEqualTo(ChatbotAnswer.NONE);
    assertThat(parse(" \n")).isEqualTo(ChatbotAnswer.NONE);
    assertThat(parse("{}").isEmpty()).isTrue();
    assertThat(parse("{\"replies\":null,\"action\":null}").isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "not json | the body is not JSON",
      "[] | the body must be a JSON object, not array",
      "`{\"replies\":\"hi\"}` | replies must be an array, not string",
      "`{\"replies\":[\"hi\"]}` | replies[0] must be an object with a text, not string",
      "`{\"replies\":[{\"text\":\" \"}]}` | replies[0]: a reply must not be blank",
      "`{\"replies\":[{\"txt\":\"hi\"}]}` | replies[0] has an unknown field \"txt\"",
      "`{\"action\":{\"type\":\"transfer\"}}` | action.type must be \"handoff\" or \"end\", not string",
      "`{\"action\":{\"type\":\"handoff\"}}` | a handoff action names its group",
      "`{\"action\":{\"type\":\"handoff\",\"group\":\" \"}}` | action: group id must not be blank",
      "`{\"action\":{\"type\":\"handoff\",\"group\":\"b\",\"parameters\":{\"k\":1}}}` | action.parameters.k must be a text, not number",
      "`{\"action\":{\"type\":\"end\",\"group\":\"b\"}}` | action has an unknown field \"group\"",
  })
  @DisplayName("refuses what is not an answer, saying what is wrong")
  void refusals(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedAnswerException.class).hasMessageContaining(message);
  }

  @Test
  @DisplayName("refuses more than 20 replies, a body over 1 MiB, and nesting too deep")
  void limits() {
    assertThatThrownBy(() -> parse("{\"replies\":[" + "{\"text\":\"x\"},".repeat(20) + "{\"text\":\"x\"}]}"))
        .isInstanceOf(MalformedAnswerException.class).hasMessageContaining("at most 20 replies");
    assertThatThrownBy(() -> ChatbotAnswer.parse(new byte[(1 << 20) + 1]))
        .isInstanceOf(MalformedAnswerException.class).hasMessageContaining("1048577 bytes");
    assertThatThrownBy(() -> parse("{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"))
        .isInstanceOf(MalformedAnswerException.class).hasMessageContaining("not JSON");
  }
}
