package dev.parley.core.internal;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Attachment;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventType;
import dev.parley.storage.OutboxRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns an event into the outbox record webhooks deliver: its {@link EventType}, its session, and
 * a flat JSON payload with the fields {@link EventType} lists for it. The store numbers the record.
 *
 * <p>Concurrency: stateless.
 */
final class OutboxCodec {
  private OutboxCodec() {}

  /** The record of an event, or empty when the event stays out of the outbox. */
  static Optional<OutboxRecord> encode(Event e) {
    return EventType.of(e).map(type -> new OutboxRecord(e.tenant().value(), 0, type.wireName(),
        e instanceof Event.SessionEvent ? ((Event.SessionEvent) e).session().value() : null, e.at(),
        payload(e).toString()));
  }

  private static FlatJson payload(Event e) {
    FlatJson json = new FlatJson().put("actor", e.actor().toString());
    if (e instanceof Event.SessionQueued) {
      Event.SessionQueued q = (Event.SessionQueued) e;
      return entry(json, q.entry()).put("group", id(q.group())).put("operator", id(q.operator()))
          .put("priority", q.priority()).put("language", q.entry().language().orElse(null))
          .put("reopens", id(q.reopens()));
    } else if (e instanceof Event.SessionToChatbot) {
      Event.SessionToChatbot b = (Event.SessionToChatbot) e;
      return entry(json, b.entry()).put("group", b.group().value()).put("chatbot", b.chatbot().value())
          .put("priority", b.priority()).put("language", b.entry().language().orElse(null))
          .put("reopens", id(b.reopens()));
    } else if (e instanceof Event.SessionEndedByChatbot) {
      return json.put("chatbot", ((Event.SessionEndedByChatbot) e).chatbot().value());
    } else if (e instanceof Event.SessionRefused) {
      Event.SessionRefused r = (Event.SessionRefused) e;
      Entry entry = requireNonNull(r.entry(), "a blocked client's refusal stays out of the outbox");
      return entry(json, entry).put("reason", r.reason().name()).put("offlineForm", r.offlineForm())
          .put("group", entry.group().map(GroupId::value).orElse(null));
    } else if (e instanceof Event.OfflineFormSubmitted f) {
      return entry(json, f.entry()).put("group", f.entry().group().map(GroupId::value).orElse(null))
          .put("name", f.fields().get("name")).put("email", f.fields().get("email"))
          .put("phone", f.fields().get("phone")).put("text", f.text());
    } else if (e instanceof Event.TranscriptRequested t) {
      return json.put("to", t.to());
    } else if (e instanceof Event.SessionOffered) {
      Event.SessionOffered o = (Event.SessionOffered) e;
      List<String> operators = new ArrayList<>(o.operators().size());
      o.operators().forEach(op -> operators.add(op.value()));
      return json.put("group", id(o.group())).put("operators", operators);
    } else if (e instanceof Event.OfferEnded) {
      Event.OfferEnded o = (Event.OfferEnded) e;
      return json.put("operator", o.operator().value()).put("reason", o.reason().name()).put("state", o.state().name());
    } else if (e instanceof Event.SessionAccepted) {
      return json.put("operator", ((Event.SessionAccepted) e).operator().value());
    } else if (e instanceof Event.SessionRequeued) {
      Event.SessionRequeued q = (Event.SessionRequeued) e;
      return json.put("reason", q.reason().name()).put("previousOperator", id(q.previousOperator()))
          .put("group", id(q.group())).put("operator", id(q.operator())).put("note", q.note())
          .put("waitingSince", q.waitingSince().toString());
    } else if (e instanceof Event.SessionAbandoned a) {
      return json.put("group", id(a.group())).put("reason", a.reason().name());
    } else if (e instanceof Event.ClientPresenceChanged c) {
      return json.put("connected", c.connected()).put("graceEnds", c.graceEnds() == null ? null : c.graceEnds().toString());
    } else if (e instanceof Event.OperatorPresenceChanged c) {
      return json.put("operator", c.operator().value()).put("connected", c.connected())
          .put("graceEnds", c.graceEnds() == null ? null : c.graceEnds().toString());
    } else if (e instanceof Event.SessionEnded) {
      Event.SessionEnded x = (Event.SessionEnded) e;
      return json.put("operator", x.operator().value()).put("reason", x.reason().name()).put("state", x.state().name());
    } else if (e instanceof Event.WrapUpCompleted) {
      Event.WrapUpCompleted w = (Event.WrapUpCompleted) e;
      return json.put("operator", w.operator().value()).put("result", w.result()).put("note", w.note())
          .put("timedOut", w.timedOut());
    } else if (e instanceof Event.FeedbackGiven) {
      Event.FeedbackGiven f = (Event.FeedbackGiven) e;
      return json.put("rating", f.rating()).put("comment", f.comment());
    } else if (e instanceof Event.MessagePosted) {
      Event.MessagePosted m = (Event.MessagePosted) e;
      List<String> uris = new ArrayList<>(m.attachments().size());
      for (Attachment a : m.attachments()) {
        uris.add(a.uri());
      }
      return json.put("messageId", m.messageId()).put("text", m.text()).put("attachments", uris);
    } else if (e instanceof Event.MessageDelivered) {
      Event.MessageDelivered d = (Event.MessageDelivered) e;
      return json.put("messageId", d.messageId()).put("delivery", d.delivery().name());
    } else if (e instanceof Event.OperatorStatusChanged) {
      Event.OperatorStatusChanged c = (Event.OperatorStatusChanged) e;
      return json.put("operator", c.operator().value()).put("from", c.from().toString()).put("to", c.to().toString());
    } else if (e instanceof Event.ClientBlocked) {
      Event.ClientBlocked b = (Event.ClientBlocked) e;
      return json.put("channel", b.client().channel().name()).put("client", b.client().identifier())
          .put("reason", b.reason());
    } else if (e instanceof Event.ClientUnblocked) {
      Event.ClientUnblocked u = (Event.ClientUnblocked) e;
      return json.put("channel", u.client().channel().name()).put("client", u.client().identifier());
    }
    throw new IllegalArgumentException("no outbox payload for " + e);
  }

  /** The client's channel and identifier: contact details stay in the session's record. */
  private static FlatJson entry(FlatJson json, Entry entry) {
    return json.put("channel", entry.channel().name()).put("client", entry.client().map(c -> c.identifier()).orElse(null));
  }

  private static @Nullable String id(@Nullable GroupId id) {
    return id == null ? null : id.value();
  }

  private static @Nullable String id(@Nullable OperatorId id) {
    return id == null ? null : id.value();
  }

  private static @Nullable String id(@Nullable SessionId id) {
    return id == null ? null : id.value();
  }
}
