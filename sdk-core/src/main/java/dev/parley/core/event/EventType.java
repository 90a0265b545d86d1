package dev.parley.core.event;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of event the engine writes to the storage's outbox for webhooks, each under a stable
 * wire name such as {@code session.queued}. An engine built with {@link
 * dev.parley.core.Parley.Builder#outbox()} appends one outbox record per such event, in the same
 * pass that stores the change, before the command is acknowledged; other events (configuration,
 * notes, tags, invitations) stay out of the outbox.
 *
 * <p>Each record's payload is a flat JSON object with the event's {@code actor} and the fields
 * listed on each constant; a field without a value is {@code null}. The record itself carries the
 * tenant, the type, the session (for session and message events) and the instant.
 *
 * <p>Thread safety: immutable.
 */
public enum EventType {
  /** {@link Event.SessionQueued}: {@code channel, client, group, operator, priority, language, reopens}. */
  SESSION_QUEUED("session.queued"),
  /**
   * {@link Event.SessionToChatbot}: {@code channel, client, group, chatbot, priority, language,
   * reopens}. A session that starts with a chatbot arrives as this instead of {@link
   * #SESSION_QUEUED}; its hand-off or fallback is a {@link #SESSION_REQUEUED} (reason {@code
   * HANDED_OFF}, {@code CHATBOT_TIMED_OUT} or {@code CHATBOT_FAILED}).
   */
  SESSION_TO_CHATBOT("session.to_chatbot"),
  /** {@link Event.SessionEndedByChatbot}: {@code chatbot}. */
  SESSION_ENDED_BY_CHATBOT("session.ended_by_chatbot"),
  /** {@link Event.SessionRefused} (not of a blocked client): {@code channel, client, reason, offlineForm, group}. */
  SESSION_REFUSED("session.refused"),
  /**
   * {@link Event.OfflineFormSubmitted}: {@code channel, client, group, name, email, phone} (the
   * form's fields of those names, or null) and {@code text} (the whole form, {@link
   * Event.OfflineFormSubmitted#text()}).
   */
  SESSION_OFFLINE_FORM("session.offline_form"),
  /** {@link Event.TranscriptRequested}: {@code to} (the address). */
  SESSION_TRANSCRIPT_REQUESTED("session.transcript_requested"),
  /** {@link Event.SessionOffered}: {@code group, operators} (an array of operator ids). */
  SESSION_OFFERED("session.offered"),
  /** {@link Event.OfferEnded}: {@code operator, reason, state}. */
  SESSION_OFFER_ENDED("session.offer_ended"),
  /** {@link Event.SessionAccepted}: {@code operator}. */
  SESSION_ACCEPTED("session.accepted"),
  /**
   * {@link Event.SessionRequeued} by a redirect: {@code reason, previousOperator, group, operator,
   * note, waitingSince}.
   */
  SESSION_REDIRECTED("session.redirected"),
  /**
   * {@link Event.SessionRequeued} for another reason (an escalation, its operator logging out or
   * gone, a client left without a reply): the same fields as {@link #SESSION_REDIRECTED}.
   */
  SESSION_REQUEUED("session.requeued"),
  /** {@link Event.SessionAbandoned}: {@code group, reason} ({@code CLIENT_LEFT} or {@code CLIENT_GONE}). */
  SESSION_ABANDONED("session.abandoned"),
  /** {@link Event.ClientPresenceChanged}: {@code connected, graceEnds}. */
  CLIENT_PRESENCE_CHANGED("session.client_presence"),
  /** {@link Event.SessionEnded}: {@code operator, reason, state}. */
  SESSION_ENDED("session.ended"),
  /** {@link Event.WrapUpCompleted}: {@code operator, result, note, timedOut}. */
  SESSION_WRAPPED_UP("session.wrapped_up"),
  /** {@link Event.FeedbackGiven}: {@code rating, comment}. */
  SESSION_FEEDBACK("session.feedback"),
  /** {@link Event.MessagePosted} by the client: {@code messageId, text, attachments} (an array of URIs). */
  MESSAGE_RECEIVED("message.received"),
  /**
   * {@link Event.MessagePosted} by an operator, a chatbot, an administrator or the system: as
   * {@link #MESSAGE_RECEIVED}; {@code actor} tells who ({@code operator:alice}, {@code bot:faq}).
   */
  MESSAGE_SENT("message.sent"),
  /** {@link Event.MessageDelivered}: {@code messageId, delivery}. */
  MESSAGE_STATUS_CHANGED("message.status_changed"),
  /** {@link Event.OperatorStatusChanged}: {@code operator, from, to}. */
  OPERATOR_STATUS_CHANGED("operator.status_changed"),
  /** {@link Event.OperatorPresenceChanged}: {@code operator, connected, graceEnds}. */
  OPERATOR_PRESENCE_CHANGED("operator.presence_changed"),
  /** {@link Event.ClientBlocked}: {@code channel, client, reason}. */
  CLIENT_BLOCKED("client.blocked"),
  /** {@link Event.ClientUnblocked}: {@code channel, client}. */
  CLIENT_UNBLOCKED("client.unblocked");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the outbox and on the wire, such as {@code session.queued}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type of a wire name.
   *
   * @throws IllegalArgumentException if no type has that name
   */
  public static EventType ofWireName(String wireName) {
    requireNonNull(wireName, "wireName");
    for (EventType t : values()) {
      if (t.wireName.equals(wireName)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no event type is called " + wireName + "; the types are "
        + Arrays.stream(values()).map(EventType::wireName).toList());
  }

  /** The type an event goes to the outbox as, or empty when it stays out of the outbox. */
  public static Optional<EventType> of(Event event) {
    requireNonNull(event, "event");
    if (event instanceof Event.SessionQueued) {
      return Optional.of(SESSION_QUEUED);
    } else if (event instanceof Event.SessionToChatbot) {
      return Optional.of(SESSION_TO_CHATBOT);
    } else if (event instanceof Event.SessionEndedByChatbot) {
      return Optional.of(SESSION_ENDED_BY_CHATBOT);
    } else if (event instanceof Event.SessionRefused) {
      return ((Event.SessionRefused) event).entry() == null ? Optional.empty() : Optional.of(SESSION_REFUSED);
    } else if (event instanceof Event.OfflineFormSubmitted) {
      return Optional.of(SESSION_OFFLINE_FORM);
    } else if (event instanceof Event.TranscriptRequested) {
      return Optional.of(SESSION_TRANSCRIPT_REQUESTED);
    } else if (event instanceof Event.SessionOffered) {
      return Optional.of(SESSION_OFFERED);
    } else if (event instanceof Event.OfferEnded) {
      return Optional.of(SESSION_OFFER_ENDED);
    } else if (event instanceof Event.SessionAccepted) {
      return Optional.of(SESSION_ACCEPTED);
    } else if (event instanceof Event.SessionRequeued) {
      boolean redirect = ((Event.SessionRequeued) event).reason() == Event.RequeueReason.REDIRECTED;
      return Optional.of(redirect ? SESSION_REDIRECTED : SESSION_REQUEUED);
    } else if (event instanceof Event.SessionAbandoned) {
      return Optional.of(SESSION_ABANDONED);
    } else if (event instanceof Event.ClientPresenceChanged) {
      return Optional.of(CLIENT_PRESENCE_CHANGED);
    } else if (event instanceof Event.SessionEnded) {
      return Optional.of(SESSION_ENDED);
    } else if (event instanceof Event.WrapUpCompleted) {
      return Optional.of(SESSION_WRAPPED_UP);
    } else if (event instanceof Event.FeedbackGiven) {
      return Optional.of(SESSION_FEEDBACK);
    } else if (event instanceof Event.MessagePosted) {
      boolean client = event.actor().kind() == Actor.Kind.CLIENT;
      return Optional.of(client ? MESSAGE_RECEIVED : MESSAGE_SENT);
    } else if (event instanceof Event.MessageDelivered) {
      return Optional.of(MESSAGE_STATUS_CHANGED);
    } else if (event instanceof Event.OperatorStatusChanged) {
      return Optional.of(OPERATOR_STATUS_CHANGED);
    } else if (event instanceof Event.OperatorPresenceChanged) {
      return Optional.of(OPERATOR_PRESENCE_CHANGED);
    } else if (event instanceof Event.ClientBlocked) {
      return Optional.of(CLIENT_BLOCKED);
    } else if (event instanceof Event.ClientUnblocked) {
      return Optional.of(CLIENT_UNBLOCKED);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
