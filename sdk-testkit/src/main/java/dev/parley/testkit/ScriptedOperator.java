package dev.parley.testkit;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One operator of a {@link TestContactCenter}, doing what an operator does in the console: going
 * online, accepting, declining, ending, wrapping up, redirecting. Each action is one engine command
 * acting as this operator, run to completion before the method returns; each returns this script,
 * so a test can chain the steps of a conversation.
 *
 * <pre>{@code
 * ScriptedOperator alice =
 *     center.operator(OperatorSpec.builder(ALICE).group(SALES).channel(WEB_CHAT).build()).online();
 * ScriptedClient jana = center.arrive(chat);
 * alice.accept(jana).end(jana).wrapUp(jana, "sold");
 * jana.assertThat().isEnded();
 * }</pre>
 *
 * <p>An action the engine refuses throws the engine's exception (an {@link
 * dev.parley.core.NotPermittedException} for accepting a session offered to someone else, say)
 * and changes nothing.
 *
 * <p>Thread safety: not thread-safe; use it from the center's test thread.
 */
public final class ScriptedOperator {
  private final TestContactCenter center;
  private final OperatorId id;

  ScriptedOperator(TestContactCenter center, OperatorId id) {
    this.center = center;
    this.id = id;
  }

  /** The operator's id. */
  public OperatorId id() {
    return id;
  }

  /** His status now. */
  public OperatorStatus status() {
    return center.snapshot().status(id).orElseThrow(() -> new IllegalStateException("operator " + id + " was removed"));
  }

  /**
   * What he sees in his waiting list now, with preview data: sessions waiting for him alone, then
   * those waiting in his groups on his channels.
   */
  public List<SessionView> waitingList() {
    return center.snapshot().waitingFor(id);
  }

  // ---------------------------------------------------------------------------------------------
  // Status and switches

  /** Logs in, or comes back: he takes new sessions. */
  public ScriptedOperator online() {
    return setStatus(OperatorStatus.ONLINE);
  }

  /** Goes away with no reason: keeps his sessions, his pending offers are withdrawn. */
  public ScriptedOperator away() {
    return setStatus(OperatorStatus.AWAY);
  }

  /** Goes away for a reason, e.g. {@code "lunch"}. */
  public ScriptedOperator away(String reason) {
    return setStatus(OperatorStatus.away(reason));
  }

  /** Logs out: his active sessions go back to their queues. */
  public ScriptedOperator offline() {
    return setStatus(OperatorStatus.OFFLINE);
  }

  /** Switches one of his channels off himself (refused when the tenant locks switches). */
  public ScriptedOperator switchOff(Channel channel) {
    return run(new Command.SwitchChannel(id, channel, false, actor()));
  }

  /** Switches one of his channels back on himself. */
  public ScriptedOperator switchOn(Channel channel) {
    return run(new Command.SwitchChannel(id, channel, true, actor()));
  }

  /** Marks his phone line available or not. */
  public ScriptedOperator phoneLine(boolean available) {
    return run(new Command.SetPhoneLine(id, available));
  }

  // ---------------------------------------------------------------------------------------------
  // A session's life

  /** Accepts the session offered to him. */
  public ScriptedOperator accept(ScriptedClient client) {
    return run(new Command.Accept(session(client), id));
  }

  /** Declines the session offered to him; it goes to the next operator. */
  public ScriptedOperator decline(ScriptedClient client) {
    return run(new Command.Decline(session(client), id));
  }

  /** Ends the conversation: the session goes to wrap-up, or ends when its group has none. */
  public ScriptedOperator end(ScriptedClient client) {
    return run(new Command.End(session(client), actor()));
  }

  /** Completes the wrap-up with a result. */
  public ScriptedOperator wrapUp(ScriptedClient client, String result) {
    return run(new Command.CompleteWrapUp(session(client), id, result, null));
  }

  /** Completes the wrap-up with a result and a note. */
  public ScriptedOperator wrapUp(ScriptedClient client, String result, String note) {
    return run(new Command.CompleteWrapUp(session(client), id, result, requireNonNull(note, "note")));
  }

  /** Redirects a session he holds, or one waiting in his groups, to another group. */
  public ScriptedOperator redirect(ScriptedClient client, GroupId group) {
    return redirect(client, group, null);
  }

  /** Redirects a session to another group with a note the next operator sees. */
  public ScriptedOperator redirect(ScriptedClient client, GroupId group, @Nullable String note) {
    return run(Command.Redirect.toGroup(session(client), actor(), group, note));
  }

  /** Redirects a session to one operator. */
  public ScriptedOperator redirectTo(ScriptedClient client, ScriptedOperator operator) {
    return redirectTo(client, operator, null);
  }

  /** Redirects a session to one operator with a note he sees. */
  public ScriptedOperator redirectTo(ScriptedClient client, ScriptedOperator operator, @Nullable String note) {
    requireNonNull(operator, "operator");
    return run(Command.Redirect.toOperator(session(client), actor(), operator.id(), note));
  }

  /** Adds a note to a live or recently ended session. */
  public ScriptedOperator note(ScriptedClient client, String text) {
    return run(new Command.AddNote(session(client), actor(), text));
  }

  /** Invites another online operator into the active session he serves. */
  public ScriptedOperator inviteCollaborator(ScriptedClient client, ScriptedOperator collaborator) {
    requireNonNull(collaborator, "collaborator");
    return run(new Command.InviteCollaborator(session(client), id, collaborator.id()));
  }

  /** Leaves a session he collaborates on. */
  public ScriptedOperator leaveCollaboration(ScriptedClient client) {
    return run(new Command.LeaveCollaboration(session(client), id));
  }

  /** Blocks the client of the session he serves; the session ends. */
  public ScriptedOperator block(ScriptedClient client, String reason) {
    return run(new Command.BlockClientOf(session(client), id, reason));
  }

  // ---------------------------------------------------------------------------------------------
  // Invitations

  /**
   * Makes a one-off invitation with the tenant's default validity and returns its six-digit code,
   * for an entry: {@code Entry.builder(WEB_CHAT).invitationCode(alice.invite()).build()}.
   */
  public String invite() {
    return invitation(new Command.CreateInvitation(id, false, null));
  }

  /** Makes a one-off invitation valid for {@code validity} and returns its code. */
  public String invite(Duration validity) {
    return invitation(new Command.CreateInvitation(id, false, requireNonNull(validity, "validity")));
  }

  /** Makes an invitation usable any number of times within {@code validity} and returns its code. */
  public String reusableInvite(Duration validity) {
    return invitation(new Command.CreateInvitation(id, true, requireNonNull(validity, "validity")));
  }

  private String invitation(Command.CreateInvitation command) {
    for (Event e : center.submit(command)) {
      if (e instanceof Event.InvitationCreated) {
        return ((Event.InvitationCreated) e).code();
      }
    }
    throw new IllegalStateException("the engine made no invitation for " + id);
  }

  private ScriptedOperator setStatus(OperatorStatus status) {
    return run(new Command.SetStatus(id, status));
  }

  private ScriptedOperator run(Command command) {
    center.submit(command);
    return this;
  }

  private Actor actor() {
    return Actor.operator(id);
  }

  private static SessionId session(ScriptedClient client) {
    return requireNonNull(client, "client").id();
  }

  @Override
  public String toString() {
    return "operator " + id;
  }
}
