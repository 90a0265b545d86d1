package dev.parley.core.internal;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RoutingCore;
import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a partition's events into the writes that keep them: session records with their
 * transitions, messages, blacklist entries, invitations, configuration; and, when it keeps an
 * outbox, the events webhooks deliver ({@link OutboxCodec}).
 *
 * <p>A session's events change its {@link Draft}; {@link #flush} builds the record of each session
 * a pass touched once, however many events it had, when the pass is over.
 *
 * <p>Concurrency: confined to the partition's writer. It keeps the current draft of every
 * session its cores still know, so that a write never needs a read. The versions those records
 * are stored at are the {@link Persister}'s business: a record goes out at the version its last
 * one will be stored at if all goes well, so that the persister mostly sends it as it is, and
 * sets the version itself when it knows better (a failed write, someone else's).
 */
final class Recorder {
  private final Map<Writes.Key, Draft> sessions = new HashMap<>();
  /** The draft of the last session event: a command's events mostly tell of one session in a row. */
  private @Nullable Draft last;
  /** The drafts changed since the last {@link #flush}, in the order first changed. */
  private final List<Draft> touched = new ArrayList<>();
  /** The names of operators and bots as actors ({@code operator:alice}): one string each, not one per transition. */
  private final Map<Actor, String> actors = new HashMap<>();
  /** The cores whose events the pass recorded: {@link #flush} drops the closed sessions they forgot. */
  private final List<RoutingCore> recorded = new ArrayList<>(); // a few a pass: a list makes no entry per add
  /** Each tenant's closed sessions in the order they closed: dropped once the core forgets them. */
  private final Map<TenantId, ArrayDeque<Writes.Key>> closed = new HashMap<>();
  private final Map<TenantId, Long> arrivals = new HashMap<>();
  private final Map<String, InvitationRecord> invitations = new HashMap<>();
  private final Map<String, OperatorPresence> presences = new HashMap<>();
  private final boolean outbox;

  /** Transition reasons of a client's presence facts; a session with either is followed after a restart. */
  static final String CLIENT_CONNECTED = "CLIENT_CONNECTED";
  static final String CLIENT_GONE = "CLIENT_GONE";

  /**
   * A session's record in the making, with the few of its values the recorder reads back (a
   * builder keeps its values to itself).
   */
  private static final class Draft {
    final Writes.Key key;
    final SessionRecord.Builder record;
    SessionStatus status;
    @Nullable String group;
    List<String> collaborators;
    /** The version the next record is expected to be stored at. */
    long version;
    boolean touched;

    Draft(Writes.Key key, SessionRecord.Builder record, long version, SessionStatus status, @Nullable String group,
        List<String> collaborators) {
      this.key = key;
      this.record = record;
      this.version = version;
      this.status = status;
      this.group = group;
      this.collaborators = collaborators;
    }

    Draft status(SessionStatus status) {
      this.status = status;
      record.status(status);
      return this;
    }

    Draft group(@Nullable String group) {
      this.group = group;
      record.group(group);
      return this;
    }

    Draft collaborators(List<String> collaborators) {
      this.collaborators = collaborators;
      record.collaborators(collaborators);
      return this;
    }
  }

  /** @param outbox whether to add the events webhooks deliver to the writes */
  Recorder(boolean outbox) {
    this.outbox = outbox;
  }

  /** Takes back what a restart restored: live sessions, valid invitations, operators' presence. */
  void seed(TenantId tenant, List<SessionRecord> live, List<InvitationRecord> valid, Map<OperatorId, OperatorPresence> presence) {
    long next = arrivals.getOrDefault(tenant, 0L);
    for (SessionRecord r : live) {
      Writes.Key key = new Writes.Key(tenant, SessionId.of(r.id()));
      sessions.put(key, new Draft(key, r.toBuilder(), r.version(), r.status(), r.group().orElse(null), r.collaborators()));
      next = Math.max(next, r.arrivalSeq() + 1);
    }
    arrivals.put(tenant, next);
    for (InvitationRecord inv : valid) {
      invitations.put(inv.tenant() + "/" + inv.code(), inv);
    }
    presence.forEach((op, p) -> presences.put(tenant.value() + "/" + op.value(), p));
  }

  /**
   * Whether the recorder keeps a session: one its core knows, or one its core forgot or refused
   * at the door in the pass under way, whose record is not stored yet.
   */
  boolean holds(Writes.Key key) {
    return sessions.containsKey(key);
  }

  /** Adds to {@code out} what {@code events} of one tenant must have stored. */
  void record(RoutingCore core, List<Event> events, Writes out) {
    for (int i = 0; i < events.size(); i++) { // no iterator: this runs for every command
      Event e = events.get(i);
      if (outbox) {
        OutboxCodec.encode(e).ifPresent(out.outbox::add);
      }
      if (e instanceof Event.SessionEvent) {
        session(core, (Event.SessionEvent) e, out);
      } else {
        other(e, out);
      }
    }
    if (!recorded.contains(core)) {
      recorded.add(core);
    }
  }

  /** Adds to {@code out} the record of each session changed since the last flush: the pass is over. */
  void flush(Writes out) {
    for (int i = 0; i < recorded.size(); i++) {
      forgetOld(recorded.get(i), out); // once a pass: asking a core for a session it still keeps makes a view
    }
    recorded.clear();
    out.reserveSessions(touched.size());
    for (int i = 0; i < touched.size(); i++) { // no iterator: once a pass
      Draft d = touched.get(i);
      if (d.touched) {
        out.session(d.key, d.record.version(d.version++).build());
        d.touched = false;
      }
    }
    touched.clear();
  }

  private void session(RoutingCore core, Event.SessionEvent e, Writes out) {
    if (e instanceof Event.SessionQueued) {
      Event.SessionQueued q = (Event.SessionQueued) e;
      SessionRecord.Builder b = fromEntry(q.tenant(), q.session(), q.entry(), q.at())
          .arrivalSeq(nextArrival(q.tenant()))
          .priority(q.priority())
          .group(id(q.group()))
          .target(id(q.operator()))
          .reopens(q.reopens() == null ? null : q.reopens().value())
          .transition(step(q, SessionStatus.QUEUED, q.reopens() == null ? null : "REOPENED", id(q.group()), q.operator()));
      start(new Writes.Key(e.tenant(), e.session()), b, SessionStatus.QUEUED, id(q.group()));
      return;
    }
    if (e instanceof Event.SessionToChatbot) {
      Event.SessionToChatbot q = (Event.SessionToChatbot) e;
      SessionRecord.Builder b = fromEntry(q.tenant(), q.session(), q.entry(), q.at())
          .arrivalSeq(nextArrival(q.tenant()))
          .status(SessionStatus.CHATBOT)
          .priority(q.priority())
          .group(q.group().value())
          .chatbot(q.chatbot().value())
          .reopens(q.reopens() == null ? null : q.reopens().value())
          .transition(step(q, SessionStatus.CHATBOT, q.reopens() == null ? null : "REOPENED", q.group().value(), null));
      start(new Writes.Key(e.tenant(), e.session()), b, SessionStatus.CHATBOT, q.group().value());
      return;
    }
    if (e instanceof Event.SessionRefused) {
      Event.SessionRefused r = (Event.SessionRefused) e;
      if (r.entry() == null) {
        return; // a blocked client: nothing of him is kept
      }
      SessionRecord.Builder b = fromEntry(r.tenant(), r.session(), r.entry(), r.at())
          .arrivalSeq(nextArrival(r.tenant()))
          .status(SessionStatus.REFUSED)
          .endedAt(r.at())
          .closedAt(r.at())
          .endReason(r.reason().name())
          .transition(step(r, SessionStatus.REFUSED, r.reason().name(), null, null));
      if (r.offlineForm()) {
        b.parameter("offlineForm", "true");
      }
      Writes.Key key = new Writes.Key(e.tenant(), e.session());
      start(key, b, SessionStatus.REFUSED, null);
      close(key);
      return;
    }
    if (e instanceof Event.OfflineFormSubmitted f) { // the refused session's first and only message
      out.messages.add(new MessageRecord(f.tenant().value(), f.session().value(), f.session().value() + ":offline-form",
          f.at(), MessageRecord.Sender.CLIENT, null, f.text(), List.of(), MessageRecord.Delivery.SENT));
      return;
    }
    if (e instanceof Event.TranscriptRequested) {
      return; // for the outbox and its mailer: the record does not change
    }
    Draft d = last != null && last.key.session().equals(e.session()) && last.key.tenant().equals(e.tenant())
        ? last : sessions.get(new Writes.Key(e.tenant(), e.session()));
    if (d == null) {
      return; // its record was dropped with a restart's loss of an unstored refusal; nothing to add to
    }
    if (e instanceof Event.MessagePosted) { // the transcript grows; the record stays as it is
      out.messages.add(message((Event.MessagePosted) e));
      return;
    }
    if (e instanceof Event.MessageDelivered) {
      Event.MessageDelivered m = (Event.MessageDelivered) e;
      MessageRecord.Delivery delivery = MessageRecord.Delivery.valueOf(m.delivery().name());
      out.others.add(s -> s.transcripts().markDelivery(m.tenant().value(), m.messageId(), delivery));
      return;
    }
    last = d;
    SessionStatus was = d.status;
    SessionRecord.Builder b = d.record;
    if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      d.status(SessionStatus.OFFERED).record
          .transition(step(o, SessionStatus.OFFERED, null, id(o.group()), o.operators().size() == 1 ? o.operators().get(0) : null));
    } else if (e instanceof Event.OfferEnded) {
      Event.OfferEnded o = (Event.OfferEnded) e;
      if (o.state() != SessionState.QUEUED || was != SessionStatus.OFFERED) {
        return; // withdrawn because someone accepted or the client left: those events tell it
      }
      d.status(SessionStatus.QUEUED).record.transition(step(o, SessionStatus.QUEUED, o.reason().name(), d.group, o.operator()));
    } else if (e instanceof Event.SessionAccepted) {
      Event.SessionAccepted a = (Event.SessionAccepted) e;
      d.status(SessionStatus.ACTIVE).record.operator(a.operator().value()).acceptedAt(a.at())
          .transition(step(a, SessionStatus.ACTIVE, "ACCEPTED", d.group, a.operator()));
    } else if (e instanceof Event.SessionRequeued) {
      Event.SessionRequeued q = (Event.SessionRequeued) e;
      d.status(SessionStatus.QUEUED).group(q.group() != null ? q.group().value() : d.group).collaborators(List.of()).record
          .target(id(q.operator())).enteredQueueAt(q.waitingSince())
          .transition(step(q, SessionStatus.QUEUED, q.reason().name(), id(q.group()), q.operator()));
      if (q.note() != null) {
        b.note(new SessionNote(q.at(), q.actor().toString(), q.note()));
      }
      if (was == SessionStatus.CHATBOT) {
        b.arrivalSeq(nextArrival(q.tenant())); // in line from leaving the bot, as in the core: restored so
      }
    } else if (e instanceof Event.SessionEndedByChatbot) {
      d.status(SessionStatus.ENDED).record.endedAt(e.at()).closedAt(e.at()).endReason("CHATBOT_ENDED")
          .transition(step(e, SessionStatus.ENDED, "CHATBOT_ENDED", d.group, null));
    } else if (e instanceof Event.SessionAbandoned a) {
      d.status(SessionStatus.ABANDONED).record.endedAt(e.at()).closedAt(e.at()).endReason("ABANDONED")
          .transition(step(e, SessionStatus.ABANDONED, a.reason().name(), d.group, null));
    } else if (e instanceof Event.ClientPresenceChanged p) {
      // Same status, a fact for the history, and what a restart reads to know the client is followed.
      b.transition(step(p, d.status, p.connected() ? CLIENT_CONNECTED : CLIENT_GONE, d.group, null));
    } else if (e instanceof Event.SessionEnded) {
      Event.SessionEnded x = (Event.SessionEnded) e;
      boolean over = x.state() == SessionState.ENDED;
      SessionStatus status = over ? SessionStatus.ENDED : SessionStatus.WRAP_UP;
      d.status(status).collaborators(List.of()).record
          .operator(x.operator().value()).endedAt(x.at()).endReason(x.reason().name())
          .wrapUpDeadline(core.wrapUpDeadline(x.session()).orElse(null))
          .closedAt(over ? x.at() : null)
          .transition(step(x, status, x.reason().name(), d.group, x.operator()));
    } else if (e instanceof Event.WrapUpCompleted) {
      Event.WrapUpCompleted w = (Event.WrapUpCompleted) e;
      d.status(SessionStatus.ENDED).record.closedAt(w.at()).wrapUpDeadline(null).result(w.result())
          .transition(step(w, SessionStatus.ENDED, w.timedOut() ? "WRAP_UP_TIMED_OUT" : "WRAPPED_UP", d.group, w.operator()));
      if (w.note() != null) {
        b.note(new SessionNote(w.at(), w.actor().toString(), w.note()));
      }
    } else if (e instanceof Event.NoteAdded) {
      Event.NoteAdded n = (Event.NoteAdded) e;
      b.note(new SessionNote(n.at(), n.actor().toString(), n.text()));
    } else if (e instanceof Event.CollaboratorChanged) {
      Event.CollaboratorChanged c = (Event.CollaboratorChanged) e;
      List<String> with = new ArrayList<>(d.collaborators);
      with.remove(c.collaborator().value());
      if (c.joined()) {
        with.add(c.collaborator().value());
      }
      d.collaborators(with);
    } else if (e instanceof Event.FeedbackGiven) {
      Event.FeedbackGiven f = (Event.FeedbackGiven) e;
      b.feedback(f.rating(), f.comment());
    } else if (e instanceof Event.TagChanged) {
      Event.TagChanged t = (Event.TagChanged) e;
      if (t.on()) {
        b.tag(t.tag());
        if (t.actor().kind() == Actor.Kind.OPERATOR) {
          String tenant = t.tenant().value();
          String operator = t.actor().id();
          out.others.add(s -> s.tags().used(tenant, operator, t.tag(), t.at()));
        }
      } else {
        b.untag(t.tag());
      }
    } else if (e instanceof Event.ParameterSet) {
      Event.ParameterSet p = (Event.ParameterSet) e;
      if (p.value() == null) {
        b.removeParameter(p.name());
      } else {
        b.parameter(p.name(), p.value());
      }
    } else if (e instanceof Event.ClientEdited c) {
      edit(b, c.field(), c.value());
      b.transition(step(c, d.status, ContactEdits.REASON_PREFIX + c.field(), d.group, null));
      if (c.value() != null) {
        ContactEdits edit = new ContactEdits(c.tenant().value(), c.session().value(), c.field(), c.value());
        out.others.add(edit::apply);
      }
    }
    touch(d);
    if (!d.status.live() && was.live()) {
      close(d.key);
    }
  }

  private void other(Event e, Writes out) {
    TenantId t = e.tenant();
    String tenant = t.value();
    if (e instanceof Event.ClientBlocked) {
      Event.ClientBlocked b = (Event.ClientBlocked) e;
      BlacklistEntry entry = new BlacklistEntry(tenant, b.client().channel().name(), b.client().identifier(),
          b.reason(), b.actor().toString(), b.at());
      out.others.add(s -> s.blacklist().put(entry));
    } else if (e instanceof Event.ClientUnblocked) {
      Event.ClientUnblocked u = (Event.ClientUnblocked) e;
      out.others.add(s -> s.blacklist().remove(tenant, u.client().channel().name(), u.client().identifier()));
    } else if (e instanceof Event.InvitationCreated) {
      Event.InvitationCreated c = (Event.InvitationCreated) e;
      InvitationRecord inv = new InvitationRecord(tenant, c.code(), c.operator().value(), c.reusable(), c.at(), c.expiresAt(), null, null);
      invitations.put(tenant + "/" + c.code(), inv);
      out.others.add(s -> s.invitations().put(inv));
    } else if (e instanceof Event.InvitationEnded) {
      Event.InvitationEnded x = (Event.InvitationEnded) e;
      InvitationRecord inv = invitations.remove(tenant + "/" + x.code());
      if (inv != null) {
        InvitationRecord ended = inv.end(x.at(), x.reason().name());
        out.others.add(s -> s.invitations().put(ended));
      }
    } else if (e instanceof Event.TenantConfigured) {
      var record = ConfigCodec.encode(t, ((Event.TenantConfigured) e).settings());
      out.others.add(s -> s.config().put(record));
    } else if (e instanceof Event.GroupDefined) {
      var record = ConfigCodec.encode(t, ((Event.GroupDefined) e).spec());
      out.others.add(s -> s.config().put(record));
    } else if (e instanceof Event.ChatbotDefined) {
      var record = ConfigCodec.encode(t, ((Event.ChatbotDefined) e).spec());
      out.others.add(s -> s.config().put(record));
    } else if (e instanceof Event.ChatbotRemoved) {
      String chatbot = ((Event.ChatbotRemoved) e).chatbot().value();
      out.others.add(s -> s.config().remove(tenant, ConfigCodec.CHATBOT, chatbot));
    } else if (e instanceof Event.GroupRemoved) {
      String group = ((Event.GroupRemoved) e).group().value();
      out.others.add(s -> s.config().remove(tenant, ConfigCodec.GROUP, group));
    } else if (e instanceof Event.OperatorDefined) {
      Event.OperatorDefined d = (Event.OperatorDefined) e;
      var record = ConfigCodec.encode(t, d.spec());
      out.others.add(s -> s.config().put(record));
      String key = tenant + "/" + d.spec().id().value();
      OperatorPresence was = presences.get(key);
      presence(t, d.spec().id(), was != null ? was
          : new OperatorPresence(OperatorStatus.OFFLINE, Set.of(), d.spec().phoneLine(), false), out);
    } else if (e instanceof Event.OperatorRemoved) {
      String operator = ((Event.OperatorRemoved) e).operator().value();
      presences.remove(tenant + "/" + operator);
      out.others.add(s -> s.config().remove(tenant, ConfigCodec.OPERATOR, operator));
      out.others.add(s -> s.config().remove(tenant, ConfigCodec.PRESENCE, operator));
    } else if (e instanceof Event.OperatorStatusChanged) {
      Event.OperatorStatusChanged c = (Event.OperatorStatusChanged) e;
      OperatorPresence p = presenceOf(t, c.operator());
      presence(t, c.operator(), new OperatorPresence(c.to(), p.switchedOff(), p.phoneLine(), p.tracked()), out);
    } else if (e instanceof Event.OperatorPresenceChanged c) {
      OperatorPresence p = presenceOf(t, c.operator());
      if (!p.tracked()) {
        presence(t, c.operator(), new OperatorPresence(p.status(), p.switchedOff(), p.phoneLine(), true), out);
      }
    } else if (e instanceof Event.ChannelSwitched) {
      Event.ChannelSwitched c = (Event.ChannelSwitched) e;
      OperatorPresence p = presenceOf(t, c.operator());
      Set<Channel> off = p.switchedOff().isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(p.switchedOff());
      if (c.on()) {
        off.remove(c.channel());
      } else {
        off.add(c.channel());
      }
      presence(t, c.operator(), new OperatorPresence(p.status(), off, p.phoneLine(), p.tracked()), out);
    } else if (e instanceof Event.PhoneLineChanged) {
      Event.PhoneLineChanged c = (Event.PhoneLineChanged) e;
      OperatorPresence p = presenceOf(t, c.operator());
      presence(t, c.operator(), new OperatorPresence(p.status(), p.switchedOff(), c.available(), p.tracked()), out);
    }
  }

  private OperatorPresence presenceOf(TenantId tenant, OperatorId operator) {
    OperatorPresence p = presences.get(tenant.value() + "/" + operator.value());
    return p != null ? p : new OperatorPresence(OperatorStatus.OFFLINE, Set.of(), false, false);
  }

  private void presence(TenantId tenant, OperatorId operator, OperatorPresence p, Writes out) {
    presences.put(tenant.value() + "/" + operator.value(), p);
    var record = ConfigCodec.encode(tenant, operator, p);
    out.others.add(s -> s.config().put(record));
  }

  /** Starts the draft of a session that has just arrived (or was refused at the door). */
  private void start(Writes.Key key, SessionRecord.Builder record, SessionStatus status, @Nullable String group) {
    Draft d = new Draft(key, record, 0, status, group, List.of());
    Draft replaced = sessions.put(key, d);
    last = d;
    if (replaced != null) {
      replaced.touched = false; // one record a session in a pass: the latest
    }
    touch(d);
  }

  private void touch(Draft d) {
    if (!d.touched) {
      d.touched = true;
      touched.add(d);
    }
  }

  private void close(Writes.Key key) {
    closed.computeIfAbsent(key.tenant(), t -> new ArrayDeque<>()).add(key);
  }

  /** Drops the records of closed sessions their core no longer knows: no event can touch them now. */
  private void forgetOld(RoutingCore core, Writes out) {
    ArrayDeque<Writes.Key> queue = closed.get(core.tenant());
    Writes.Key head;
    while (queue != null && (head = queue.peek()) != null && core.session(head.session()).isEmpty()) {
      queue.poll();
      if (sessions.remove(head) == last) {
        last = null;
      }
      out.forgotten.add(head);
    }
  }

  private long nextArrival(TenantId tenant) {
    long next = arrivals.getOrDefault(tenant, 0L);
    arrivals.put(tenant, next + 1);
    return next;
  }

  private static SessionRecord.Builder fromEntry(TenantId tenant, SessionId id, Entry entry, Instant at) {
    SessionRecord.Builder b = SessionRecord.builder(tenant.value(), id.value(), entry.channel().name(), at)
        .client(entry.client().map(c -> c.identifier()).orElse(null))
        .clientName(entry.name().orElse(null))
        .phone(entry.phone().orElse(null))
        .email(entry.email().orElse(null))
        .language(entry.language().orElse(null))
        .widget(entry.widget().orElse(null))
        .pageUrl(entry.pageUrl().orElse(null))
        .browser(entry.browser().orElse(null))
        .os(entry.os().orElse(null))
        .subject(entry.subject().orElse(null))
        .invitationCode(entry.invitationCode().orElse(null))
        .priority(entry.priority());
    entry.parameters().forEach(b::parameter);
    return b;
  }

  private static MessageRecord message(Event.MessagePosted m) {
    MessageRecord.Sender sender;
    String author = null;
    switch (m.actor().kind()) {
      case CLIENT:
        sender = MessageRecord.Sender.CLIENT;
        break;
      case OPERATOR:
        sender = MessageRecord.Sender.OPERATOR;
        author = m.actor().id();
        break;
      case ADMIN:
        sender = MessageRecord.Sender.OPERATOR;
        author = m.actor().toString();
        break;
      case BOT:
        sender = MessageRecord.Sender.BOT;
        author = m.actor().id();
        break;
      default:
        sender = MessageRecord.Sender.SYSTEM;
    }
    List<MessageRecord.FileRef> files = List.of();
    if (!m.attachments().isEmpty()) { // few messages carry files: most need no list or iterator
      files = new ArrayList<>(m.attachments().size());
      for (Attachment a : m.attachments()) {
        files.add(new MessageRecord.FileRef(a.name(), a.contentType(), a.size(), a.uri()));
      }
    }
    return new MessageRecord(m.tenant().value(), m.session().value(), m.messageId(), m.at(), sender, author,
        m.text(), files, MessageRecord.Delivery.SENT);
  }

  /** The client's name, phone or e-mail in its field of the record, a host's identifier as a parameter. */
  private static void edit(SessionRecord.Builder b, String field, @Nullable String value) {
    switch (field) {
      case Command.EditClient.NAME:
        b.clientName(value);
        break;
      case Command.EditClient.PHONE:
        b.phone(value);
        break;
      case Command.EditClient.EMAIL:
        b.email(value);
        break;
      default:
        if (value == null) {
          b.removeParameter(field);
        } else {
          b.parameter(field, value);
        }
    }
  }

  private SessionTransition step(
      Event e, SessionStatus status, @Nullable String reason, @Nullable String group, @Nullable OperatorId operator) {
    return new SessionTransition(e.at(), status, actor(e.actor()), reason, group, id(operator));
  }

  /** The actor's name as stored; an administrator's is made each time, since hosts may name any. */
  private String actor(Actor a) {
    switch (a.kind()) {
      case OPERATOR:
      case BOT:
        return actors.computeIfAbsent(a, Actor::toString);
      default:
        return a.toString();
    }
  }

  private static @Nullable String id(@Nullable GroupId id) {
    return id == null ? null : id.value();
  }

  private static @Nullable String id(@Nullable OperatorId id) {
    return id == null ? null : id.value();
  }
}
