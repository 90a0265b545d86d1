package dev.parley.chatbots;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.core.ChatbotId;
import dev.parley.core.SessionId;

/**
 * Any body a bot answers with gives an answer the engine's commands accept, or a {@link
 * MalformedAnswerException}; nothing else escapes. Seeds: {@code ChatbotAnswerFuzzTestInputs}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl sdk-chatbots -am test -Dtest=ChatbotAnswerFuzzTest}.
 */
class ChatbotAnswerFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyBodyGivesAnAnswerOrATypedRefusal(byte[] body) {
    ChatbotAnswer answer;
    try {
      answer = ChatbotAnswer.parse(body);
    } catch (MalformedAnswerException expected) {
      return;
    }
    assertThat(answer.commands(SessionId.of("s"), ChatbotId.of("bot"))).hasSize(answer.replies().size()
        + (answer.action().isPresent() ? 1 : 0));
  }
}
