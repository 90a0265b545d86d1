package dev.parley.transport.netty;

import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Who holds each live session (its operator and collaborators), kept from the engine's events so
 * that a message reaches its operators without asking the engine for a snapshot on every message.
 * A session the roster never saw (the server started after it) is looked up once in the engine's
 * snapshot.
 *
 * <p>Thread safety: safe for use by any number of threads; each entry is an immutable value
 * replaced whole.
 */
final class SessionRoster {
  /** By tenant, then session: a key of the two would be an object made for every message. */
  private final Map<TenantId, Map<SessionId, Holders>> holders = new ConcurrentHashMap<>();
  private final Function<TenantId, Function<SessionId, Optional<SessionView>>> engine;

  /** A session's operator (null while it waits), collaborators, and when he accepted it. */
  record Holders(@Nullable OperatorId operator, List<OperatorId> collaborators, @Nullable Instant acceptedAt) {
    static final Holders NONE = new Holders(null, List.of(), null);

    /** Whether {@code op} serves or helps in the session. */
    boolean has(OperatorId op) {
      return op.equals(operator) || collaborators.contains(op);
    }

    List<OperatorId> all() {
      List<OperatorId> all = new ArrayList<>(collaborators.size() + 1);
      if (operator != null) {
        all.add(operator);
      }
      all.addAll(collaborators);
      return all;
    }
  }

  /** @param engine how to find a live session the roster never saw: tenant → session → view */
  SessionRoster(Function<TenantId, Function<SessionId, Optional<SessionView>>> engine) {
    this.engine = engine;
  }

  /** Follows one event. */
  void apply(Event e) {
    if (e instanceof Event.SessionAccepted) {
      Event.SessionAccepted a = (Event.SessionAccepted) e;
      sessions(a.tenant()).put(a.session(), new Holders(a.operator(), List.of(), a.at()));
    } else if (e instanceof Event.CollaboratorChanged) {
      Event.CollaboratorChanged c = (Event.CollaboratorChanged) e;
      sessions(c.tenant()).computeIfPresent(c.session(), (k, h) -> {
        List<OperatorId> collaborators = new ArrayList<>(h.collaborators());
        collaborators.remove(c.collaborator());
        if (c.joined()) {
          collaborators.add(c.collaborator());
        }
        return new Holders(h.operator(), collaborators, h.acceptedAt());
      });
    } else if (e instanceof Event.SessionRequeued) {
      sessions(e.tenant()).remove(((Event.SessionRequeued) e).session());
    } else if (e instanceof Event.SessionEvent && ((Event.SessionEvent) e).state().terminal()) {
      sessions(e.tenant()).remove(((Event.SessionEvent) e).session());
    }
  }

  /** Who holds the session now; {@link Holders#NONE} while it waits or once it closed. */
  Holders of(TenantId tenant, SessionId session) {
    Map<SessionId, Holders> sessions = sessions(tenant);
    Holders known = sessions.get(session);
    if (known != null) {
      return known;
    }
    return engine.apply(tenant).apply(session)
        .filter(v -> v.operator() != null && !v.state().waiting())
        .map(v -> {
          Holders h = new Holders(v.operator(), v.collaborators(), null);
          sessions.putIfAbsent(session, h);
          return h;
        })
        .orElse(Holders.NONE);
  }

  private Map<SessionId, Holders> sessions(TenantId tenant) {
    return holders.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
  }
}
