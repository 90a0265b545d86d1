package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one listener through which engine events reach WebSocket peers: each event goes to the
 * connections it names (a session's client, the operators in its {@code audience}, the operators
 * an offer is made to), from what the event carries: it never reads the engine back. A change of
 * a queue is left to {@link QueuePushes}, which pushes the waiting lists and places it changed.
 *
 * <p>Threading: called on the engine's event executor. It never blocks it: frames are serialized
 * here and handed to each connection's event loop; a connection that does not read is dropped by
 * {@link Peer#send}, never waited for. Typing, which the engine does not keep, asks the engine for
 * the session's holders without waiting ({@link Parley#session}).
 */
final class EventFanout implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(EventFanout.class);

  private final Parley parley;
  private final Peers peers;
  final QueuePushes queues;

  /** @param loop where queue pushes are gathered: an event loop of the server */
  EventFanout(Parley parley, Peers peers, Executor loop) {
    this.parley = parley;
    this.peers = peers;
    this.queues = new QueuePushes(parley, peers, loop);
  }

  @Override
  public void onEvent(Event e) {
    TenantId tenant = e.tenant();
    if (e instanceof Event.MessagePosted m) {
      message(m);
    } else if (e instanceof Event.QueueChanged q) {
      queues.changed(q);
    } else if (e instanceof Event.SessionEvent s) {
      session(s);
    } else if (e instanceof Event.OperatorStatusChanged s) {
      sendTo(peers.operator(tenant, s.operator()), Frames.status(s.to()));
    } else if (e instanceof Event.ChannelSwitched s) {
      sendTo(peers.operator(tenant, s.operator()), Frames.of("switched")
          .put("channel", s.channel().name()).put("on", s.on()));
    } else if (e instanceof Event.TenantConfigured c) {
      sendTo(peers.operatorsOf(tenant), Frames.settings(c.settings()));
    } else if (e instanceof Event.OperatorDefined d) {
      queues.operator(tenant, d.spec().id()); // his groups may have changed: so has his waiting list
    }
  }

  /** A message reaches the client and everyone who serves the session, but not its author. */
  private void message(Event.MessagePosted m) {
    ByteBuf frame = Frames.message(m);
    Peer last = null;
    if (m.actor().kind() != Actor.Kind.CLIENT) {
      last = handOn(peers.client(m.tenant(), m.session()), frame, last);
    }
    List<OperatorId> audience = m.audience();
    for (int i = 0; i < audience.size(); i++) { // no iterator, for every message
      OperatorId op = audience.get(i);
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
    if (e instanceof Event.SessionOffered o) {
      ObjectNode offer = Frames.session("offer", session);
      offer.set("preview", Views.live(o.preview()));
      o.operators().forEach(op -> sendTo(peers.operator(tenant, op), offer));
    } else if (e instanceof Event.OfferEnded o) {
      sendTo(peers.operator(tenant, o.operator()), Frames.session("offer_ended", session).put("reason", o.reason().name()));
    } else if (e instanceof Event.SessionAccepted a) {
      sendTo(client, Frames.of("joined").put("operator", a.operator().value()));
      sendTo(peers.operator(tenant, a.operator()), Frames.session("accepted", session));
    } else if (e instanceof Event.SessionRequeued r) {
      sendTo(client, Frames.of("transferred").put("reason", r.reason().name()));
      if (r.previousOperator() != null) {
        sendTo(peers.operator(tenant, r.previousOperator()), Frames.session("released", session)
            .put("reason", r.reason().name()));
      }
    } else if (e instanceof Event.SessionAbandoned a) {
      sendTo(client, Frames.of("ended").put("reason", "ABANDONED").put("why", a.reason().name()));
    } else if (e instanceof Event.SessionEndedByChatbot) {
      sendTo(client, Frames.of("ended").put("reason", "CHATBOT_ENDED"));
    } else if (e instanceof Event.SessionRefused r) {
      sendTo(client, Frames.of("refused").put("reason", r.reason().name()).put("offlineForm", r.offlineForm()));
    } else if (e instanceof Event.SessionEnded x) {
      sendTo(client, Frames.of("ended").put("reason", x.reason().name()));
      ObjectNode frame = Frames.session("ended", session).put("reason", x.reason().name()).put("state", x.state().name());
      if (!x.audience().contains(x.operator())) {
        sendTo(peers.operator(tenant, x.operator()), frame);
      }
      toAudience(tenant, x.audience(), frame);
    } else if (e instanceof Event.WrapUpCompleted w) {
      sendTo(peers.operator(tenant, w.operator()), Frames.session("wrapped", session).put("timedOut", w.timedOut()));
    } else if (e instanceof Event.ClientPresenceChanged p) {
      ObjectNode frame = Frames.session("client_presence", session).put("connected", p.connected());
      if (p.graceEnds() != null) {
        frame.put("graceEnds", p.graceEnds().toString());
      }
      toAudience(tenant, p.audience(), frame);
    } else if (e instanceof Event.CollaboratorChanged c) {
      ObjectNode frame = Frames.updated(e);
      toAudience(tenant, c.audience(), frame);
      if (c.joined()) {
        sendTo(peers.operator(tenant, c.collaborator()), Frames.session("invited", session).put("by", c.actor().id()));
      }
    } else if (e instanceof Event.NoteAdded n) {
      toAudience(tenant, n.audience(), Frames.updated(e));
    } else if (e instanceof Event.TagChanged t) {
      toAudience(tenant, t.audience(), Frames.updated(e));
    } else if (e instanceof Event.ParameterSet p) {
      toAudience(tenant, p.audience(), Frames.updated(e));
    } else if (e instanceof Event.ClientEdited c) {
      toAudience(tenant, c.audience(), Frames.updated(e));
    } else if (e instanceof Event.FeedbackGiven f) {
      toAudience(tenant, f.audience(), Frames.updated(e));
    }
  }

  private void toAudience(TenantId tenant, List<OperatorId> audience, ObjectNode frame) {
    for (OperatorId op : audience) {
      sendTo(peers.operator(tenant, op), frame);
    }
  }

  /**
   * Relays a typing client to the session's operators, or a typing operator to its client, once
   * the engine said who serves the session (without waiting for it); an operator who does not
   * serve it is refused through {@code refused}.
   */
  void typing(TenantId tenant, SessionId session, Actor who, Runnable refused) {
    parley.session(tenant, session).whenComplete((view, failure) -> {
      if (failure != null || view.isEmpty()) {
        log.trace("typing in session {} not relayed: {}", session, failure == null ? "unknown session" : failure.toString());
        return;
      }
      List<OperatorId> serving = Views.serving(view.get());
      ObjectNode frame = Frames.session("typing", session).put("from", Frames.from(who.kind()));
      if (who.kind() == Actor.Kind.CLIENT) {
        toAudience(tenant, serving, frame);
      } else if (serving.contains(OperatorId.of(who.id()))) {
        sendTo(peers.client(tenant, session), frame);
      } else {
        refused.run();
      }
    });
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
