package dev.parley.transport.netty;

import dev.parley.channels.email.MailStatus;
import dev.parley.core.Entry;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionState;
import dev.parley.core.routing.Explanation;
import dev.parley.core.routing.GroupCounts;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.RecordingRef;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of what the admin API and the WebSockets show: sessions (stored and live),
 * messages, explanations, contacts, blacklist entries, invitations, group counts. Absent values
 * are left out rather than written as {@code null}; instants are ISO-8601 UTC.
 */
final class Views {
  private Views() {}

  static ObjectNode session(SessionRecord s) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("channel", s.channel());
    n.put("status", s.status().name());
    n.put("arrivedAt", s.arrivedAt().toString());
    put(n, "acceptedAt", s.acceptedAt());
    put(n, "endedAt", s.endedAt());
    put(n, "closedAt", s.closedAt());
    put(n, "group", s.group());
    put(n, "operator", s.operator());
    strings(n, "collaborators", s.collaborators());
    put(n, "client", s.client());
    put(n, "clientName", s.clientName());
    put(n, "phone", s.phone());
    put(n, "email", s.email());
    put(n, "widget", s.widget());
    put(n, "pageUrl", s.pageUrl());
    put(n, "language", s.language());
    put(n, "browser", s.browser());
    put(n, "os", s.os());
    put(n, "subject", s.subject());
    put(n, "invitationCode", s.invitationCode());
    put(n, "chatbot", s.chatbot());
    put(n, "contact", s.contact());
    put(n, "reopens", s.reopens());
    put(n, "endReason", s.endReason());
    put(n, "result", s.result());
    s.rating().ifPresent(r -> n.put("rating", r));
    put(n, "feedback", s.feedback());
    strings(n, "tags", List.copyOf(s.tags()));
    ObjectNode parameters = n.putObject("parameters");
    s.parameters().forEach(parameters::put);
    ArrayNode notes = n.putArray("notes");
    for (SessionNote note : s.notes()) {
      notes.addObject().put("at", note.at().toString()).put("author", note.author()).put("text", note.text());
    }
    n.set("recordings", recordings(s));
    s.erasedAt().ifPresent(at -> n.put("erasedAt", at.toString()));
    return n;
  }

  /** A session's recordings, oldest first: {@code [{"startedAt": …, "length": "PT4M", "uri": …}]}. */
  static ArrayNode recordings(SessionRecord s) {
    ArrayNode recordings = Json.array();
    for (RecordingRef r : s.recordings()) {
      recordings.addObject().put("startedAt", r.startedAt().toString()).put("length", r.length().toString())
          .put("uri", r.uri());
    }
    return recordings;
  }

  /** How far a mail the session asked for got ({@code OutboxMailer}). */
  static ObjectNode mail(MailStatus m) {
    ObjectNode n = Json.object();
    n.put("purpose", m.purpose().name());
    n.put("to", m.to());
    n.put("state", m.state().name());
    n.put("attempts", m.attempts());
    put(n, "error", Optional.ofNullable(m.error()));
    n.put("at", m.at().toString());
    return n;
  }

  static ObjectNode transition(SessionTransition t) {
    ObjectNode n = Json.object();
    n.put("at", t.at().toString());
    n.put("status", t.status().name());
    n.put("actor", t.actor());
    put(n, "reason", Optional.ofNullable(t.reason()));
    put(n, "group", Optional.ofNullable(t.group()));
    put(n, "operator", Optional.ofNullable(t.operator()));
    return n;
  }

  static ObjectNode message(MessageRecord m) {
    ObjectNode n = Json.object();
    n.put("id", m.id());
    n.put("at", m.at().toString());
    n.put("sender", m.sender().name());
    put(n, "author", Optional.ofNullable(m.author()));
    n.put("text", m.text());
    n.put("delivery", m.delivery().name());
    ArrayNode files = n.putArray("files");
    for (MessageRecord.FileRef f : m.files()) {
      files.addObject().put("name", f.name()).put("contentType", f.contentType()).put("size", f.size()).put("url", f.uri());
    }
    return n;
  }

  static ObjectNode explanation(Explanation e) {
    ObjectNode n = Json.object();
    n.put("state", e.state().name());
    n.put("routedBy", e.routedBy());
    put(n, "group", Optional.ofNullable(e.group()).map(g -> g.value()));
    put(n, "waitsFor", Optional.ofNullable(e.waitsFor()).map(o -> o.value()));
    put(n, "strategy", Optional.ofNullable(e.strategy()).map(Enum::name));
    e.offer().ifPresent(o -> n.putObject("lastOffer").put("operator", o.operator().value())
        .put("candidates", o.candidates()).put("key", o.key()));
    ArrayNode candidates = n.putArray("candidates");
    for (Explanation.Candidate c : e.candidates()) {
      ObjectNode cn = candidates.addObject().put("operator", c.operator().value()).put("eligible", c.eligible())
          .put("key", c.key());
      put(cn, "exclusion", Optional.ofNullable(c.exclusion()).map(Enum::name));
    }
    n.put("text", e.toString());
    return n;
  }

  /** A live session as the engine sees it: a waiting-list preview, a client tab, a live view row. */
  /** The operators who serve the session now: its operator once he accepted it, and its collaborators. */
  static List<OperatorId> serving(SessionView v) {
    boolean held = v.operator() != null && (v.state() == SessionState.ACTIVE || v.state() == SessionState.WRAP_UP);
    if (!held) {
      return v.collaborators();
    }
    List<OperatorId> all = new ArrayList<>(v.collaborators().size() + 1);
    all.add(v.operator());
    all.addAll(v.collaborators());
    return all;
  }

  static ObjectNode live(SessionView v) {
    ObjectNode n = Json.object();
    n.put("session", v.id().value());
    n.put("state", v.state().name());
    put(n, "group", v.groupId().map(g -> g.value()));
    put(n, "operator", Optional.ofNullable(v.operator()).map(o -> o.value()));
    put(n, "waitsFor", Optional.ofNullable(v.waitsFor()).map(o -> o.value()));
    put(n, "chatbot", v.chatbotId().map(c -> c.value()));
    strings(n, "collaborators", v.collaborators().stream().map(o -> o.value()).toList());
    n.put("arrivedAt", v.arrivedAt().toString());
    n.put("waitingSince", v.waitingSince().toString());
    if (v.position() > 0) {
      n.put("position", v.position());
    }
    n.put("priority", v.priority());
    n.set("entry", entry(v.entry()));
    ArrayNode notes = n.putArray("notes");
    for (SessionView.Note note : v.notes()) {
      notes.addObject().put("at", note.at().toString()).put("author", note.by().toString()).put("text", note.text());
    }
    return n;
  }

  static ObjectNode entry(Entry e) {
    ObjectNode n = Json.object();
    n.put("channel", e.channel().name());
    put(n, "client", e.client().map(c -> c.identifier()));
    put(n, "name", e.name());
    put(n, "phone", e.phone());
    put(n, "email", e.email());
    put(n, "language", e.language());
    put(n, "widget", e.widget());
    put(n, "pageUrl", e.pageUrl());
    put(n, "browser", e.browser());
    put(n, "os", e.os());
    put(n, "subject", e.subject());
    put(n, "invitationCode", e.invitationCode());
    if (!e.parameters().isEmpty()) {
      ObjectNode parameters = n.putObject("parameters");
      e.parameters().forEach(parameters::put);
    }
    return n;
  }

  static ObjectNode counts(GroupCounts g) {
    ObjectNode n = Json.object();
    n.put("group", g.group().value());
    n.put("online", g.online());
    n.put("busy", g.busy());
    n.put("away", g.away());
    n.put("waiting", g.waiting());
    ArrayNode operators = n.putArray("operators");
    for (GroupCounts.OperatorRow row : g.operators()) {
      ObjectNode o = operators.addObject().put("operator", row.operator().value())
          .put("presence", row.status().presence().name()).put("sessions", row.sessions()).put("waiting", row.waiting());
      put(o, "reason", Optional.ofNullable(row.status().reason()));
    }
    return n;
  }

  static ObjectNode blacklisted(BlacklistEntry b) {
    return Json.object().put("channel", b.channel()).put("identifier", b.identifier()).put("reason", b.reason())
        .put("blockedBy", b.blockedBy()).put("blockedAt", b.blockedAt().toString());
  }

  static ObjectNode contact(ContactRecord c) {
    ObjectNode n = Json.object().put("id", c.id()).put("name", c.name()).put("createdAt", c.createdAt().toString());
    ArrayNode identities = n.putArray("identities");
    for (ContactRecord.Identity i : c.identities()) {
      identities.addObject().put("kind", i.kind().name()).put("value", i.value());
    }
    ObjectNode details = n.putObject("details");
    c.details().forEach(details::put);
    return n;
  }

  static ObjectNode invitation(InvitationRecord i) {
    ObjectNode n = Json.object().put("code", i.code()).put("operator", i.operator()).put("reusable", i.reusable())
        .put("createdAt", i.createdAt().toString()).put("expiresAt", i.expiresAt().toString());
    put(n, "endedAt", Optional.ofNullable(i.endedAt()));
    put(n, "endReason", Optional.ofNullable(i.endReason()));
    return n;
  }

  /** {@code {"items": [...], "next": cursor}}. */
  static <T> ObjectNode page(List<T> items, @Nullable String next, Function<T, ObjectNode> view) {
    ObjectNode n = Json.object();
    ArrayNode array = n.putArray("items");
    items.forEach(item -> array.add(view.apply(item)));
    if (next != null) {
      n.put("next", next);
    }
    return n;
  }

  static ObjectNode properties(Map<String, String> properties) {
    ObjectNode n = Json.object();
    properties.forEach(n::put);
    return n;
  }

  private static void put(ObjectNode n, String field, Optional<?> value) {
    value.ifPresent(v -> n.put(field, v instanceof Instant ? v.toString() : String.valueOf(v)));
  }

  private static void strings(ObjectNode n, String field, List<String> values) {
    ArrayNode array = n.putArray(field);
    values.forEach(array::add);
  }
}
