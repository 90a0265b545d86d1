package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/client}: a web-chat visitor. He enters (or resumes with his session token) and from
 * then on every frame acts on his own session only: nothing he sends names another. The
 * connection's opening and closing are facts the engine is told ({@link Command.ClientConnection});
 * it decides, after the client grace, whether he left.
 */
final class ClientSocket extends SocketHandler {
  private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

  /** The session refused because nobody was online, whose offline form the client may fill in. */
  private volatile @Nullable Principal offlineForm;
  /** Set by the first {@code enter}: one connection, one arrival. Confined to the event loop. */
  private boolean entered;

  ClientSocket(ServerContext server, Peer peer) {
    super(server, peer);
  }

  @Override
  void handle(ByteBuf bytes) {
    ClientFrame frame = Protocol.client(bytes);
    if (frame instanceof ClientFrame.Enter) {
      enter((ClientFrame.Enter) frame);
    } else if (frame instanceof ClientFrame.Resume) {
      resume((ClientFrame.Resume) frame);
    } else if (frame instanceof ClientFrame.Offline) {
      offline((ClientFrame.Offline) frame);
    } else {
      Principal me = peer.principal();
      if (me == null) {
        throw new WireException(401, "Unauthorized", "enter or resume a session first").answering(frame.ref());
      }
      act(frame, me);
    }
  }

  private void act(ClientFrame frame, Principal me) {
    SessionId session = me.session();
    if (frame instanceof ClientFrame.Message) {
      ClientFrame.Message m = (ClientFrame.Message) frame;
      // Scoped to the session: a client cannot collide with another session's message ids.
      String id = m.id() != null ? session.value() + ":" + m.id() : MessageIds.scoped(session.value());
      answer(m.ref(), submit(me, new Command.PostMessage(session, Actor.CLIENT, id, m.text(), m.attachments())));
    } else if (frame instanceof ClientFrame.Typing) {
      server.fanout.typing(me.tenant(), session, Actor.CLIENT, () -> {});
    } else if (frame instanceof ClientFrame.Leave) {
      answer(frame.ref(), submit(me, Command.ClientLeaves.session(session)));
    } else if (frame instanceof ClientFrame.Feedback) {
      ClientFrame.Feedback f = (ClientFrame.Feedback) frame;
      answer(f.ref(), submit(me, new Command.Feedback(session, f.rating(), f.comment())));
    } else if (frame instanceof ClientFrame.Transcript t) {
      answer(t.ref(), submit(me, new Command.SendTranscript(session, Actor.CLIENT, t.email())));
    }
  }

  private void enter(ClientFrame.Enter enter) {
    if (entered || peer.principal() != null) {
      throw new WireException(409, "IllegalState", "this connection entered already").answering(enter.ref());
    }
    TenantId tenant = enter.tenant();
    if (!server.webTenants.contains(tenant)) {
      throw new WireException(404, "NoSuchTenant", "no web chat for tenant " + tenant).answering(enter.ref());
    }
    entered = true;
    SessionId session = SessionId.of(UUID.randomUUID().toString());
    Entry entry = fromBrowser(enter.entry());
    server.parley.submit(tenant, new Command.Arrive(session, entry)).whenComplete((events, failure) -> {
      if (failure != null) {
        peer.channel.eventLoop().execute(() -> entered = false); // nothing happened: he may try again
        refuse(enter.ref(), failure);
        return;
      }
      Optional<Event.SessionRefused> refused = events.stream().filter(Event.SessionRefused.class::isInstance)
          .map(Event.SessionRefused.class::cast).findFirst();
      if (refused.isPresent()) {
        if (refused.get().offlineForm()) {
          offlineForm = Principal.client(tenant, session);
        }
        peer.send(withRef(Frames.of("refused").put("reason", refused.get().reason().name())
            .put("offlineForm", refused.get().offlineForm()), enter.ref()));
        return;
      }
      Principal me = Principal.client(tenant, session);
      String token = server.clientTokens.issue(me, server.clientTokenTtl);
      server.peers.bind(peer, me);
      connected(me);
      peer.send(withRef(Frames.of("entered").put("session", session.value()).put("token", token)
          .put("visitor", entry.client().orElseThrow().identifier()), enter.ref()));
      caughtUp(me, null, null);
    });
  }

