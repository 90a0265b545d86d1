package dev.parley.testkit;

import dev.parley.core.Actor;
import dev.parley.core.Command;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.Explanation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One client's session in a {@link TestContactCenter}: what the client can do (leave the queue,
 * hang up, rate the conversation, write again) and {@link #assertThat()}, the checks of where the
 * session went.
 *
 * <pre>{@code
 * ScriptedClient jana = center.arrive(Entry.builder(WEB_CHAT).language("cs").build());
 * jana.assertThat().isQueued().inGroup(CZECH).atPosition(1);
 * jana.abandon();
 * jana.assertThat().isAbandoned();
 * }</pre>
 *
 * <p>Thread safety: not thread-safe; use it from the center's test thread.
 */
public final class ScriptedClient {
  private final TestContactCenter center;
  private final SessionId id;

  ScriptedClient(TestContactCenter center, SessionId id) {
    this.center = center;
    this.id = id;
  }

  /** The session's id. */
  public SessionId id() {
    return id;
  }

  /** Checks of where the session is now and where it went. */
  public SessionAssert assertThat() {
    return new SessionAssert(center, this);
  }

  /** The session's events so far, oldest first. */
  public List<Event.SessionEvent> events() {
    return center.eventsOf(id);
  }

  /** The engine's account of why the session went where it went; see {@link TestContactCenter#explain}. */
  public Explanation explain() {
    return center.explain(this);
  }

  /** Leaves while waiting: the session is abandoned. */
  public ScriptedClient abandon() {
    center.submit(new Command.Abandon(id));
    return this;
  }

  /** Leaves the conversation: the active session ends by the client's side. */
  public ScriptedClient leave() {
    center.submit(new Command.End(id, Actor.CLIENT));
    return this;
  }

  /** Rates the conversation, 1 to 5. */
  public ScriptedClient feedback(int rating) {
    return feedback(rating, null);
  }

  /** Rates the conversation, 1 to 5, with a comment. */
  public ScriptedClient feedback(int rating, @Nullable String comment) {
    center.submit(new Command.Feedback(id, rating, comment));
    return this;
  }

  /**
   * Writes again after the end, on a reopenable messaging channel: a new session under the next
   * generated id, linked to this one and routed to its group.
   */
  public ScriptedClient reopen() {
    SessionId next = center.nextSessionId();
    center.submit(new Command.Reopen(id, next, Actor.CLIENT));
    return new ScriptedClient(center, next);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ScriptedClient && ((ScriptedClient) o).center == center && ((ScriptedClient) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "client of " + id;
  }
}
