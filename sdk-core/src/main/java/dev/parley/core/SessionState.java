package dev.parley.core;

/**
 * Where a session is in its life.
 *
 * <pre>
 * (CHATBOT →) QUEUED → OFFERED → ACTIVE → WRAP_UP → ENDED
 *   ↘ ABANDONED (client left while waiting)      REFUSED (never entered)
 * </pre>
 *
 * A redirect takes a live session back to {@code QUEUED} on another group or operator. A session
 * for a group with a {@linkplain GroupSpec#chatbot() chatbot} starts in {@code CHATBOT} and leaves
 * it for {@code QUEUED} (hand-off, fallback), {@code ENDED} (the bot ends it) or {@code ABANDONED}.
 */
public enum SessionState {
  /**
   * With its group's chatbot, which converses with the client before any operator. Not waiting:
   * it is in no queue, offered to nobody, and not counted as waiting.
   */
  CHATBOT,
  /** Waiting for an operator. */
  QUEUED,
  /** Offered to one operator, or to a whole group, and not yet accepted. */
  OFFERED,
  /** Accepted: an operator serves the client. */
  ACTIVE,
  /** The conversation is over; the operator writes the result and wrap-up note. */
  WRAP_UP,
  /** Over and wrapped up. */
  ENDED,
  /** The client left before being served. */
  ABANDONED,
  /** Turned away at the door: blocked, queue full, nobody online, or no route. */
  REFUSED;

  /** Whether the session can change no more. */
  public boolean terminal() {
    return this == ENDED || this == ABANDONED || this == REFUSED;
  }

  /** Whether the client still waits for an operator. */
  public boolean waiting() {
    return this == QUEUED || this == OFFERED;
  }
}