  private void resume(ClientFrame.Resume resume) {
    Optional<Principal> claimed = server.clientTokens.verify(resume.token());
    if (claimed.isEmpty() || claimed.get().kind() != Principal.Kind.CLIENT || !claimed.get().session().equals(resume.session())) {
      throw new WireException(403, "Forbidden", "the token is not valid for session " + resume.session()).answering(resume.ref());
    }
    Principal me = claimed.get();
    server.peers.bind(peer, me);
    connected(me);
    caughtUp(me, Frames.of("resumed").put("session", me.subject()), resume.ref());
  }

  /**
   * Tells the engine this connection of the client is open, and that it closed once it does: the
   * engine decides whether he left (after the client grace, with no other connection open).
   */
  private void connected(Principal me) {
    String id = peer.channel.id().asLongText();
    report(me, new Command.ClientConnection(me.session(), id, true));
    peer.channel.closeFuture().addListener(closed -> report(me, new Command.ClientConnection(me.session(), id, false)));
  }

  private void report(Principal me, Command fact) {
    server.parley.submit(me.tenant(), fact).whenComplete((events, failure) -> {
      if (failure != null) {
        log.trace("connection fact {} not applied: {}", fact, failure.toString()); // a session long over, a closing engine
      }
    });
  }

  /**
   * What the client may have missed before his binding, read from the engine without waiting: his
   * session's state in {@code answer} (the {@code resumed} frame) when given, the operator serving
   * him, and his place in the queue.
   */
  private void caughtUp(Principal me, @Nullable ObjectNode answer, @Nullable String ref) {
    server.parley.session(me.tenant(), me.session()).whenComplete((view, failure) -> {
      if (answer != null) {
        if (failure == null) {
          view.ifPresent(v -> answer.put("state", v.state().name()));
        }
        peer.send(withRef(answer, ref));
      }
      if (failure == null && view.isPresent() && view.get().state() == SessionState.ACTIVE && view.get().operator() != null) {
        peer.send(Frames.of("joined").put("operator", view.get().operator().value()));
      }
      server.fanout.queues.client(peer);
    });
  }

  /** The form goes to the refused session: the engine keeps it and tells it (to webhooks, a mailer). */
  private void offline(ClientFrame.Offline form) {
    Principal refused = offlineForm;
    if (refused == null || !form.tenant().equals(refused.tenant())) {
      throw new WireException(409, "IllegalState", "the offline form is for a client refused because nobody was online")
          .answering(form.ref());
    }
    answer(form.ref(), submit(refused, new Command.SubmitOfflineForm(refused.session(), form.fields())));
  }

  /** The browser, OS and language the handshake told, and a visitor id, where the widget did not. */
  private Entry fromBrowser(Entry entry) {
    Entry.Builder b = entry.toBuilder();
    if (entry.browser().isEmpty()) {
      UserAgent.browser(peer.userAgent).ifPresent(b::browser);
    }
    if (entry.os().isEmpty()) {
      UserAgent.os(peer.userAgent).ifPresent(b::os);
    }
    if (entry.language().isEmpty()) {
      UserAgent.language(peer.acceptLanguage).ifPresent(b::language);
    }
    if (entry.client().isEmpty()) {
      b.client("visitor-" + UUID.randomUUID());
    }
    return b.build();
  }

  private CompletableFuture<List<Event>> submit(Principal me, Command command) {
    return server.parley.submit(me.tenant(), command);
  }

  private static ObjectNode withRef(ObjectNode frame, @Nullable String ref) {
    return ref == null ? frame : frame.put("ref", ref);
  }
}
