package dev.parley.core.channel;

import java.util.Objects;

/** What became of one {@link Outgoing}: sent, refused for good, failed after retries, or unsupported. */
public sealed interface SendOutcome {
  /**
   * The vendor accepted the message.
   *
   * @param messageId the vendor's id for it, which later {@link InboundItem.Receipt receipts} name;
   *     empty when the vendor gives none
   * @param attempts how many calls it took, at least 1
   */
  record Sent(String messageId, int attempts) implements SendOutcome {
    /** Checks the components. */
    public Sent {
      Objects.requireNonNull(messageId, "messageId");
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
      }
    }
  }

  /**
   * The vendor refused the message for a reason that retrying does not cure (bad recipient,
   * expired token, outside the messaging window): a 4xx other than 429, or a vendor error code.
   *
   * @param status the HTTP status, or 0 if the refusal came in a 2xx body
   * @param reason the vendor's explanation, shortened
   */
  record Rejected(int status, String reason) implements SendOutcome {
    /** Checks the component. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Every attempt failed with a retryable error (network, 429, 5xx) and the retry budget is spent.
   *
   * @param reason the last error
   * @param attempts how many calls were made
   */
  record Failed(String reason, int attempts) implements SendOutcome {
    /** Checks the component. */
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The channel cannot carry this kind of message; nothing was sent.
   *
   * @param kind the kind refused
   */
  record Unsupported(OutboundMessage.Kind kind) implements SendOutcome {
    /** Checks the component. */
    public Unsupported {
      Objects.requireNonNull(kind, "kind");
    }
  }
}
