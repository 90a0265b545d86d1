package dev.parley.testkit;

import static java.util.Objects.requireNonNull;

import dev.parley.core.GroupId;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event.RefusalReason;
import dev.parley.core.routing.SessionView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks of where one session is now and where it went, read from the engine's snapshot and the
 * recorded events at the moment each check runs. Checks chain: {@code
 * jana.assertThat().isQueued().inGroup(CZECH).atPosition(2)}.
 *
 * <p>A failed check throws {@link AssertionError} with what was expected, what the session is
 * instead, its story event by event, and the engine's {@linkplain
 * dev.parley.core.routing.Explanation explanation} of its routing (every operator as a candidate,
 * or why not):
 *
 * <pre>
 * Expected session-1 to be offered to bob,
 *  but it is OFFERED to [alice] in group sales.
 *
 * What happened to session-1:
 *   +0s       queued in group sales  [client]
 *   +0s       offered to [alice] from group sales  [system]
 *
 * The engine's explanation:
 * session session-1 is OFFERED
 *   routed by: the entry asked for group sales
 *   ...
 * </pre>
 *
 * <p>Thread safety: not thread-safe; use it from the center's test thread.
 */
public final class SessionAssert {
  private final TestContactCenter center;
  private final ScriptedClient client;

  SessionAssert(TestContactCenter center, ScriptedClient client) {
    this.center = center;
    this.client = client;
  }

  // ---------------------------------------------------------------------------------------------
  // States

  /** The session waits in a queue, offered to no one. */
  public SessionAssert isQueued() {
    return hasState(SessionState.QUEUED);
  }

  /** The session is offered to {@code operator}: to him alone, or to him among a whole group. */
  public SessionAssert isOfferedTo(ScriptedOperator operator) {
    requireNonNull(operator, "operator");
    if (!offeredNow().contains(operator.id())) {
      throw failure("be offered to " + operator.id());
    }
    return this;
  }

