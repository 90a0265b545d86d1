package dev.parley.core;

/** No chatbot has this id in the tenant. */
public final class NoSuchChatbotException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final ChatbotId chatbot;

  public NoSuchChatbotException(ChatbotId chatbot) {
    super("no chatbot " + chatbot + " in this tenant; define it first (Command.DefineChatbot)");
    this.chatbot = chatbot;
  }

  /** The unknown id. */
  public ChatbotId chatbot() {
    return chatbot;
  }
}
