package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.routing.GroupCounts;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.MessageRecord;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The frames the server sends, as {@code PROTOCOL.md} shows them. */
final class Frames {
  private static final String[] FROM = Arrays.stream(Actor.Kind.values())
      .map(k -> k.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

  private Frames() {}

  static ObjectNode of(String type) {
    return Json.object().put("type", type);
  }

  static ObjectNode ok(@Nullable String ref) {
    ObjectNode n = of("ok");
    if (ref != null) {
      n.put("ref", ref);
    }
    return n;
  }

  static ObjectNode error(Failure failure, @Nullable String ref) {
    ObjectNode n = of("error").put("code", failure.type()).put("message", failure.message() == null ? "" : failure.message());
    if (ref != null) {
      n.put("ref", ref);
    }
    return n;
  }

  /**
   * A message posted into a session, for its client or its operators: the one frame sent for
   * every message, so it is written straight into a pooled buffer, which the caller owns.
   */
  static ByteBuf message(Event.MessagePosted m) {
    return FrameWriter.write(m, Frames::message);
  }

  private static void message(FrameWriter out, Event.MessagePosted m) {
    JsonGenerator g = out.json();
    g.writeStartObject();
    g.writeStringProperty("type", "message");
    g.writeStringProperty("session", m.session().value());
    g.writeStringProperty("id", m.messageId());
    g.writeStringProperty("from", from(m.actor().kind()));
    g.writeStringProperty("text", m.text());
    out.instant("at", m.at());
    if (m.actor().kind() == Actor.Kind.OPERATOR || m.actor().kind() == Actor.Kind.BOT) {
      g.writeStringProperty("author", m.actor().id());
    }
    g.writeArrayPropertyStart("attachments");
    for (int i = 0; i < m.attachments().size(); i++) { // no iterator, for every message
      Attachment a = m.attachments().get(i);
      g.writeStartObject();
      g.writeStringProperty("name", a.name());
      g.writeStringProperty("contentType", a.contentType());
      g.writeNumberProperty("size", a.size());
      g.writeStringProperty("url", a.uri());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code client}, {@code operator}, …: who a message or a typing indicator is from. */
  static String from(Actor.Kind kind) {
    return FROM[kind.ordinal()];
  }

  /** A stored message, in the shape of the live {@code message} frame. */
  static ObjectNode message(MessageRecord m) {
    ObjectNode n = of("message").put("session", m.session()).put("id", m.id())
        .put("from", m.sender().name().toLowerCase(Locale.ROOT)).put("text", m.text()).put("at", m.at().toString());
    if (m.author() != null) {
      n.put("author", m.author());
    }
    ArrayNode files = n.putArray("attachments");
    for (MessageRecord.FileRef f : m.files()) {
      files.addObject().put("name", f.name()).put("contentType", f.contentType()).put("size", f.size()).put("url", f.uri());
    }
    return n;
  }

  static ObjectNode session(String type, SessionId session) {
    return of(type).put("session", session.value());
  }

  static ObjectNode status(OperatorStatus status) {
    ObjectNode n = of("status").put("presence", status.presence().name());
    if (status.reason() != null) {
      n.put("reason", status.reason());
    }
    return n;
  }

  static ObjectNode waiting(List<SessionView> waiting) {
    ObjectNode n = of("waiting");
    ArrayNode items = n.putArray("items");
    waiting.forEach(v -> items.add(Views.live(v)));
    return n;
  }

  static ObjectNode picker(List<GroupCounts> groups) {
    ObjectNode n = of("picker");
    ArrayNode items = n.putArray("groups");
    groups.forEach(g -> items.add(Views.counts(g)));
    return n;
  }

  /**
   * What the tag field suggests: the tenant's catalogue with its colours, in the tenant's order,
   * and the operator's recent tags, latest first.
   */
  static ObjectNode tags(TenantSettings settings, List<String> recent) {
    ObjectNode n = catalogue(of("tags"), settings);
    ArrayNode latest = n.putArray("recent");
    recent.forEach(latest::add);
    return n;
  }

  /** What consoles show of the tenant's settings, pushed when they change: away reasons and the tag catalogue. */
  static ObjectNode settings(TenantSettings settings) {
    ObjectNode n = catalogue(of("settings"), settings);
    ArrayNode reasons = n.putArray("awayReasons");
    settings.awayReasons().forEach(reasons::add);
    return n;
  }

  private static ObjectNode catalogue(ObjectNode n, TenantSettings settings) {
    ArrayNode catalogue = n.putArray("catalogue");
    settings.tags().forEach((tag, colour) -> catalogue.addObject().put("tag", tag).put("colour", colour));
    return n;
  }

  /** What changed in a session: a note, a tag, a parameter, a client field, feedback, a collaborator. */
  static ObjectNode updated(Event.SessionEvent e) {
    ObjectNode n = session("updated", e.session()).put("by", e.actor().toString()).put("at", e.at().toString());
    if (e instanceof Event.NoteAdded) {
      n.put("note", ((Event.NoteAdded) e).text());
    } else if (e instanceof Event.TagChanged) {
      n.put("tag", ((Event.TagChanged) e).tag()).put("on", ((Event.TagChanged) e).on());
    } else if (e instanceof Event.ParameterSet) {
      Event.ParameterSet p = (Event.ParameterSet) e;
      n.putObject("parameter").put("name", p.name()).put("value", p.value());
    } else if (e instanceof Event.ClientEdited c) {
      n.putObject("client").put("field", c.field()).put("value", c.value());
    } else if (e instanceof Event.FeedbackGiven) {
      Event.FeedbackGiven f = (Event.FeedbackGiven) e;
      n.putObject("feedback").put("rating", f.rating()).put("comment", f.comment());
    } else if (e instanceof Event.CollaboratorChanged) {
      Event.CollaboratorChanged c = (Event.CollaboratorChanged) e;
      n.putObject("collaborator").put("operator", c.collaborator().value()).put("joined", c.joined());
    }
    return n;
  }
}
