package dev.parley.storage;

/**
 * Where a stored session is in its life, as the engine's session states name it.
 *
 * <p>{@code QUEUED → OFFERED → ACTIVE → WRAP_UP → ENDED}, with {@code ABANDONED} (the client left
 * while waiting) and {@code REFUSED} (blocked, or nobody to take it) as the other ways out. A
 * session whose group has a chatbot starts in {@code CHATBOT}.
 */
public enum SessionStatus {
  /** With its group's chatbot ({@link SessionRecord#chatbot()}), before any queue. */
  CHATBOT,
  QUEUED,
  OFFERED,
  ACTIVE,
  WRAP_UP,
  ENDED,
  ABANDONED,
  REFUSED;

  /** Whether a session in this state is still live: the engine rebuilds it after a restart. */
  public boolean live() {
    return this == CHATBOT || this == QUEUED || this == OFFERED || this == ACTIVE || this == WRAP_UP;
  }
}
