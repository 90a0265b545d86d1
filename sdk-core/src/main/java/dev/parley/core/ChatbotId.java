package dev.parley.core;

/**
 * A chatbot of one tenant: an HTTP service a group names as its first responder ({@link
 * GroupSpec.Builder#chatbot}). It also names the bot as the author of its messages.
 *
 * <p>Any non-blank text of at most 200 characters without control characters.
 *
 * <p>Thread safety: immutable.
 *
 * @param value the identifier as text
 */
public record ChatbotId(String value) implements Comparable<ChatbotId> {
  /** Checks the identifier. */
  public ChatbotId {
    Ids.check("chatbot id", value);
  }

  /** Returns the identifier for {@code value}. */
  public static ChatbotId of(String value) {
    return new ChatbotId(value);
  }

  @Override
  public int compareTo(ChatbotId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
