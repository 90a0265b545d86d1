package dev.parley.core.channel;

import dev.parley.core.ClientRef;
import java.util.List;
import java.util.Objects;

/**
 * What an adapter made of an accepted request: either a handshake to answer, or a delivery of
 * items for the engine. Refused requests throw a {@link ChannelException} instead.
 */
public sealed interface InboundResult {
  /** What the transport sends back to the vendor. */
  HttpReply reply();

  /**
   * The vendor checks the endpoint (Meta's {@code hub.challenge}, VK's {@code confirmation}); answer
   * with {@link #reply()} and give the engine nothing.
   *
   * @param reply the answer the vendor expects
   */
  record Handshake(HttpReply reply) implements InboundResult {
    /** Checks the component. */
    public Handshake {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * Items for the engine, in the order the vendor sent them, after duplicates and blocked clients
   * were dropped; answer with {@link #reply()}. An item of a batch that could not be read does not
   * refuse the batch: it is listed in {@code skipped} and the others go on.
   *
   * @param items what reaches the engine, possibly none
   * @param duplicates the vendor ids of items dropped as already seen
   * @param blocked the blocked clients whose items were dropped (each once)
   * @param skipped the items of the batch that could not be read, each with the vendor's id
   * @param reply the answer the vendor expects
   */
  record Delivery(List<InboundItem> items, List<String> duplicates, List<ClientRef> blocked, List<Skipped> skipped,
      HttpReply reply) implements InboundResult {
    /** Checks and copies the components. */
    public Delivery {
      items = List.copyOf(items);
      duplicates = List.copyOf(duplicates);
      blocked = List.copyOf(blocked);
      skipped = List.copyOf(skipped);
      Objects.requireNonNull(reply, "reply");
    }

    /** A delivery in which every item could be read. */
    public Delivery(List<InboundItem> items, List<String> duplicates, List<ClientRef> blocked, HttpReply reply) {
      this(items, duplicates, blocked, List.of(), reply);
    }
  }

  /**
   * One item of a batch that could not be read (a missing field, a sender of a kind the adapter
   * does not know); the rest of the batch was delivered.
   *
   * @param vendorId the vendor's id of the item, or its place in the batch when it has none
   * @param reason why it could not be read
   */
  record Skipped(String vendorId, String reason) {
    /** Checks the components. */
    public Skipped {
      Objects.requireNonNull(vendorId, "vendorId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
