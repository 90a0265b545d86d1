package dev.parley.channels;

import static java.util.Objects.requireNonNull;

import dev.parley.core.ParleyException;
import dev.parley.core.SessionId;
import dev.parley.core.channel.SendOutcome;

/**
 * A message that opens an outreach (a WhatsApp template) was not sent: the channel refused it or
 * gave up. The session was opened all the same, and a note on it says why; the operator may try
 * another template or end it.
 */
public final class MessageNotSentException extends ParleyException {
  private static final long serialVersionUID = 1L;

  private final transient SessionId session;
  private final transient SendOutcome outcome;

  /** The message opening {@code session} ended as {@code outcome}. */
  public MessageNotSentException(SessionId session, SendOutcome outcome) {
    super("the message opening session " + session + " was not sent: " + outcome
        + "; check the template's name and language with the vendor, then try again or end the session");
    this.session = requireNonNull(session, "session");
    this.outcome = requireNonNull(outcome, "outcome");
  }

  /** The session the outreach opened. */
  public SessionId session() {
    return session;
  }

  /** What the channel answered. */
  public SendOutcome outcome() {
    return outcome;
  }
}
