package dev.parley.transport.netty;

import static java.util.Objects.requireNonNull;

import dev.parley.channels.ChannelGateway;
import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.UnsupportedMessageException;
import dev.parley.core.event.Event;
import dev.parley.core.routing.SessionView;
import dev.parley.core.routing.TenantSnapshot;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStore;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/operator}: an operator console. It logs in with a token of the host's {@link
 * Authenticator}, then acts as that operator on his tenant only; the engine refuses what he may
 * not do with a session (another's, not offered to him), and this endpoint what the engine does
 * not check itself (notes, previews and typing on sessions he has nothing to do with), from reads
 * that never wait for the engine. The console's connecting and closing are facts the engine is
 * told ({@link Command.OperatorConnection}): it decides, after the operator grace, that he is gone.
 */
final class OperatorSocket extends SocketHandler {
  private static final Logger log = LoggerFactory.getLogger(OperatorSocket.class);
  /** How many of the client's other sessions a preview lists. */
  static final int PAST = 10;
  /** How many of his recent tags the tag field suggests. */
  static final int RECENT_TAGS = 10;

  /** Set by the first {@code login}; confined to the event loop. */
  private boolean loggingIn;

  OperatorSocket(ServerContext server, Peer peer) {
    super(server, peer);
  }

  @Override
  void handle(ByteBuf bytes) {
    Principal me = peer.principal();
    OperatorFrame frame = Protocol.operator(bytes, me == null ? null : me.operator());
    if (frame instanceof OperatorFrame.Login) {
      login((OperatorFrame.Login) frame);
      return;
    }
    TenantId tenant = me.tenant();
    OperatorId self = me.operator();
    if (frame instanceof OperatorFrame.Submit) {
      submit((OperatorFrame.Submit) frame, tenant);
    } else if (frame instanceof OperatorFrame.Note note) {
      answer(note.ref(), mayTouch(tenant, self, note.command().session())
          .thenCompose(view -> server.parley.submit(tenant, note.command())));
    } else if (frame instanceof OperatorFrame.Picker) {
      server.parley.snapshotAsync(tenant).whenComplete((snapshot, failure) -> {
        if (failure != null) {
          refuse(frame.ref(), failure);
        } else {
          peer.send(withRef(Frames.picker(snapshot.redirectPicker()), frame.ref()));
        }
      });
    } else if (frame instanceof OperatorFrame.Preview p) {
      SessionId session = p.session();
      mayTouch(tenant, self, session).whenComplete((view, failure) -> {
        if (failure != null) {
          refuse(frame.ref(), failure);
        } else {
          preview(tenant, view, withRef(Frames.session("preview", session).set("preview", Views.live(view)), frame.ref()),
              frame.ref());
        }
      });
    } else if (frame instanceof OperatorFrame.Reach r) {
      reach(r, tenant, self);
    } else if (frame instanceof OperatorFrame.Typing t) {
      SessionId session = t.session();
      server.fanout.typing(tenant, session, Actor.operator(self), () -> refuse(frame.ref(),
          new WireException(403, "NotPermitted", self + " does not serve session " + session)));
    } else if (frame instanceof OperatorFrame.Rich r) {
      answer(r.ref(), rich(tenant, self, r));
    } else if (frame instanceof OperatorFrame.Tags) {
      reply(frame.ref(), server.parley.snapshotAsync(tenant).thenApplyAsync(snapshot -> Frames.tags(snapshot.settings(),
          server.parley.storage().tags().recent(tenant.value(), self.value(), RECENT_TAGS)), server.workers));
    } else if (frame instanceof OperatorFrame.Directory d) {
      directory(tenant, self, d);
    }
  }

  /**
   * A card or a template message through the tenant's gateway, which checks that the session's
   * channel carries it; a tenant without a gateway has no channel that does.
   */
  private CompletableFuture<?> rich(TenantId tenant, OperatorId self, OperatorFrame.Rich r) {
    ChannelGateway gateway = server.gateways.get(tenant);
    if (gateway != null) {
      return gateway.post(r.session(), Actor.operator(self), r.messageId(), r.message());
    }
    return server.parley.session(tenant, r.session()).thenApply(view -> {
      throw new UnsupportedMessageException(view.orElseThrow(() -> new NoSuchSessionException(r.session())).entry().channel(),
          r.message().kind());
    });
  }

  /**
   * A template or contact frame, answered from the storage on a worker once the operator may
   * touch the session it is about; a contact linked to a session (or unlinked) is told to the
   * session's operators as an {@code updated} frame.
   */
  private void directory(TenantId tenant, OperatorId self, OperatorFrame.Directory frame) {
    SessionId session = frame.session();
    CompletableFuture<@Nullable SessionView> touched = session == null ? CompletableFuture.completedFuture(null)
        : mayTouch(tenant, self, session);
    reply(frame.ref(), touched.thenApplyAsync(view -> {
      ObjectNode answer = directory(tenant, self, frame, view);
      if (view != null && (frame instanceof OperatorFrame.AddContact || frame instanceof OperatorFrame.Link)) {
        ObjectNode updated = Frames.session("updated", view.id()).put("by", Actor.operator(self).toString())
            .put("at", server.clock.instant().toString());
        updated.set("contact", answer.has("contact") ? answer.get("contact") : Json.object().nullNode());
        List<OperatorId> audience = new ArrayList<>(view.collaborators());
        if (view.operator() != null) {
          audience.add(view.operator());
        }
        audience.forEach(op -> server.peers.operator(tenant, op).forEach(p -> p.send(updated.deepCopy())));
      }
      return answer;
    }, server.workers));
  }

  private ObjectNode directory(TenantId tenant, OperatorId self, OperatorFrame.Directory frame, @Nullable SessionView view) {
    if (frame instanceof OperatorFrame.Templates t) {
      return server.templates.list(tenant, self, t, view);
    } else if (frame instanceof OperatorFrame.Star s) {
      return server.templates.star(tenant, self, s);
    } else if (frame instanceof OperatorFrame.SaveTemplate s) {
      return server.templates.save(tenant, self, s);
    } else if (frame instanceof OperatorFrame.RemoveTemplate r) {
      return server.templates.remove(tenant, self, r);
    } else if (frame instanceof OperatorFrame.AddContact a) {
      return server.contacts.add(tenant, a);
    } else if (frame instanceof OperatorFrame.Link l) {
      return server.contacts.link(tenant, l);
    } else if (frame instanceof OperatorFrame.AddDetails d) {
      return server.contacts.addDetails(tenant, d);
    } else if (frame instanceof OperatorFrame.RemoveContact r) {
      return server.contacts.remove(tenant, r);
    } else if (frame instanceof OperatorFrame.OpenContact o) {
      return server.contacts.open(tenant, o);
    }
    return server.contacts.find(tenant, (OperatorFrame.FindContacts) frame);
  }

  /** Sends the answer with the frame's ref, or the error; a full worker pool is {@code Unavailable}. */
  private void reply(@Nullable String ref, CompletableFuture<ObjectNode> answer) {
    answer.whenComplete((frame, failure) -> {
      if (failure == null) {
        peer.send(withRef(frame, ref));
      } else if (failure instanceof RejectedExecutionException || failure.getCause() instanceof RejectedExecutionException) {
        refuse(ref, new WireException(503, "Unavailable", "the server is busy; try again"));
      } else {
        refuse(ref, failure);
      }
    });
  }

  /**
   * Reaches a client through the tenant's gateway, on a worker (the gateway reads the ended
   * session's transcript for its messaging window); answers {@code contacted} with the new
   * session, which is the operator's at once.
   */
  private void reach(OperatorFrame.Reach r, TenantId tenant, OperatorId self) {
    ChannelGateway gateway = server.gateways.get(tenant);
    if (gateway == null) {
      throw new WireException(409, "IllegalState", "tenant " + tenant + " has no channel gateway: no messaging "
          + "network or telephony to reach a client by").answering(r.ref());
    }
    try {
      server.workers.execute(() -> {
        CompletableFuture<SessionId> reached;
        try {
          if (r.ended() != null) {
            reached = gateway.contactClient(r.ended(), self, r.template());
          } else if (r.to().channel() == Channel.PHONE) {
            reached = gateway.placeCall(self, r.to().identifier(), r.group());
          } else {
            reached = gateway.startConversation(self, r.to(), requireNonNull(r.template()), r.group());
          }
        } catch (IllegalStateException e) { // a gateway without calls, an operator without a line
          reached = CompletableFuture.failedFuture(new WireException(409, "IllegalState", e.getMessage()));
        } catch (RuntimeException e) {
          reached = CompletableFuture.failedFuture(e);
        }
        reached.whenComplete((session, failure) -> {
          if (failure != null) {
            refuse(r.ref(), failure);
          } else {
            peer.send(withRef(Frames.session("contacted", session), r.ref()));
          }
        });
      });
    } catch (RejectedExecutionException e) {
      throw new WireException(503, "Unavailable", "the server is busy; try again").answering(r.ref());
    }
  }

  /** The frame's commands in order; an invitation answers with its code. */
  private void submit(OperatorFrame.Submit submit, TenantId tenant) {
    CompletableFuture<List<Event>> chain = CompletableFuture.completedFuture(List.of());
    for (Command command : submit.commands()) {
      chain = chain.thenCompose(before -> server.parley.submit(tenant, command));
    }
    if (!submit.type().equals("invitation")) {
      answer(submit.ref(), chain);
      return;
    }
    chain.whenComplete((events, failure) -> {
      if (failure != null) {
        refuse(submit.ref(), failure);
        return;
      }
      events.stream().filter(Event.InvitationCreated.class::isInstance).map(Event.InvitationCreated.class::cast)
          .findFirst().ifPresent(i -> peer.send(withRef(Frames.of("invitation").put("code", i.code())
              .put("reusable", i.reusable()).put("expiresAt", i.expiresAt().toString()), submit.ref())));
    });
  }

  /**
   * Sends the preview with the session's transcript so far, the contact it is linked to, and the
   * client's {@value #PAST} latest other sessions (by his identifier, and by that contact), read
   * from the storage on a worker thread.
   */
  private void preview(TenantId tenant, SessionView view, ObjectNode frame, @Nullable String ref) {
    try {
      server.workers.execute(() -> {
        try {
          ArrayNode messages = frame.putArray("messages");
          for (MessageRecord m : server.parley.storage().transcripts().transcript(tenant.value(), view.id().value())) {
            messages.add(Frames.message(m));
          }
          Optional<ContactRecord> contact = server.parley.storage().sessions().find(tenant.value(), view.id().value())
              .flatMap(SessionRecord::contact).flatMap(id -> server.parley.storage().contacts().find(tenant.value(), id));
          ArrayNode past = frame.putArray("past");
          pastSessions(tenant, view, contact).forEach(r -> past.add(Views.session(r)));
          contact.ifPresent(c -> frame.set("contact", Views.contact(c)));
        } catch (RuntimeException e) {
          refuse(ref, e);
          return;
        }
        peer.send(frame);
      });
    } catch (RejectedExecutionException e) {
      refuse(ref, new WireException(503, "Unavailable", "the server is busy; try again"));
    }
  }

  private List<SessionRecord> pastSessions(TenantId tenant, SessionView view, Optional<ContactRecord> contact) {
    SessionStore store = server.parley.storage().sessions();
    List<SessionQuery.Builder> queries = new ArrayList<>();
    view.entry().client().ifPresent(c -> queries.add(SessionQuery.builder(tenant.value()).client(c.identifier())));
    contact.ifPresent(c -> queries.add(SessionQuery.builder(tenant.value()).contact(c.id())));
    Map<String, SessionRecord> past = new HashMap<>();
    for (SessionQuery.Builder query : queries) {
      for (SessionRecord r : store.query(query.limit(PAST + 1).build()).items()) {
        if (!r.id().equals(view.id().value())) {
          past.put(r.id(), r);
        }
      }
    }
    return past.values().stream().sorted(Comparator.comparing(SessionRecord::arrivedAt).reversed()).limit(PAST).toList();
  }

  /**
   * The session, if the operator serves or helps in it or it waits where he could take it; else a
   * {@code NotPermitted} failure, whether or not the session exists. Read without waiting.
   */
  private CompletableFuture<SessionView> mayTouch(TenantId tenant, OperatorId self, SessionId session) {
    return server.parley.snapshotAsync(tenant).thenApply(snapshot -> {
      Optional<SessionView> view = snapshot.session(session);
      boolean mine = view.isPresent() && (self.equals(view.get().operator()) || view.get().collaborators().contains(self)
          || snapshot.waitingFor(self).stream().anyMatch(v -> v.id().equals(session)));
      if (!mine) {
        throw new WireException(403, "NotPermitted", self + " has nothing to do with session " + session);
      }
      return view.get();
    });
  }

  private void login(OperatorFrame.Login login) {
    if (loggingIn) {
      throw new WireException(409, "IllegalState", "this connection logged in already").answering(login.ref());
    }
    loggingIn = true;
    try {
      server.workers.execute(() -> authenticate(login));
    } catch (RejectedExecutionException e) {
      loggingIn = false;
      throw new WireException(503, "Unavailable", "the server is busy; try again").answering(login.ref());
    }
  }

  /** On a worker: the host's authenticator may block. */
  private void authenticate(OperatorFrame.Login login) {
    Optional<Principal> principal;
    try {
      principal = server.authenticate(login.token());
    } catch (RuntimeException e) {
      retry(login.ref(), e);
      return;
    }
    if (principal.isEmpty()) {
      retry(login.ref(), new WireException(401, "Unauthorized", "the token is not valid; get a new one"));
      return;
    }
    Principal me = principal.get();
    if (me.kind() != Principal.Kind.OPERATOR) {
      retry(login.ref(), new WireException(403, "Forbidden", me + " is not an operator"));
      return;
    }
    List<String> recentTags;
    try {
      recentTags = server.parley.storage().tags().recent(me.tenant().value(), me.operator().value(), RECENT_TAGS);
    } catch (RuntimeException e) {
      retry(login.ref(), e);
      return;
    }
    OperatorStatus status = login.away() ? OperatorStatus.AWAY : OperatorStatus.ONLINE;
    String connection = peer.channel.id().asLongText();
    server.parley.submit(me.tenant(), new Command.OperatorConnection(me.operator(), connection, true))
        .thenCompose(connected -> server.parley.submit(me.tenant(), new Command.SetStatus(me.operator(), status)))
        .thenCompose(online -> server.parley.snapshotAsync(me.tenant()))
        .whenComplete((snapshot, failure) -> {
          if (failure != null) {
            retry(login.ref(), failure);
            return;
          }
          // Bound as the snapshot completes, before the events after it are delivered: nothing missed.
          server.peers.bind(peer, me);
          peer.channel.closeFuture().addListener(closed -> disconnected(me, connection));
          peer.send(withRef(welcome(me, snapshot, recentTags), login.ref()));
        });
  }

  /** Tells the engine this console closed: it decides, after the operator grace, that he is gone. */
  private void disconnected(Principal me, String connection) {
    server.parley.submit(me.tenant(), new Command.OperatorConnection(me.operator(), connection, false))
        .whenComplete((events, failure) -> {
          if (failure != null) {
            log.trace("{}'s console closed, not told: {}", me, failure.toString()); // a closing engine
          }
        });
  }

  private void retry(@Nullable String ref, Throwable failure) {
    peer.channel.eventLoop().execute(() -> loggingIn = false);
    refuse(ref, failure);
  }

  /**
   * Who he is, his status, the sessions he has in hand and his waiting list; the tenant's away
   * reasons for his status menu and what his tag field suggests.
   */
  private static ObjectNode welcome(Principal me, TenantSnapshot snapshot, List<String> recentTags) {
    OperatorId self = me.operator();
    ObjectNode welcome = Frames.of("welcome").put("operator", self.value()).put("tenant", me.tenant().value());
    snapshot.status(self).ifPresent(s -> welcome.set("status", Frames.status(s)));
    ArrayNode reasons = welcome.putArray("awayReasons");
    snapshot.settings().awayReasons().forEach(reasons::add);
    welcome.set("tags", Frames.tags(snapshot.settings(), recentTags));
    List<SessionView> mine = new ArrayList<>();
    for (SessionView v : snapshot.sessions()) {
      if (self.equals(v.operator()) || v.collaborators().contains(self)) {
        mine.add(v);
      }
    }
    ArrayNode sessions = welcome.putArray("sessions");
    mine.forEach(v -> sessions.add(Views.live(v)));
    welcome.set("waiting", Frames.waiting(snapshot.waitingFor(self)).get("items"));
    return welcome;
  }

  private static ObjectNode withRef(ObjectNode frame, @Nullable String ref) {
    return ref == null ? frame : frame.put("ref", ref);
  }

}
