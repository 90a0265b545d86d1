package dev.parley.core.channel;

import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a client did, as a channel reported it. Every item has the vendor's id (what
 * duplicates are recognised by), the client and the instant.
 *
 * <p>New kinds may be added: switch over them with a {@code default} branch.
 */
public sealed interface InboundItem
    permits ClientMessage, InboundItem.ClientArrived, InboundItem.Receipt, InboundItem.CallEvent,
        InboundItem.Typing, InboundItem.ClientLeft {
  /** The vendor's id of this item, unique per channel account (for events without one, derived). */
  String id();

  /** Who did it. */
  ClientRef client();

  /** When the vendor says it happened. */
  Instant at();

  /**
   * A client asks for a session without writing yet: a web chat or video call started from the
   * widget (possibly with an invitation code), a callback request with his phone number.
   *
   * @param id the request's id
   * @param entry everything the entry carries; its client is {@link #client()}
   * @param at when the request was made
   */
  record ClientArrived(String id, Entry entry, Instant at) implements InboundItem {
    /** Checks the components. */
    public ClientArrived {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(at, "at");
      if (entry.client().isEmpty()) {
        throw new IllegalArgumentException("an arrival from a channel names its client: " + entry);
      }
    }

    @Override
    public ClientRef client() {
      return entry.client().orElseThrow();
    }
  }

  /**
   * The vendor reports what became of messages sent to the client.
   *
   * @param id the receipt's id
   * @param client the client the messages went to
   * @param status what happened
   * @param messageIds the vendor ids of the messages concerned; empty when {@code upTo} is given
   * @param upTo every message sent before this instant is concerned (Messenger's watermark)
   * @param at when it happened
   */
  record Receipt(String id, ClientRef client, Status status, List<String> messageIds, @Nullable Instant upTo, Instant at)
      implements InboundItem {
    /** Checks and copies the components. */
    public Receipt {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(status, "status");
      messageIds = List.copyOf(messageIds);
      Objects.requireNonNull(at, "at");
      if (messageIds.isEmpty() && upTo == null) {
        throw new IllegalArgumentException("a receipt names messages or a watermark");
      }
    }

    /** What became of a sent message. */
    public enum Status {
      /** The vendor accepted it. */
      SENT,
      /** It reached the client's device. */
      DELIVERED,
      /** The client saw it. */
      READ,
      /** It could not be delivered. */
      FAILED
    }
  }

  /**
   * A telephone call changed state (a PBX's call event, Twilio's voice webhook).
   *
   * @param id the event's id (call id and state)
   * @param callId the call's id on the PBX
   * @param entry the caller's entry: channel {@code PHONE}, his number as client and phone
   * @param state the call's new state
   * @param at when it happened
   */
  record CallEvent(String id, String callId, Entry entry, CallState state, Instant at) implements InboundItem {
    /** Checks the components. */
    public CallEvent {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(at, "at");
      if (entry.client().isEmpty()) {
        throw new IllegalArgumentException("a call event names its caller: " + entry);
      }
    }

    @Override
    public ClientRef client() {
      return entry.client().orElseThrow();
    }
  }

  /**
   * The client is typing.
   *
   * @param id the event's id
   * @param client who
   * @param at when
   */
  record Typing(String id, ClientRef client, Instant at) implements InboundItem {
    /** Checks the components. */
    public Typing {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The client closed the conversation (closed the widget, hung up before being served).
   *
   * @param id the event's id
   * @param client who
   * @param at when
   */
  record ClientLeft(String id, ClientRef client, Instant at) implements InboundItem {
    /** Checks the components. */
    public ClientLeft {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(at, "at");
    }
  }
}
