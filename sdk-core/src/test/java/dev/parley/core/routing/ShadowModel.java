package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the engine must have done, rebuilt from its events alone: operators with their status,
 * switches and capacities, and every live session with its state, group, target and holder. It
 * asserts, per event, that each transition follows from the last (an accept only after an offer, no
 * session queued twice, a blocked client never entering, FIFO within a priority when a session is
 * offered from a queue), and checks the between-commands invariants on demand ({@link #check}).
 */
final class ShadowModel {
  static final class Operator {
    OperatorStatus status = OperatorStatus.OFFLINE;
    Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
    Set<GroupId> groups = new HashSet<>();
    Set<Channel> off = new HashSet<>();
    boolean phoneLine;
    /** His last console closed and none opened since. */
    boolean gone;
  }

  static final class Session {
    final SessionId id;
    final Channel channel;
    final int priority;
    /** Its place in line within a priority: its arrival, or its leaving a chatbot. */
    long arrival;
    SessionState state = SessionState.QUEUED;
    GroupId group;
    OperatorId target;
    OperatorId holder;
    final Set<OperatorId> offeredTo = new HashSet<>();
    /** When his wait counts from: his arrival, or the last requeue's {@code waitingSince}. */
    java.time.Instant waitingSince;
    /** While the client's connection is gone: the end of his grace. */
    java.time.Instant graceEnds;

    Session(SessionId id, Channel channel, int priority, long arrival) {
      this.id = id;
      this.channel = channel;
      this.priority = priority;
      this.arrival = arrival;
    }
  }

  private final Map<OperatorId, Operator> operators = new LinkedHashMap<>();
  private final Map<GroupId, RoutingStrategy> strategies = new HashMap<>();
  private final Map<SessionId, Session> sessions = new LinkedHashMap<>();
  private final Set<ClientRef> blocked = new HashSet<>();
  private final List<String> invitationCodes = new ArrayList<>();
  /** Sessions refused with the offline form, whose form has not come. */
  private final List<SessionId> formsAwaited = new ArrayList<>();
  private final Map<String, Long> seen = new TreeMap<>();
  private long arrivals;

  /** Live sessions by id, in arrival order. */
  Map<SessionId, Session> sessions() {
    return sessions;
  }

  /** Invitation codes ever created. */
  List<SessionId> formsAwaited() {
    return formsAwaited;
  }

  List<String> invitationCodes() {
    return invitationCodes;
  }

  /** Whether the group was defined. */
  boolean knowsGroup(GroupId group) {
    return strategies.containsKey(group);
  }

  /** How often each kind of event (or refusal, when {@link #count} is called with one) occurred. */
  Map<String, Long> seen() {
    return seen;
  }

  void count(String kind) {
    seen.merge(kind, 1L, Long::sum);
  }

  void observe(List<Event> events) {
    for (Event e : events) {
      observe(e);
    }
  }

  void observe(Event e) {
    count(e.getClass().getSimpleName());
    if (e instanceof Event.SessionRequeued r) {
      count("Requeued:" + r.reason());
    } else if (e instanceof Event.SessionAbandoned a) {
      count("Abandoned:" + a.reason());
    }
    if (e instanceof Event.OperatorDefined) {
      OperatorSpec spec = ((Event.OperatorDefined) e).spec();
      Operator op = operators.computeIfAbsent(spec.id(), id -> new Operator());
      op.capacity = new EnumMap<>(Channel.class);
      op.capacity.putAll(spec.capacities());
      op.groups = new HashSet<>(spec.groups().keySet());
      op.phoneLine = spec.phoneLine();
    } else if (e instanceof Event.GroupDefined) {
      GroupSpec spec = ((Event.GroupDefined) e).spec();
      strategies.put(spec.id(), spec.strategy());
    } else if (e instanceof Event.OperatorStatusChanged) {
      Event.OperatorStatusChanged c = (Event.OperatorStatusChanged) e;
      assertThat(operators.get(c.operator()).status).isEqualTo(c.from());
      operators.get(c.operator()).status = c.to();
    } else if (e instanceof Event.ChannelSwitched) {
      Event.ChannelSwitched c = (Event.ChannelSwitched) e;
      if (c.on()) {
        operators.get(c.operator()).off.remove(c.channel());
      } else {
        operators.get(c.operator()).off.add(c.channel());
      }
    } else if (e instanceof Event.OperatorPresenceChanged p) {
      operators.get(p.operator()).gone = !p.connected();
    } else if (e instanceof Event.PhoneLineChanged) {
      Event.PhoneLineChanged c = (Event.PhoneLineChanged) e;
      operators.get(c.operator()).phoneLine = c.available();
    } else if (e instanceof Event.ClientBlocked) {
      blocked.add(((Event.ClientBlocked) e).client());
    } else if (e instanceof Event.ClientUnblocked) {
      blocked.remove(((Event.ClientUnblocked) e).client());
    } else if (e instanceof Event.InvitationCreated) {
      invitationCodes.add(((Event.InvitationCreated) e).code());
    } else if (e instanceof Event.SessionEvent) {
      observeSession((Event.SessionEvent) e);
    }
  }

  private void observeSession(Event.SessionEvent e) {
    if (e instanceof Event.SessionQueued) {
      Event.SessionQueued q = (Event.SessionQueued) e;
      assertThat(sessions).as("session ids are unique").doesNotContainKey(q.session());
      q.entry().client().ifPresent(c -> assertThat(blocked).as("blocked clients never enter").doesNotContain(c));
      Session s = new Session(q.session(), q.entry().channel(), q.priority(), arrivals++);
      s.group = q.group();
      s.target = q.operator();
      s.waitingSince = q.at();
      sessions.put(s.id, s);
      return;
    }
    if (e instanceof Event.SessionToChatbot) {
      Event.SessionToChatbot b = (Event.SessionToChatbot) e;
      assertThat(sessions).as("session ids are unique").doesNotContainKey(b.session());
      b.entry().client().ifPresent(c -> assertThat(blocked).as("blocked clients never enter").doesNotContain(c));
      assertThat(b.entry().invitationCode()).as("an invitation goes to its operator, not to a bot").isEmpty();
      Session s = new Session(b.session(), b.entry().channel(), b.priority(), arrivals++);
      s.state = SessionState.CHATBOT;
      s.group = b.group();
      s.waitingSince = b.at();
      sessions.put(s.id, s);
      return;
    }
    if (e instanceof Event.SessionRefused) {
      Event.SessionRefused r = (Event.SessionRefused) e;
      assertThat(sessions).doesNotContainKey(r.session());
      if (r.reason() == Event.RefusalReason.BLOCKED) {
        assertThat(r.entry()).as("nothing is kept of a blocked client").isNull();
      }
      if (r.offlineForm()) {
        assertThat(r.reason()).as("the offline form is for clients who came when nobody was online")
            .isEqualTo(Event.RefusalReason.NOBODY_ONLINE);
        formsAwaited.add(r.session());
      }
      return;
    }
    if (e instanceof Event.OfflineFormSubmitted f) {
      assertThat(formsAwaited.remove(f.session())).as("a form only for a session refused with one, once").isTrue();
      return;
    }
    Session s = sessions.get(e.session());
    if (s == null) {
      if (e instanceof Event.FeedbackGiven || e instanceof Event.NoteAdded || e instanceof Event.TranscriptRequested) {
        return;
      }
      fail("event for a session the model does not know: " + e);
    }
    if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      assertThat(s.state).as("offer of %s (a bot's session is never offered)", s.id).isIn(SessionState.QUEUED, SessionState.OFFERED);
      for (OperatorId op : o.operators()) {
        assertThat(operators.get(op).gone).as("%s offered to %s, whose console is gone", s.id, op).isFalse();
      }
      if (single(s)) {
        assertThat(s.state).isEqualTo(SessionState.QUEUED);
        assertThat(o.operators()).hasSize(1);
        s.holder = o.operators().get(0);
        if (s.target == null) {
          checkNobodyAhead(s);
        } else {
          assertThat(s.holder).as("a directed session goes to its operator only").isEqualTo(s.target);
        }
      } else {
        for (OperatorId op : o.operators()) {
          assertThat(s.offeredTo.add(op)).as("offered twice to %s", op).isTrue();
        }
      }
      s.state = SessionState.OFFERED;
    } else if (e instanceof Event.SessionAccepted) {
      Event.SessionAccepted a = (Event.SessionAccepted) e;
      assertThat(s.state).as("only an offered session is accepted (%s)", s.id).isEqualTo(SessionState.OFFERED);
      if (s.holder != null) {
        assertThat(a.operator()).isEqualTo(s.holder);
      } else {
        assertThat(s.offeredTo).contains(a.operator());
        s.offeredTo.remove(a.operator());
        s.holder = a.operator();
      }
      s.state = SessionState.ACTIVE;
    } else if (e instanceof Event.OfferEnded) {
      Event.OfferEnded o = (Event.OfferEnded) e;
      if (s.holder != null && s.state == SessionState.OFFERED) {
        assertThat(o.operator()).isEqualTo(s.holder);
        s.holder = null;
        if (s.target != null && s.group != null && o.reason() != Event.OfferEndReason.WITHDRAWN) {
          s.target = null;
        }
      } else {
        assertThat(s.offeredTo.remove(o.operator())).as("withdrawn offer to %s of %s existed", o.operator(), s.id).isTrue();
      }
      s.state = o.state();
    } else if (e instanceof Event.SessionRequeued) {
      Event.SessionRequeued r = (Event.SessionRequeued) e;
      assertThat(s.offeredTo).as("requeued %s with offers standing", s.id).isEmpty();
      boolean fromBot = r.reason() == Event.RequeueReason.HANDED_OFF || r.reason() == Event.RequeueReason.CHATBOT_TIMED_OUT
          || r.reason() == Event.RequeueReason.CHATBOT_FAILED;
      assertThat(fromBot).as("%s left a bot as %s", s.id, r.reason()).isEqualTo(fromBot && s.state == SessionState.CHATBOT);
      if (s.state == SessionState.CHATBOT) {
        s.arrival = arrivals++; // in line from leaving the bot
      }
      if (r.reason() == Event.RequeueReason.OPERATOR_GONE || r.reason() == Event.RequeueReason.UNANSWERED) {
        assertThat(r.waitingSince()).as("%s re-routed for %s keeps its wait", s.id, r.reason()).isEqualTo(s.waitingSince);
      }
      s.waitingSince = r.waitingSince();
      s.holder = null;
      s.state = SessionState.QUEUED;
      if (r.operator() != null) {
        s.target = r.operator();
      } else {
        s.group = r.group();
        s.target = null;
      }
    } else if (e instanceof Event.SessionAbandoned) {
      assertThat(s.holder).isNull();
      assertThat(s.offeredTo).isEmpty();
      sessions.remove(s.id);
    } else if (e instanceof Event.SessionEnded) {
      Event.SessionEnded end = (Event.SessionEnded) e;
      assertThat(s.state).isEqualTo(SessionState.ACTIVE);
      assertThat(end.operator()).isEqualTo(s.holder);
      s.state = end.state();
      if (s.state == SessionState.ENDED) {
        sessions.remove(s.id);
      }
    } else if (e instanceof Event.SessionEndedByChatbot) {
      assertThat(s.state).as("only the bot's session is ended by it").isEqualTo(SessionState.CHATBOT);
      sessions.remove(s.id);
    } else if (e instanceof Event.MessagePosted && e.actor().kind() == Actor.Kind.BOT) {
      assertThat(s.state).as("a bot posts only while it has %s", s.id).isEqualTo(SessionState.CHATBOT);
    } else if (e instanceof Event.WrapUpCompleted) {
      assertThat(s.state).isEqualTo(SessionState.WRAP_UP);
      sessions.remove(s.id);
    } else if (e instanceof Event.TranscriptRequested) {
      assertThat(s.state).as("a transcript of %s, served", s.id).isIn(SessionState.ACTIVE, SessionState.WRAP_UP);
    } else if (e instanceof Event.ClientPresenceChanged p) {
      assertThat(s.channel.connected()).as("%s on %s has no connection", s.id, s.channel).isTrue();
      s.graceEnds = p.connected() ? null : p.graceEnds();
    }
  }

  /** No session of a gone client outlives his grace: after every step, none whose grace ended is live. */
  void checkPresence(java.time.Instant now, Object where) {
    for (Session s : sessions.values()) {
      if (s.graceEnds != null && s.state != SessionState.WRAP_UP) {
        assertThat(now).as("%s of a client gone until %s is still %s (%s)", s.id, s.graceEnds, s.state, where)
            .isBeforeOrEqualTo(s.graceEnds);
      }
    }
  }

  /** FIFO within a priority: a session offered from a queue has nobody ahead of it waiting there. */
  private void checkNobodyAhead(Session offered) {
    for (Session w : sessions.values()) {
      if (w != offered && w.state == SessionState.QUEUED && w.target == null && Objects.equals(w.group, offered.group)
          && w.channel == offered.channel) {
        boolean ahead = w.priority > offered.priority || (w.priority == offered.priority && w.arrival < offered.arrival);
        assertThat(ahead).as("%s was offered while %s waited ahead of it ", offered.id, w.id).isFalse();
      }
    }
  }

  private boolean single(Session s) {
    return s.target != null || strategies.get(s.group) != RoutingStrategy.WHOLE_GROUP;
  }

  // ---------------------------------------------------------------------------------------------
  // Invariants

  /**
   * Checks every invariant between commands: capacity and exclusive media, agreement with the
   * engine's view of every live session, and work conservation.
   *
   * @param live the engine's live sessions
   * @param views the engine's view of a session
   * @param where names the step, for messages
   */
  void check(Collection<SessionId> live, Function<SessionId, Optional<SessionView>> views, Object where) {
    checkCapacity(where);
    // Nothing lost, nothing served twice: the engine agrees with the model on every live session.
    assertThat(new HashSet<>(live)).as("live sessions (%s)", where).isEqualTo(sessions.keySet());
    for (Session s : sessions.values()) {
      SessionView v = views.apply(s.id).orElseThrow();
      assertThat(v.state()).as("state of %s (%s)", s.id, where).isEqualTo(s.state);
      assertThat(v.operator()).as("holder of %s (%s)", s.id, where).isEqualTo(s.holder);
      assertThat(new HashSet<>(v.offeredTo())).as("whole-group offers of %s", s.id).isEqualTo(s.offeredTo);
      assertThat(v.waitsFor()).as("target of %s", s.id).isEqualTo(s.target);
      assertThat(v.waitingSince()).as("waiting since of %s (%s)", s.id, where).isEqualTo(s.waitingSince);
      if (s.target == null) {
        assertThat(v.group()).as("group of %s", s.id).isEqualTo(s.group);
      }
      if (s.state == SessionState.CHATBOT) {
        assertThat(v.position()).as("%s is with its bot, not in a queue (%s)", s.id, where).isZero();
        assertThat(v.chatbot()).as("%s's bot", s.id).isNotNull();
      }
    }
    Map<OperatorId, Map<Channel, Integer>> held = held();
    // Work conservation.
    for (Session s : sessions.values()) {
      if (s.state != SessionState.QUEUED) {
        continue;
      }
      for (Map.Entry<OperatorId, Operator> o : operators.entrySet()) {
        boolean inScope = s.target != null ? s.target.equals(o.getKey()) : o.getValue().groups.contains(s.group);
        if (inScope && canTake(o.getValue(), s.channel, held.getOrDefault(o.getKey(), Map.of()))) {
          fail("%s waits while %s could take it (%s)", s.id, o.getKey(), where);
        }
      }
    }
  }

  /** No operator holds more of a channel than his capacity; an exclusive session is his only one. */
  void checkCapacity(Object where) {
    for (Map.Entry<OperatorId, Map<Channel, Integer>> h : held().entrySet()) {
      Operator op = operators.get(h.getKey());
      int total = 0;
      boolean exclusive = false;
      for (Map.Entry<Channel, Integer> c : h.getValue().entrySet()) {
        assertThat(c.getValue()).as("%s holds %s %s sessions (%s)", h.getKey(), c.getValue(), c.getKey(), where)
            .isLessThanOrEqualTo(op.capacity.getOrDefault(c.getKey(), 0));
        total += c.getValue();
        exclusive |= c.getKey().exclusive();
      }
      if (exclusive) {
        assertThat(total).as("%s holds an exclusive session and others (%s)", h.getKey(), where).isEqualTo(1);
      }
    }
  }

  private Map<OperatorId, Map<Channel, Integer>> held() {
    Map<OperatorId, Map<Channel, Integer>> held = new HashMap<>();
    for (Session s : sessions.values()) {
      if (s.holder != null) {
        held.computeIfAbsent(s.holder, k -> new EnumMap<>(Channel.class)).merge(s.channel, 1, Integer::sum);
      }
    }
    return held;
  }

  private static boolean canTake(Operator op, Channel c, Map<Channel, Integer> mine) {
    int total = mine.values().stream().mapToInt(Integer::intValue).sum();
    boolean inExclusive = mine.keySet().stream().anyMatch(Channel::exclusive);
    return op.status.presence() == Presence.ONLINE
        && !op.gone
        && op.capacity.getOrDefault(c, 0) > mine.getOrDefault(c, 0)
        && !op.off.contains(c)
        && !inExclusive
        && (!c.exclusive() || total == 0)
        && (!c.needsPhoneLine() || op.phoneLine);
  }
}
