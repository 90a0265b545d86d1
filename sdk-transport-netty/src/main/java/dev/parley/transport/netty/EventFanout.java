package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.GroupCounts;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one listener through which engine events reach WebSocket peers: each event goes to the
 * connections it concerns (a session's client, its operator and collaborators, the operator an
 * offer is made to), and a change of the queues schedules a waiting-list push to the tenant's
 * operators and a position push to its waiting clients, coalesced per connection so that a burst
 * of events costs one push.
 *
 * <p>Threading: called on the engine's event executor. It never blocks it: frames are serialized
 * here and handed to each connection's event loop; a connection that does not read is dropped by
 * {@link Peer#send}, never waited for.
 */
final class EventFanout implements EventListener {
  private final Parley parley;
  private final Peers peers;
  private final SessionRoster roster;
  private final WaitEstimate estimate = new WaitEstimate();
  private final Consumer<Peer> pushWaiting = this::pushWaiting;
  /** Pushes a client's queue position, if it changed. */
  final Consumer<Peer> pushPosition = this::pushPosition;

  EventFanout(Parley parley, Peers peers) {
    this.parley = parley;
    this.peers = peers;
    this.roster = new SessionRoster(tenant -> session -> parley.snapshot(tenant).session(session));
  }

  SessionRoster roster() {
    return roster;
  }

  @Override
  public void onEvent(Event e) {
    TenantId tenant = e.tenant();
    if (e instanceof Event.MessagePosted) {
      message((Event.MessagePosted) e);
    } else if (e instanceof Event.SessionEvent) {
      session((Event.SessionEvent) e);
      queueChanged(tenant);
    } else if (e instanceof Event.OperatorStatusChanged) {
      Event.OperatorStatusChanged s = (Event.OperatorStatusChanged) e;
      sendTo(peers.operator(tenant, s.operator()), Frames.status(s.to()));
      queueChanged(tenant);
    } else if (e instanceof Event.ChannelSwitched) {
      Event.ChannelSwitched s = (Event.ChannelSwitched) e;
      sendTo(peers.operator(tenant, s.operator()), Frames.of("switched")
          .put("channel", s.channel().name()).put("on", s.on()));
      queueChanged(tenant);
    }
    roster.apply(e);
  }

  /** A message reaches the client and everyone who serves the session, but not its author. */
  private void message(Event.MessagePosted m) {
    ByteBuf frame = Frames.message(m);
    Peer last = null;
    if (m.actor().kind() != Actor.Kind.CLIENT) {
      last = handOn(peers.client(m.tenant(), m.session()), frame, last);
    }
    SessionRoster.Holders holders = roster.of(m.tenant(), m.session());
    if (holders.operator() != null && !wrote(m, holders.operator())) {
      last = handOn(peers.operator(m.tenant(), holders.operator()), frame, last);
    }
    for (int i = 0; i < holders.collaborators().size(); i++) { // no iterator, for every message
      OperatorId op = holders.collaborators().get(i);
      if (!wrote(m, op)) {
        last = handOn(peers.operator(m.tenant(), op), frame, last);
      }
    }
    if (last != null) {
      last.send(frame);
    } else {
      frame.release();
    }
  }

  /**
   * Sends a duplicate of {@code frame} to {@code last}, if any, and to each of {@code peers} but
   * the last one, which it returns: the last peer of all takes the frame itself, so that the one
   * recipient of most messages costs no duplicate.
   */
  private static @Nullable Peer handOn(List<Peer> peers, ByteBuf frame, @Nullable Peer last) {
    for (int i = 0; i < peers.size(); i++) {
      if (last != null) {
        last.send(frame.retainedDuplicate());
      }
      last = peers.get(i);
    }
    return last;
  }

  private static boolean wrote(Event.MessagePosted m, OperatorId op) {
    return m.actor().kind() == Actor.Kind.OPERATOR && m.actor().id().equals(op.value());
  }

  private void session(Event.SessionEvent e) {
    TenantId tenant = e.tenant();
    SessionId session = e.session();
    Collection<Peer> client = peers.client(tenant, session);
    if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      ObjectNode offer = Frames.session("offer", session);
      parley.snapshot(tenant).session(session).ifPresent(v -> offer.set("preview", Views.live(v)));
      o.operators().forEach(op -> sendTo(peers.operator(tenant, op), offer));
    } else if (e instanceof Event.OfferEnded) {
      Event.OfferEnded o = (Event.OfferEnded) e;
      sendTo(peers.operator(tenant, o.operator()), Frames.session("offer_ended", session).put("reason", o.reason().name()));
    } else if (e instanceof Event.SessionAccepted) {
      Event.SessionAccepted a = (Event.SessionAccepted) e;
      sendTo(client, Frames.of("joined").put("operator", a.operator().value()));
      sendTo(peers.operator(tenant, a.operator()), Frames.session("accepted", session));
    } else if (e instanceof Event.SessionRequeued) {
      Event.SessionRequeued r = (Event.SessionRequeued) e;
      sendTo(client, Frames.of("transferred").put("reason", r.reason().name()));
      if (r.previousOperator() != null) {
        sendTo(peers.operator(tenant, r.previousOperator()), Frames.session("released", session)
            .put("reason", r.reason().name()));
      }
    } else if (e instanceof Event.SessionAbandoned) {
      sendTo(client, Frames.of("ended").put("reason", "ABANDONED"));
    } else if (e instanceof Event.SessionEndedByChatbot) {
      sendTo(client, Frames.of("ended").put("reason", "CHATBOT_ENDED"));
    } else if (e instanceof Event.SessionRefused) {
      Event.SessionRefused r = (Event.SessionRefused) e;
      sendTo(client, Frames.of("refused").put("reason", r.reason().name()).put("offlineForm", r.offlineForm()));
    } else if (e instanceof Event.SessionEnded) {
      ended((Event.SessionEnded) e, client);
    } else if (e instanceof Event.WrapUpCompleted) {
      Event.WrapUpCompleted w = (Event.WrapUpCompleted) e;
      sendTo(peers.operator(tenant, w.operator()), Frames.session("wrapped", session).put("timedOut", w.timedOut()));
    } else if (e instanceof Event.NoteAdded || e instanceof Event.TagChanged || e instanceof Event.ParameterSet
        || e instanceof Event.FeedbackGiven || e instanceof Event.CollaboratorChanged) {
      updated(e);
    }
  }

  private void ended(Event.SessionEnded e, Collection<Peer> client) {
    sendTo(client, Frames.of("ended").put("reason", e.reason().name()));
    ObjectNode frame = Frames.session("ended", e.session()).put("reason", e.reason().name()).put("state", e.state().name());
    SessionRoster.Holders holders = roster.of(e.tenant(), e.session());
    if (!holders.has(e.operator())) {
      sendTo(peers.operator(e.tenant(), e.operator()), frame);
    }
    holders.all().forEach(op -> sendTo(peers.operator(e.tenant(), op), frame));
    if (holders.acceptedAt() != null) {
      estimate.handled(e.tenant(), Duration.between(holders.acceptedAt(), e.at()));
    }
  }

  private void updated(Event.SessionEvent e) {
    ObjectNode frame = Frames.updated(e);
    roster.of(e.tenant(), e.session()).all().forEach(op -> sendTo(peers.operator(e.tenant(), op), frame));
    if (e instanceof Event.CollaboratorChanged && ((Event.CollaboratorChanged) e).joined()) {
      Event.CollaboratorChanged c = (Event.CollaboratorChanged) e;
      sendTo(peers.operator(e.tenant(), c.collaborator()), Frames.session("invited", e.session())
          .put("by", c.actor().id()));
    }
  }

  /** Relays a typing client to the session's operators, or a typing operator to its client. */
  void typing(TenantId tenant, SessionId session, Actor who) {
    ObjectNode frame = Frames.session("typing", session).put("from", Frames.from(who.kind()));
    if (who.kind() == Actor.Kind.CLIENT) {
      roster.of(tenant, session).all().forEach(op -> sendTo(peers.operator(tenant, op), frame));
    } else {
      sendTo(peers.client(tenant, session), frame);
    }
  }

  /** Schedules the pushes a change of the tenant's queues calls for. */
  void queueChanged(TenantId tenant) {
    for (Peer peer : peers.operatorsOf(tenant)) {
      peer.coalesce(peer.waitingDue, pushWaiting);
    }
    for (Peer peer : peers.clientsOf(tenant)) {
      peer.coalesce(peer.positionDue, pushPosition);
    }
  }

  /** The operator's waiting list with preview, now. */
  private void pushWaiting(Peer peer) {
    Principal p = peer.principal();
    if (p != null) {
      peer.send(Frames.waiting(parley.snapshot(p.tenant()).waitingFor(p.operator())));
    }
  }

  /** The client's queue position and estimated wait, when they changed. */
  private void pushPosition(Peer peer) {
    Principal p = peer.principal();
    if (p == null) {
      return;
    }
    TenantSnapshot snapshot = parley.snapshot(p.tenant());
    SessionView v = snapshot.session(p.session()).orElse(null);
    int position = v == null || !v.state().waiting() ? 0 : v.position();
    if (position == peer.lastPosition || position == 0) {
      peer.lastPosition = position;
      return;
    }
    peer.lastPosition = position;
    int online = snapshot.redirectPicker().stream().filter(g -> g.group().equals(v.group()))
        .mapToInt(GroupCounts::online).findFirst().orElse(0);
    peer.send(Frames.of("queue").put("position", position)
        .put("estimatedWaitSeconds", estimate.seconds(p.tenant(), position, online)));
  }

  /** Sends a frame serialized once to every one of {@code peers}. */
  private static void sendTo(Collection<Peer> peers, ObjectNode frame) {
    if (!peers.isEmpty()) {
      byte[] bytes = Json.bytes(frame);
      for (Peer peer : peers) {
        peer.send(Unpooled.wrappedBuffer(bytes));
      }
    }
  }
}