  /** The session is offered to all of these operators at once, and to no one else (a whole-group offer). */
  public SessionAssert isOfferedToAll(ScriptedOperator... operators) {
    List<OperatorId> expected = ids(operators);
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("name at least one operator the session should be offered to");
    }
    if (!new HashSet<>(offeredNow()).equals(new HashSet<>(expected))) {
      throw failure("be offered to all of " + expected + " and no one else");
    }
    return this;
  }

  /** An accepted session: {@code operator} serves the client. */
  public SessionAssert isActiveWith(ScriptedOperator operator) {
    requireNonNull(operator, "operator");
    SessionView v = view();
    if (v == null || v.state() != SessionState.ACTIVE || !operator.id().equals(v.operator())) {
      throw failure("be ACTIVE with " + operator.id());
    }
    return this;
  }

  /** The conversation is over and its operator writes the wrap-up. */
  public SessionAssert isInWrapUp() {
    return hasState(SessionState.WRAP_UP);
  }

  /** The session is over and wrapped up. */
  public SessionAssert isEnded() {
    return hasState(SessionState.ENDED);
  }

  /** The client left before being served. */
  public SessionAssert isAbandoned() {
    return hasState(SessionState.ABANDONED);
  }

  /** The session was turned away at the door for {@code reason}. */
  public SessionAssert wasRefused(RefusalReason reason) {
    requireNonNull(reason, "reason");
    if (!center.history(client.id()).refusal().equals(Optional.of(reason))) {
      throw failure("have been REFUSED (" + reason + ")");
    }
    return this;
  }

  /** The session is in {@code state}. */
  public SessionAssert hasState(SessionState state) {
    requireNonNull(state, "state");
    if (state() != state) {
      throw failure("be " + state);
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Where

  /** The session belongs to {@code group}: waits, is offered or served there (or last did, once over). */
  public SessionAssert inGroup(GroupId group) {
    requireNonNull(group, "group");
    SessionView v = view();
    GroupId actual = v != null ? v.group() : center.history(client.id()).group();
    if (!group.equals(actual)) {
      throw failure("be in group " + group);
    }
    return this;
  }

  /** The session waits for {@code operator} alone: an invitation, or a redirect to him. */
  public SessionAssert waitsFor(ScriptedOperator operator) {
    requireNonNull(operator, "operator");
    SessionView v = view();
    if (v == null || !v.state().waiting() || !operator.id().equals(v.waitsFor())) {
      throw failure("wait for operator " + operator.id());
    }
    return this;
  }

  /** The session waits at this 1-based place in its queue. */
  public SessionAssert atPosition(int position) {
    if (position < 1) {
      throw new IllegalArgumentException("queue positions start at 1, not " + position);
    }
    SessionView v = view();
    if (v == null || v.position() != position) {
      throw failure("wait at position " + position);
    }
    return this;
  }

  /** A note with exactly this text was written on the session (added, with a redirect, or with the wrap-up). */
  public SessionAssert hasNote(String text) {
    requireNonNull(text, "text");
    List<String> notes = center.history(client.id()).notes();
    if (!notes.contains(text)) {
      throw failure("have the note \"" + text + "\"", "has " + (notes.isEmpty() ? "no notes" : "the notes " + notes));
    }
    return this;
  }

  /**
   * The session was offered, so far, to exactly these operators in this order: a time-out or a
   * decline moving it on shows here.
   */
  public SessionAssert wasOfferedTo(ScriptedOperator... inOrder) {
    List<OperatorId> expected = ids(inOrder);
    List<OperatorId> actual = center.history(client.id()).offers();
    if (!actual.equals(expected)) {
      throw failure("have been offered to " + expected + ", in this order",
          (actual.isEmpty() ? "was offered to no one" : "was offered to " + actual) + "; it is " + describe());
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the session

  private @Nullable SessionView view() {
    return center.snapshot().session(client.id()).orElse(null);
  }

  private @Nullable SessionState state() {
    SessionView v = view();
    return v != null ? v.state() : center.history(client.id()).state().orElse(null);
  }

  private List<OperatorId> offeredNow() {
    SessionView v = view();
    if (v == null || v.state() != SessionState.OFFERED) {
      return List.of();
    }
    return v.operator() != null ? List.of(v.operator()) : v.offeredTo();
  }

  /** The session now, in words: "OFFERED to [alice] in group sales". */
  private String describe() {
    SessionView v = view();
    if (v == null) {
      SessionHistory h = center.history(client.id());
      Optional<SessionState> state = h.state();
      if (state.isEmpty()) {
        return "unknown to the engine: no event names it";
      }
      if (state.get() == SessionState.REFUSED) {
        return "REFUSED (" + h.refusal().map(Enum::name).orElse("?") + ")";
      }
      return state.get() + (h.group() != null ? " (last in group " + h.group() + ")" : "");
    }
    String where = v.waitsFor() != null ? "for operator " + v.waitsFor() : "in group " + v.group();
    switch (v.state()) {
      case QUEUED:
        return "QUEUED " + where + " at position " + v.position();
      case OFFERED:
        return "OFFERED to " + offeredNow() + " " + where;
      case ACTIVE:
        return "ACTIVE with " + v.operator() + (v.collaborators().isEmpty() ? "" : " and " + v.collaborators())
            + (v.group() != null ? " (group " + v.group() + ")" : "");
      case WRAP_UP:
        return "in WRAP_UP with " + v.operator();
      case CHATBOT:
        return "with CHATBOT " + v.chatbot() + " " + where;
      default:
        return v.state().name();
    }
  }

  private AssertionError failure(String expected) {
    return failure(expected, "is " + describe());
  }

  private AssertionError failure(String expected, String actual) {
    String id = client.id().value();
    return new AssertionError("Expected " + id + " to " + expected + ",\n but it " + actual + ".\n\n"
        + "What happened to " + id + ":\n" + center.history(client.id()).story(center.start()) + "\n"
        + "The engine's explanation:\n" + explanation());
  }

  private String explanation() {
    try {
      return client.explain().toString();
    } catch (NoSuchSessionException e) {
      return "  (none: the engine does not know " + client.id()
          + "; it keeps nothing of a refused session, and an ended one only for the tenant's ended retention)\n";
    }
  }

  private static List<OperatorId> ids(ScriptedOperator... operators) {
    List<OperatorId> ids = new ArrayList<>(operators.length);
    for (ScriptedOperator op : operators) {
      ids.add(Objects.requireNonNull(op, "operator").id());
    }
    return ids;
  }

  @Override
  public String toString() {
    return "SessionAssert{" + client.id() + "}";
  }
}
