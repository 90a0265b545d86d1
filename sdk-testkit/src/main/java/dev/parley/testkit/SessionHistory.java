package dev.parley.testkit;

import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the events tell of one session: its state, group, offers and notes even after the engine
 * has let it go, and its story in readable lines for failure messages.
 */
final class SessionHistory {
  private final SessionId session;
  private final List<Event.SessionEvent> events;

  SessionHistory(SessionId session, List<Event.SessionEvent> events) {
    this.session = session;
    this.events = events;
  }

  /** The state after the session's last event; empty when no event named it. */
  Optional<SessionState> state() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).state());
  }

  /** Why it was turned away, when it was. */
  Optional<RefusalReason> refusal() {
    for (Event.SessionEvent e : events) {
      if (e instanceof Event.SessionRefused) {
        return Optional.of(((Event.SessionRefused) e).reason());
      }
    }
    return Optional.empty();
  }

  /** The last group it was queued in, given a chatbot in, offered from or abandoned in; null when none. */
  @Nullable GroupId group() {
    GroupId group = null;
    for (Event.SessionEvent e : events) {
      GroupId g = null;
      if (e instanceof Event.SessionQueued) {
        g = ((Event.SessionQueued) e).group();
      } else if (e instanceof Event.SessionRequeued) {
        g = ((Event.SessionRequeued) e).group();
      } else if (e instanceof Event.SessionOffered) {
        g = ((Event.SessionOffered) e).group();
      } else if (e instanceof Event.SessionAbandoned) {
        g = ((Event.SessionAbandoned) e).group();
      } else if (e instanceof Event.SessionToChatbot) {
        g = ((Event.SessionToChatbot) e).group();
      }
      if (g != null) {
        group = g;
      }
    }
    return group;
  }

  /** Every operator it was offered to, in the order of the offers (a whole-group offer in its order). */
  List<OperatorId> offers() {
    List<OperatorId> offers = new ArrayList<>();
    for (Event.SessionEvent e : events) {
      if (e instanceof Event.SessionOffered) {
        offers.addAll(((Event.SessionOffered) e).operators());
      }
    }
    return offers;
  }

  /** The notes written on it: added, with redirects, and with the wrap-up. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (Event.SessionEvent e : events) {
      String note = null;
      if (e instanceof Event.NoteAdded) {
        note = ((Event.NoteAdded) e).text();
      } else if (e instanceof Event.SessionRequeued) {
        note = ((Event.SessionRequeued) e).note();
      } else if (e instanceof Event.WrapUpCompleted) {
        note = ((Event.WrapUpCompleted) e).note();
      }
      if (note != null) {
        notes.add(note);
      }
    }
    return notes;
  }

  /** The session's story, one line per event, times relative to {@code start}. */
  String story(Instant start) {
    if (events.isEmpty()) {
      return "  (no event names " + session + ": it never arrived)\n";
    }
    StringBuilder s = new StringBuilder();
    for (Event.SessionEvent e : events) {
      s.append(String.format("  %-9s %s  [%s]%n", offset(start, e.at()), describe(e), e.actor()));
    }
    return s.toString();
  }

  private static String offset(Instant start, Instant at) {
    Duration d = Duration.between(start, at);
    return d.isNegative() ? at.toString() : "+" + d.toString().substring(2).toLowerCase();
  }

  private static String describe(Event.SessionEvent e) {
    if (e instanceof Event.SessionQueued) {
      Event.SessionQueued q = (Event.SessionQueued) e;
      return "queued " + (q.group() != null ? "in group " + q.group() : "for operator " + q.operator())
          + (q.priority() != 0 ? ", priority " + q.priority() : "")
          + (q.reopens() != null ? ", reopening " + q.reopens() : "");
    }
    if (e instanceof Event.SessionToChatbot) {
      Event.SessionToChatbot b = (Event.SessionToChatbot) e;
      return "with chatbot " + b.chatbot() + " of group " + b.group();
    }
    if (e instanceof Event.SessionEndedByChatbot) {
      return "ended by chatbot " + ((Event.SessionEndedByChatbot) e).chatbot();
    }
    if (e instanceof Event.SessionRefused) {
      Event.SessionRefused r = (Event.SessionRefused) e;
      return "refused: " + r.reason() + (r.offlineForm() ? ", offline form shown" : "");
    }
    if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      return "offered to " + o.operators() + (o.group() != null ? " from group " + o.group() : "");
    }
    if (e instanceof Event.OfferEnded) {
      Event.OfferEnded o = (Event.OfferEnded) e;
      return "offer to " + o.operator() + " ended: " + o.reason() + "; now " + o.state();
    }
    if (e instanceof Event.SessionAccepted) {
      return "accepted by " + ((Event.SessionAccepted) e).operator();
    }
    if (e instanceof Event.SessionRequeued) {
      Event.SessionRequeued r = (Event.SessionRequeued) e;
      return "requeued (" + r.reason() + ")" + (r.previousOperator() != null ? " from " + r.previousOperator() : "")
          + (r.group() != null ? " to group " + r.group() : " to operator " + r.operator())
          + (r.note() != null ? ", note \"" + r.note() + "\"" : "");
    }
    if (e instanceof Event.SessionAbandoned) {
      return "abandoned by the client";
    }
    if (e instanceof Event.SessionEnded) {
      Event.SessionEnded x = (Event.SessionEnded) e;
      return "ended (" + x.reason() + ") with " + x.operator() + "; now " + x.state();
    }
    if (e instanceof Event.WrapUpCompleted) {
      Event.WrapUpCompleted w = (Event.WrapUpCompleted) e;
      if (w.timedOut()) {
        return "wrap-up timed out for " + w.operator();
      }
      return "wrap-up completed by " + w.operator() + ": " + w.result()
          + (w.note() != null ? ", note \"" + w.note() + "\"" : "");
    }
    if (e instanceof Event.NoteAdded) {
      return "note \"" + ((Event.NoteAdded) e).text() + "\"";
    }
    if (e instanceof Event.CollaboratorChanged) {
      Event.CollaboratorChanged c = (Event.CollaboratorChanged) e;
      return "collaborator " + c.collaborator() + (c.joined() ? " joined" : " left");
    }
    if (e instanceof Event.FeedbackGiven) {
      Event.FeedbackGiven f = (Event.FeedbackGiven) e;
      return "feedback " + f.rating() + "/5" + (f.comment() != null ? ": \"" + f.comment() + "\"" : "");
    }
    return e.toString();
  }
}
