package dev.parley.core.event;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.routing.SessionView;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened in one tenant: every change the engine makes is told as one event, with
 * the instant, the actor and (where there is a choice) the reason. Replaying a tenant's events
 * rebuilds what it knows.
 *
 * <p>Thread safety: immutable.
 */
public sealed interface Event {
  /** The tenant it happened in. */
  TenantId tenant();

  /** When it happened, by the engine's clock. */
  Instant at();

  /** Who made it happen. */
  Actor actor();

  /** An event in a session's life; {@link #state()} is the session's state after it. */
  sealed interface SessionEvent extends Event {
    /** The session. */
    SessionId session();

    /** The session's state after the event. */
    SessionState state();
  }

  /** Why a session was sent back to a queue. */
  enum RequeueReason {
    /** An operator or administrator redirected it. */
    REDIRECTED,
    /** It waited past its group's escalation time. */
    ESCALATED,
    /** Its operator logged out while serving it. */
    OPERATOR_LOGGED_OUT,
    /** Its chatbot handed it to a group. */
    HANDED_OFF,
    /** Its chatbot did not answer a turn within its reply time-out: it fell back to its group. */
    CHATBOT_TIMED_OUT,
    /** Its chatbot failed (an error, unreachable, an unreadable answer): it fell back to its group. */
    CHATBOT_FAILED,
    /**
     * Its operator's console was gone past his grace (and the sessions' wait for him): it went back
     * to its queue keeping its original waiting time.
     */
    OPERATOR_GONE,
    /**
     * The client's message had no reply within the group's {@linkplain
     * GroupSpec#reassignUnanswered() unanswered time}: it went back to its queue for another
     * operator, keeping its original waiting time.
     */
    UNANSWERED
  }

  /** Why a waiting client's session was abandoned. */
  enum AbandonReason {
    /** The client said he leaves (closed the chat, hung up, a channel's leave). */
    CLIENT_LEFT,
    /** His connection was gone for the client grace. */
    CLIENT_GONE,
    /** An administrator banned him while he waited ({@link dev.parley.core.Command.BanClient}). */
    CLIENT_BLOCKED
  }

  /** Why an offer ended without acceptance. */
  enum OfferEndReason {
    /** The operator declined. */
    DECLINED,
    /** The operator did not answer within the group's offer time-out. */
    TIMED_OUT,
    /** Taken back: another operator accepted, the client left, the operator went away, a redirect. */
    WITHDRAWN
  }

  /** Why a session was refused at the door. */
  enum RefusalReason {
    /** The client is on the blacklist. Nothing about him is kept. */
    BLOCKED,
    /** The group's queue is at its limit. */
    QUEUE_FULL,
    /**
     * Nobody in the group who takes the channel is online (after hours): the offline form where
     * the channel has one. Asynchronous channels wait instead.
     */
    NOBODY_ONLINE,
    /** No group named, no rule matched, and no default group. */
    NO_ROUTE
  }

  /** How an active session ended. */
  enum EndReason {
    /** The operator ended it. */
    OPERATOR_ENDED,
    /** The client disconnected or left. */
    CLIENT_LEFT,
    /** An administrator ended it. */
    ADMIN_ENDED,
    /** The operator blocked the client. */
    CLIENT_BLOCKED
  }

  /** How far a message got to its recipient. */
  enum Delivery {
    /** It reached the recipient's device. */
    DELIVERED,
    /** The recipient read it. */
    READ,
    /** It could not be delivered. */
    FAILED
  }

  /** Why an invitation stopped being valid. */
  enum InvitationEndReason {
    /** A one-off invitation was used. */
    USED,
    /** Its validity ran out. */
    EXPIRED,
    /** Someone invalidated it. */
    INVALIDATED
  }

  /** The tenant's settings were replaced. */
  record TenantConfigured(TenantId tenant, Instant at, Actor actor, TenantSettings settings) implements Event {
    public TenantConfigured {
      requireNonNull(settings, "settings");
    }
  }

  /** A group was created or changed. */
  record GroupDefined(TenantId tenant, Instant at, Actor actor, GroupSpec spec) implements Event {
    public GroupDefined {
      requireNonNull(spec, "spec");
    }
  }

