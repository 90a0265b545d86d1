package dev.parley.testkit;

import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of the test's tenant, in the order the engine made them, and each session's share of
 * them; other tenants' events (a host may use more through {@code parley()}) are not kept. The
 * engine calls it on the test's thread (same-thread mode) before a command returns.
 */
final class EventLog implements EventListener {
  private final TenantId tenant;
  private final List<Event> all = new ArrayList<>();
  private final Map<SessionId, List<Event.SessionEvent>> bySession = new HashMap<>();

  EventLog(TenantId tenant) {
    this.tenant = tenant;
  }

  @Override
  public void onEvent(Event event) {
    if (!event.tenant().equals(tenant)) {
      return;
    }
    all.add(event);
    if (event instanceof Event.SessionEvent) {
      Event.SessionEvent e = (Event.SessionEvent) event;
      bySession.computeIfAbsent(e.session(), id -> new ArrayList<>()).add(e);
    }
  }

  /** How many events so far: a mark for {@link #since}. */
  int size() {
    return all.size();
  }

  /** The events after {@code mark}. */
  List<Event> since(int mark) {
    return List.copyOf(all.subList(mark, all.size()));
  }

  /** Whether any event named the session. */
  boolean knows(SessionId session) {
    return bySession.containsKey(session);
  }

  /** The session's events, oldest first; empty for a session no event named. */
  List<Event.SessionEvent> of(SessionId session) {
    return List.copyOf(bySession.getOrDefault(session, List.of()));
  }
}
