package dev.parley.chatbots;

/**
 * A chatbot's answer cannot be read: not JSON, too large, or not what {@link ChatbotAnswer}
 * describes. The message says what is wrong. Nothing of such an answer is applied; when it came as
 * the response to a turn, the session falls back to its group with the message in the note.
 */
public final class MalformedAnswerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedAnswerException(String message) {
    super(message);
  }
}
