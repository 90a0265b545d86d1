package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.ChatbotId;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A session that was live when the engine stopped, as {@link RoutingCore#restore} puts it back.
 *
 * <p>Thread safety: immutable.
 *
 * @param id the session's id
 * @param entry how the client came
 * @param state {@code CHATBOT}, {@code QUEUED}, {@code OFFERED} (it waits again: an offer does
 *     not outlive the engine), {@code ACTIVE} or {@code WRAP_UP}
 * @param group the group it belongs to; null only when it waits for {@code target}
 * @param target the one operator it waits for, or null
 * @param operator the operator holding it; required when active or in wrap-up
 * @param collaborators the operators collaborating in it (active sessions only)
 * @param priority its priority in the queue
 * @param arrivedAt when the client arrived
 * @param enteredQueueAt when it last entered a queue: its escalation counts from here
 * @param acceptedAt when it was accepted, or null
 * @param wrapUpDeadline when its wrap-up must end, or null for none
 * @param reopens the session it continues, or null
 * @param notes its notes
 * @param chatbot the chatbot that was its first responder; required when {@code CHATBOT}
 * @param chatbotOwesSince while {@code CHATBOT}: since when the bot owes an answer (the opening
 *     or the first client message it has not answered), or null when it owes none. The reply
 *     time-out counts from here, so a turn the bot had not answered when the engine stopped falls
 *     back to the group at the same instant as it would have without the restart (or at once, if
 *     that instant passed).
 * @param unansweredSince while {@code ACTIVE}: since when the client's first message without a reply
 *     waits, or null; the group's unanswered time counts from here
 * @param clientTracked whether the engine had been told of the client's connections: he is taken
 *     to be gone from the restart on, and has his grace to come back
 * @param tags the session's tags as stored: the tenant's auto-tags do not add them again
 */
public record RestoredSession(
    SessionId id,
    Entry entry,
    SessionState state,
    @Nullable GroupId group,
    @Nullable OperatorId target,
    @Nullable OperatorId operator,
    List<OperatorId> collaborators,
    int priority,
    Instant arrivedAt,
    Instant enteredQueueAt,
    @Nullable Instant acceptedAt,
    @Nullable Instant wrapUpDeadline,
    @Nullable SessionId reopens,
    List<SessionView.Note> notes,
    @Nullable ChatbotId chatbot,
    @Nullable Instant chatbotOwesSince,
    @Nullable Instant unansweredSince,
    boolean clientTracked,
    Set<String> tags) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the state is not live, a served session has no operator,
   *     a waiting one has neither group nor target, or one with a chatbot lacks its chatbot or group
   */
  public RestoredSession {
    requireNonNull(id, "id");
    requireNonNull(entry, "entry");
    requireNonNull(state, "state");
    tags = Set.copyOf(tags);
    collaborators = List.copyOf(collaborators);
    requireNonNull(arrivedAt, "arrivedAt");
    requireNonNull(enteredQueueAt, "enteredQueueAt");
    notes = List.copyOf(notes);
    if (state.terminal()) {
      throw new IllegalArgumentException("session " + id + " is " + state + ": only live sessions are restored");
    }
    if (!state.waiting() && state != SessionState.CHATBOT && operator == null) {
      throw new IllegalArgumentException("session " + id + " is " + state + " but has no operator");
    }
    if (state == SessionState.CHATBOT && (chatbot == null || group == null)) {
      throw new IllegalArgumentException("session " + id + " is with a chatbot but names no chatbot or no group");
    }
    if (group == null && target == null) {
      throw new IllegalArgumentException("session " + id + " has neither a group nor an operator to wait for");
    }
  }
}
