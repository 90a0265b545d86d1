package dev.parley.core;

import dev.parley.core.event.Event;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.core.stats.TenantStatistics;
import dev.parley.core.stats.WaitEstimate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One tenant of a {@link Parley} engine, with a method per common command. Each returns the
 * command's events, as {@link Parley#submit} does; anything else goes through {@link
 * #submit(Command)}.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class Tenant {
  private final Parley parley;
  private final TenantId id;

  Tenant(Parley parley, TenantId id) {
    this.parley = parley;
    this.id = id;
  }

  /** The tenant's id. */
  public TenantId id() {
    return id;
  }

  /** Applies any command to this tenant. */
  public CompletableFuture<List<Event>> submit(Command command) {
    return parley.submit(id, command);
  }

  /** Replaces the tenant's settings. */
  public CompletableFuture<List<Event>> configure(TenantSettings settings) {
    return submit(new Command.ConfigureTenant(settings));
  }

  /** Creates or changes a group. */
  public CompletableFuture<List<Event>> defineGroup(GroupSpec spec) {
    return submit(new Command.DefineGroup(spec));
  }

  /** Creates or changes a chatbot, which groups may then name as their first responder. */
  public CompletableFuture<List<Event>> defineChatbot(ChatbotSpec spec) {
    return submit(new Command.DefineChatbot(spec));
  }

  /** Creates or changes an operator. */
  public CompletableFuture<List<Event>> defineOperator(OperatorSpec spec) {
    return submit(new Command.DefineOperator(spec));
  }

  /** Changes an operator's status. */
  public CompletableFuture<List<Event>> setStatus(OperatorId operator, OperatorStatus status) {
    return submit(new Command.SetStatus(operator, status));
  }

  /**
   * A client arrives with a fresh random session id; the first event ({@code SessionQueued} or
   * {@code SessionRefused}) carries it.
   */
  public CompletableFuture<List<Event>> arrive(Entry entry) {
    return arrive(SessionId.of(UUID.randomUUID().toString()), entry);
  }

  /** A client arrives under a session id of the host's choosing. */
  public CompletableFuture<List<Event>> arrive(SessionId session, Entry entry) {
    return submit(new Command.Arrive(session, entry));
  }

  /** An operator accepts an offered session. */
  public CompletableFuture<List<Event>> accept(SessionId session, OperatorId operator) {
    return submit(new Command.Accept(session, operator));
  }

  /** An operator declines an offered session. */
  public CompletableFuture<List<Event>> decline(SessionId session, OperatorId operator) {
    return submit(new Command.Decline(session, operator));
  }

  /** Ends an active session. */
  public CompletableFuture<List<Event>> end(SessionId session, Actor by) {
    return submit(new Command.End(session, by));
  }

  /** Completes a session's wrap-up. */
  public CompletableFuture<List<Event>> completeWrapUp(SessionId session, OperatorId operator, String result) {
    return submit(new Command.CompleteWrapUp(session, operator, result, null));
  }

  /** The client leaves while waiting. */
  public CompletableFuture<List<Event>> abandon(SessionId session) {
    return submit(new Command.Abandon(session));
  }

  /** Posts a text message into a session; see {@link Command.PostMessage}. */
  public CompletableFuture<List<Event>> post(SessionId session, Actor by, String messageId, String text) {
    return submit(new Command.PostMessage(session, by, messageId, text, List.of()));
  }

  /** Adds a tag to a session. */
  public CompletableFuture<List<Event>> tag(SessionId session, Actor by, String tag) {
    return submit(new Command.Tag(session, by, tag, true));
  }

  /** The tenant's routing state now; see {@link Parley#snapshot}. */
  public TenantSnapshot snapshot() {
    return parley.snapshot(id);
  }

  /** The tenant's live statistics now; see {@link Parley#statistics}. */
  public TenantStatistics statistics() {
    return parley.statistics(id);
  }

  /** A waiting client's place and expected wait; see {@link Parley#estimate}. */
  public Optional<WaitEstimate> estimate(SessionId session) {
    return parley.estimate(id, session);
  }

  @Override
  public String toString() {
    return "Tenant{" + id + "}";
  }
}
