package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.ChatbotId;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A session as the engine sees it at one moment: what a waiting-list preview, a client tab or an
 * administrator's live view shows.
 *
 * <p>Thread safety: immutable.
 *
 * @param id the session
 * @param state its state
 * @param entry how the client came
 * @param group the group it belongs to (null for an invitation)
 * @param waitsFor the one operator it waits for (invitation, redirect to him), or null
 * @param operator who holds it: offered to him alone, serving, or wrapping up; else null
 * @param offeredTo the operators a whole-group offer stands to
 * @param collaborators operators invited into it
 * @param priority its priority within its queue
 * @param arrivedAt when the client arrived
 * @param waitingSince when it last entered a queue
 * @param position its 1-based place in its queue while it waits; 0 otherwise
 * @param notes the operators' notes, oldest first; they travel along redirects
 * @param reopens the ended session it continues, or null
 * @param chatbot the chatbot that was its first responder (it has the session while its state is
 *     {@link SessionState#CHATBOT}), or null
 */
public record SessionView(
    SessionId id,
    SessionState state,
    Entry entry,
    @Nullable GroupId group,
    @Nullable OperatorId waitsFor,
    @Nullable OperatorId operator,
    List<OperatorId> offeredTo,
    List<OperatorId> collaborators,
    int priority,
    Instant arrivedAt,
    Instant waitingSince,
    int position,
    List<Note> notes,
    @Nullable SessionId reopens,
    @Nullable ChatbotId chatbot) {

  /** Copies the lists. */
  public SessionView {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(entry, "entry");
    offeredTo = List.copyOf(offeredTo);
    collaborators = List.copyOf(collaborators);
    notes = List.copyOf(notes);
  }

  /** The chatbot that was its first responder, when it had one. */
  public Optional<ChatbotId> chatbotId() {
    return Optional.ofNullable(chatbot);
  }

  /** The group, when it has one. */
  public Optional<GroupId> groupId() {
    return Optional.ofNullable(group);
  }

  /**
   * A note on a session.
   *
   * @param at when it was written
   * @param by who wrote it
   * @param text what it says
   */
  public record Note(Instant at, Actor by, String text) {
    /** Checks the components. */
    public Note {
      requireNonNull(at, "at");
      requireNonNull(by, "by");
      requireNonNull(text, "text");
    }
  }
}