  /** A group was removed. */
  record GroupRemoved(TenantId tenant, Instant at, Actor actor, GroupId group) implements Event {
    public GroupRemoved {
      requireNonNull(group, "group");
    }
  }

  /** A chatbot was created or changed. */
  record ChatbotDefined(TenantId tenant, Instant at, Actor actor, ChatbotSpec spec) implements Event {
    public ChatbotDefined {
      requireNonNull(spec, "spec");
    }
  }

  /** A chatbot was removed. */
  record ChatbotRemoved(TenantId tenant, Instant at, Actor actor, ChatbotId chatbot) implements Event {
    public ChatbotRemoved {
      requireNonNull(chatbot, "chatbot");
    }
  }

  /** An operator was created or changed. */
  record OperatorDefined(TenantId tenant, Instant at, Actor actor, OperatorSpec spec) implements Event {
    public OperatorDefined {
      requireNonNull(spec, "spec");
    }
  }

  /** An operator was removed. */
  record OperatorRemoved(TenantId tenant, Instant at, Actor actor, OperatorId operator) implements Event {
    public OperatorRemoved {
      requireNonNull(operator, "operator");
    }
  }

  /** An operator's status changed. */
  record OperatorStatusChanged(
      TenantId tenant, Instant at, Actor actor, OperatorId operator, OperatorStatus from, OperatorStatus to)
      implements Event {
    public OperatorStatusChanged {
      requireNonNull(operator, "operator");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /** An operator's channel was switched on or off. */
  record ChannelSwitched(TenantId tenant, Instant at, Actor actor, OperatorId operator, Channel channel, boolean on)
      implements Event {
    public ChannelSwitched {
      requireNonNull(operator, "operator");
      requireNonNull(channel, "channel");
    }
  }

  /** An operator's phone line became available or not. */
  record PhoneLineChanged(TenantId tenant, Instant at, Actor actor, OperatorId operator, boolean available)
      implements Event {
    public PhoneLineChanged {
      requireNonNull(operator, "operator");
    }
  }

  /**
   * A client arrived and waits: for {@code group}, or for {@code operator} when the entry named
   * one (an invitation).
   */
  record SessionQueued(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      Entry entry,
      @Nullable GroupId group,
      @Nullable OperatorId operator,
      int priority,
      @Nullable SessionId reopens)
      implements SessionEvent {
    public SessionQueued {
      requireNonNull(session, "session");
      requireNonNull(entry, "entry");
    }

    @Override
    public SessionState state() {
      return SessionState.QUEUED;
    }
  }

  /**
   * A client arrived for a group whose first responder is a chatbot: the session is with the bot
   * ({@link SessionState#CHATBOT}), not in the queue, until the bot hands it off, ends it, or
   * fails. It is the arrival event of such a session, in place of {@link SessionQueued}.
   */
  record SessionToChatbot(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      Entry entry,
      GroupId group,
      ChatbotId chatbot,
      int priority,
      @Nullable SessionId reopens)
      implements SessionEvent {
    public SessionToChatbot {
      requireNonNull(session, "session");
      requireNonNull(entry, "entry");
      requireNonNull(group, "group");
      requireNonNull(chatbot, "chatbot");
    }

    @Override
    public SessionState state() {
      return SessionState.CHATBOT;
    }
  }

  /** The chatbot that had the session ended it; the session is over, without wrap-up. */
  record SessionEndedByChatbot(TenantId tenant, Instant at, Actor actor, SessionId session, ChatbotId chatbot)
      implements SessionEvent {
    public SessionEndedByChatbot {
      requireNonNull(session, "session");
      requireNonNull(chatbot, "chatbot");
    }

    @Override
    public SessionState state() {
      return SessionState.ENDED;
    }
  }

  /**
   * A client was turned away. {@code entry} is null for a blocked client, of whom nothing is kept;
   * otherwise it is the request the offline form hands to the tenant.
   */
  record SessionRefused(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      Channel channel,
      RefusalReason reason,
      boolean offlineForm,
      @Nullable Entry entry)
      implements SessionEvent {
    public SessionRefused {
      requireNonNull(session, "session");
      requireNonNull(channel, "channel");
      requireNonNull(reason, "reason");
    }

    @Override
    public SessionState state() {
      return SessionState.REFUSED;
    }
  }

  /**
   * The client of a session refused with the offline form filled it in ({@link
   * dev.parley.core.Command.SubmitOfflineForm}); {@code entry} is how he came.
   */
  record OfflineFormSubmitted(
      TenantId tenant, Instant at, Actor actor, SessionId session, Entry entry, Map<String, String> fields)
      implements SessionEvent {
    public OfflineFormSubmitted {
      requireNonNull(session, "session");
      requireNonNull(entry, "entry");
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public SessionState state() {
      return SessionState.REFUSED;
    }

    /**
     * The form as one text, as the session keeps it and a mail shows it: a {@code name: value}
     * line per field, the {@code text} field last after a blank line.
     */
    public String text() {
      StringBuilder s = new StringBuilder();
      fields.forEach((name, value) -> {
        if (!name.equals("text")) {
          s.append(name).append(": ").append(value).append('\n');
        }
      });
      String text = fields.get("text");
      if (text != null) {
        s.append(s.length() == 0 ? "" : "\n").append(text);
      }
      return s.toString().strip();
    }
  }

  /** Someone asked for the session's transcript to be e-mailed to {@code to} ({@link dev.parley.core.Command.SendTranscript}). */
  record TranscriptRequested(TenantId tenant, Instant at, Actor actor, SessionId session, SessionState state, String to)
      implements SessionEvent {
    public TranscriptRequested {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(to, "to");
    }
  }

  /**
   * The session was offered to one operator, or to each of a whole group's operators; {@code
   * preview} is what an offer shows them (the session as it is once offered; its place in the queue,
   * while a whole-group offer leaves it there, is in the waiting lists, so the preview's is 0).
   */
  record SessionOffered(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      @Nullable GroupId group,
      List<OperatorId> operators,
      SessionView preview)
      implements SessionEvent {
    public SessionOffered {
      requireNonNull(session, "session");
      operators = List.copyOf(operators);
      requireNonNull(preview, "preview");
    }

    @Override
    public SessionState state() {
      return SessionState.OFFERED;
    }
  }

  /** An offer to one operator ended unaccepted; {@code state} tells whether others still stand. */
  record OfferEnded(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      OperatorId operator,
      OfferEndReason reason,
      SessionState state)
      implements SessionEvent {
    public OfferEnded {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
      requireNonNull(reason, "reason");
      requireNonNull(state, "state");
    }
  }

  /** An operator accepted the session. */
  record SessionAccepted(TenantId tenant, Instant at, Actor actor, SessionId session, OperatorId operator)
      implements SessionEvent {
    public SessionAccepted {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
    }

    @Override
    public SessionState state() {
      return SessionState.ACTIVE;
    }
  }

  /**
   * The session went back to waiting, now for {@code group} or {@code operator}: a redirect, an
   * administrator's re-route, an escalation, its operator logging out or gone, a client left
   * without a reply; or it left its chatbot for the queue (a hand-off, a fallback). {@code
   * waitingSince} is when its wait counts from: now, or its original entry into the queue when it
   * keeps its place ({@link RequeueReason#OPERATOR_GONE}, {@link RequeueReason#UNANSWERED}).
   */
  record SessionRequeued(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      RequeueReason reason,
      @Nullable OperatorId previousOperator,
      @Nullable GroupId group,
      @Nullable OperatorId operator,
      @Nullable String note,
      Instant waitingSince)
      implements SessionEvent {
    public SessionRequeued {
      requireNonNull(session, "session");
      requireNonNull(reason, "reason");
      requireNonNull(waitingSince, "waitingSince");
    }

    @Override
    public SessionState state() {
      return SessionState.QUEUED;
    }
  }

  /** The client left while waiting, or while with a chatbot: he said so, or his connection was gone too long. */
  record SessionAbandoned(
      TenantId tenant, Instant at, Actor actor, SessionId session, @Nullable GroupId group, AbandonReason reason)
      implements SessionEvent {
    public SessionAbandoned {
      requireNonNull(session, "session");
      requireNonNull(reason, "reason");
    }

    @Override
    public SessionState state() {
      return SessionState.ABANDONED;
    }
  }

  /**
   * An active session ended; it is in wrap-up, or ended when its group has no wrap-up time. A
   * client whose connection was gone past his grace ends it as {@link EndReason#CLIENT_LEFT} with
   * the system as actor. {@code audience}: its operator and the collaborators it had.
   */
  record SessionEnded(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      OperatorId operator,
      EndReason reason,
      SessionState state,
      List<OperatorId> audience)
      implements SessionEvent {
    public SessionEnded {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
      requireNonNull(reason, "reason");
      requireNonNull(state, "state");
      audience = List.copyOf(audience);
    }
  }

  /** The wrap-up is done: by the operator, or by the group's time limit ({@code result} null). */
  record WrapUpCompleted(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      OperatorId operator,
      @Nullable String result,
      @Nullable String note,
      boolean timedOut)
      implements SessionEvent {
    public WrapUpCompleted {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
    }

    @Override
    public SessionState state() {
      return SessionState.ENDED;
    }
  }

  /** A note was added to the session. {@code audience}: the operators who serve or served it, with its collaborators. */
  record NoteAdded(
      TenantId tenant, Instant at, Actor actor, SessionId session, SessionState state, String text, List<OperatorId> audience)
      implements SessionEvent {
    public NoteAdded {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(text, "text");
      audience = List.copyOf(audience);
    }
  }

  /**
   * An operator joined or left an active session as collaborator. {@code audience}: its operator
   * and its collaborators before the change (the one who left among them, not the one who joined).
   */
  record CollaboratorChanged(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      OperatorId collaborator,
      boolean joined,
      List<OperatorId> audience)
      implements SessionEvent {
    public CollaboratorChanged {
      requireNonNull(session, "session");
      requireNonNull(collaborator, "collaborator");
      audience = List.copyOf(audience);
    }

    @Override
    public SessionState state() {
      return SessionState.ACTIVE;
    }
  }

  /** The client rated the session. {@code audience}: the operator who served it. */
  record FeedbackGiven(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      int rating,
      @Nullable String comment,
      List<OperatorId> audience)
      implements SessionEvent {
    public FeedbackGiven {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      audience = List.copyOf(audience);
    }
  }

  /** A client was put on the blacklist. */
  record ClientBlocked(TenantId tenant, Instant at, Actor actor, ClientRef client, String reason) implements Event {
    public ClientBlocked {
      requireNonNull(client, "client");
      requireNonNull(reason, "reason");
    }
  }

  /** A client was taken off the blacklist. */
  record ClientUnblocked(TenantId tenant, Instant at, Actor actor, ClientRef client) implements Event {
    public ClientUnblocked {
      requireNonNull(client, "client");
    }
  }

  /** An invitation was made. */
  record InvitationCreated(
      TenantId tenant, Instant at, Actor actor, String code, OperatorId operator, boolean reusable, Instant expiresAt)
      implements Event {
    public InvitationCreated {
      requireNonNull(code, "code");
      requireNonNull(operator, "operator");
      requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** An invitation stopped being valid. */
  record InvitationEnded(TenantId tenant, Instant at, Actor actor, String code, InvitationEndReason reason)
      implements Event {
    public InvitationEnded {
      requireNonNull(code, "code");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A message was posted into the session; {@code actor} sent it. {@code audience}: the operators
   * who see the conversation (its serving operator, once accepted, and its collaborators). {@code
   * rich}: the hero card or template message channels send instead of the text, or null.
   */
  record MessagePosted(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      String messageId,
      String text,
      List<Attachment> attachments,
      List<OperatorId> audience,
      @Nullable OutboundMessage rich)
      implements SessionEvent {
    /** A plain message: text, files or both. */
    public MessagePosted(TenantId tenant, Instant at, Actor actor, SessionId session, SessionState state,
        String messageId, String text, List<Attachment> attachments, List<OperatorId> audience) {
      this(tenant, at, actor, session, state, messageId, text, attachments, audience, null);
    }

    public MessagePosted {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(messageId, "messageId");
      requireNonNull(text, "text");
      attachments = List.copyOf(attachments);
      audience = List.copyOf(audience);
    }
  }

  /** A tag was added to ({@code on}) or removed from the session. {@code audience} as for {@link NoteAdded}. */
  record TagChanged(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      String tag,
      boolean on,
      List<OperatorId> audience)
      implements SessionEvent {
    public TagChanged {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(tag, "tag");
      audience = List.copyOf(audience);
    }
  }

  /** A session parameter was set, or cleared when {@code value} is null. {@code audience} as for {@link NoteAdded}. */
  record ParameterSet(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      String name,
      @Nullable String value,
      List<OperatorId> audience)
      implements SessionEvent {
    public ParameterSet {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(name, "name");
      audience = List.copyOf(audience);
    }
  }

  /**
   * A client field of the session was edited ({@link dev.parley.core.Command.EditClient}): his
   * name, phone, e-mail or a host's identifier field, cleared when {@code value} is null. {@code
   * audience} as for {@link NoteAdded}.
   */
  record ClientEdited(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      String field,
      @Nullable String value,
      List<OperatorId> audience)
      implements SessionEvent {
    public ClientEdited {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(field, "field");
      audience = List.copyOf(audience);
    }
  }

  /**
   * The client's connections changed: his last one closed ({@code connected} false; he has left
   * unless one opens by {@code graceEnds}), or the first opened again ({@code graceEnds} null).
   * {@code audience} as for {@link MessagePosted}: the operators to tell.
   */
  record ClientPresenceChanged(
      TenantId tenant,
      Instant at,
      Actor actor,
      SessionId session,
      SessionState state,
      boolean connected,
      @Nullable Instant graceEnds,
      List<OperatorId> audience)
      implements SessionEvent {
    public ClientPresenceChanged {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      audience = List.copyOf(audience);
    }
  }

  /**
   * An operator's consoles changed: his last one closed ({@code connected} false; he is offered
   * nothing, and is gone unless one connects by {@code graceEnds}, null while he is logged out),
   * or the first connected again.
   */
  record OperatorPresenceChanged(
      TenantId tenant, Instant at, Actor actor, OperatorId operator, boolean connected, @Nullable Instant graceEnds)
      implements Event {
    public OperatorPresenceChanged {
      requireNonNull(operator, "operator");
    }
  }

  /**
   * A waiting queue changed: sessions joined or left it, or a whole-group offer of one of them was
   * made or withdrawn. Told once per queue per command, after the events that changed it, so that
   * an edge refreshes waiting lists and queue places without asking on every event: {@code
   * watchers} are the operators whose waiting list shows the queue; the clients who wait in it
   * have new places.
   *
   * @param group the group whose queue it is, or null for the queue of one operator
   * @param operator the operator whose own queue it is (invitations, redirects to him), or null
   * @param channel the queue's channel
   * @param waiting how many sessions wait in it now
   * @param watchers the operators whose waiting list shows it
   */
  record QueueChanged(
      TenantId tenant,
      Instant at,
      Actor actor,
      @Nullable GroupId group,
      @Nullable OperatorId operator,
      Channel channel,
      int waiting,
      List<OperatorId> watchers)
      implements Event {
    public QueueChanged {
      requireNonNull(channel, "channel");
      if ((group == null) == (operator == null)) {
        throw new IllegalArgumentException("a queue is a group's or an operator's, not " + group + " / " + operator);
      }
      watchers = List.copyOf(watchers);
    }
  }

  /** A channel reported how far a message of the session got. */
  record MessageDelivered(
      TenantId tenant, Instant at, Actor actor, SessionId session, SessionState state, String messageId, Delivery delivery)
      implements SessionEvent {
    public MessageDelivered {
      requireNonNull(session, "session");
      requireNonNull(state, "state");
      requireNonNull(messageId, "messageId");
      requireNonNull(delivery, "delivery");
    }
  }
}
