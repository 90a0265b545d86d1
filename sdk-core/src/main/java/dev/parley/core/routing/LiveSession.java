package dev.parley.core.routing;

import dev.parley.core.Actor;
import dev.parley.core.ChatbotId;
import dev.parley.core.Entry;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event.RequeueReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One session's state inside the core, from arrival until its retention ends. */
final class LiveSession {
  enum Deadline {
    NONE,
    ESCALATION,
    OFFER,
    WRAP_UP,
    RETENTION,
    /** The chatbot owes an answer to a turn (the opening or a client message). */
    CHATBOT_REPLY,
    /** Active, the client's message has had no reply for the group's unanswered time. */
    UNANSWERED
  }

  /** How the group was chosen when no rule did; a rule's index is 0 or more. */
  static final int BY_GROUP_ASKED = -1;
  static final int BY_DEFAULT_GROUP = -2;
  static final int BY_INVITATION = -3;
  static final int BY_REOPENING = -4;
  static final int BY_RESTORE = -5;
  static final int BY_OUTREACH = -6;

  final SessionId id;
  /** What the client came with; the client tab's edits change his name, phone and e-mail. */
  Entry entry;
  final int channel;
  /**
   * Its place among waiting sessions of the same priority: its arrival, or its leaving a chatbot
   * (a session queues in line from its hand-off, not from its arrival).
   */
  long arrivalSeq;
  final Instant arrivedAt;
  final @Nullable SessionId reopens;
  final int priority;
  /** How the group was chosen: a rule's index, or one of the {@code BY_*} constants. */
  final int routedBy;
  /** The last redirect, escalation or return to the queue: why, by whom, when; null while it has not moved. */
  @Nullable RequeueReason movedFor;
  @Nullable Actor movedBy;
  @Nullable Instant movedAt;

  SessionState state = SessionState.QUEUED;
  /** The group the session belongs to; null for an invitation. */
  @Nullable GroupState group;
  /** The chatbot that was its first responder (it has the session while it is CHATBOT), or null. */
  @Nullable ChatbotId chatbot;
  /** The operator it waits for alone, if any. */
  @Nullable OperatorState target;
  /** The operator holding it (offered to him alone, active, wrap-up), or who served it once over. */
  @Nullable OperatorState operator;
  // Most sessions never need these lists: they start as the shared empty list (which reads,
  // removes and clears like any list) and become their own on the first add, through adding().

  /** Whole-group offers standing, in the order made. */
  List<OperatorState> offeredTo = Collections.emptyList();
  /** Operators who declined or let the offer time out since it last waited. */
  List<OperatorState> passedBy = Collections.emptyList();
  List<SessionView.Note> notes = Collections.emptyList();
  List<OperatorState> collaborators = Collections.emptyList();

  Instant enteredQueueAt;
  @Nullable Instant offeredAt;
  @Nullable Instant acceptedAt;
  boolean feedbackGiven;
  /**
   * The last single offer's circumstances, for explanations: how many candidates there were, and
   * the chosen operator's key then (load, capacity, idle since, round-robin turn).
   */
  int offerCandidates;
  int offerLoad;
  int offerCapacity;
  long offerIdleSince;
  long offerTurn;

  /** Its neighbours in its operator's list of held sessions. */
  @Nullable LiveSession prevHeld;
  @Nullable LiveSession nextHeld;

  int queueIndex = -1;
  int deadlineIndex = -1;
  long deadline;
  Deadline deadlineKind = Deadline.NONE;

  /** The client's open connections, as the transport reported them; mostly one or none. */
  List<String> connections = Collections.emptyList();
  /** Whether the engine was ever told of a connection of the client: only then can he be gone. */
  boolean clientTracked;
  /** While his last connection is gone: when his grace ends; the session is in {@link ClientGoneHeap}. */
  long goneDeadline;
  int goneIndex = -1;
  /** Since when the client's first message without a reply waits, or null. */
  @Nullable Instant unansweredSince;
  /** The tags the tenant's auto-tags gave or would not give again (it had them); null until one. */
  @Nullable Set<String> autoTagged;

  LiveSession(SessionId id, Entry entry, long arrivalSeq, Instant arrivedAt, @Nullable SessionId reopens, int priority, int routedBy) {
    this.id = id;
    this.entry = entry;
    this.channel = entry.channel().ordinal();
    this.arrivalSeq = arrivalSeq;
    this.arrivedAt = arrivedAt;
    this.enteredQueueAt = arrivedAt;
    this.reopens = reopens;
    this.priority = priority;
    this.routedBy = routedBy;
  }

  /** The session as readers see it, at {@code position} in its queue (0 when not waiting). */
  SessionView view(int position) {
    return new SessionView(id, state, entry, group == null ? null : group.id, target == null ? null : target.id,
        operator == null ? null : operator.id, ids(offeredTo), ids(collaborators), priority, arrivedAt, enteredQueueAt,
        position, notes, reopens, chatbot);
  }

  /** The operators' ids; no list is made for none, the common case of every single offer's preview. */
  private static List<OperatorId> ids(List<OperatorState> operators) {
    if (operators.isEmpty()) {
      return List.of();
    }
    List<OperatorId> ids = new ArrayList<>(operators.size());
    for (OperatorState op : operators) {
      ids.add(op.id);
    }
    return ids;
  }


  /** {@code list} itself, or a fresh one to add to in place of the shared empty list. */
  static <T> List<T> adding(List<T> list) {
    return list == Collections.<T>emptyList() ? new ArrayList<>(2) : list;
  }

  WaitQueue queue() {
    return target != null ? target.directQueue(channel) : group.queues[channel];
  }

  @Override
  public String toString() {
    return id.value() + "[" + state + "]";
  }
}
