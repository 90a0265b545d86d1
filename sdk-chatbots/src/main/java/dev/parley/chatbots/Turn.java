package dev.parley.chatbots;

import dev.parley.core.Attachment;
import dev.parley.core.ChatbotId;
import dev.parley.core.Entry;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One turn the engine sends a chatbot: the session's opening, or a client's message. Its body is
 * UTF-8 JSON:
 *
 * <pre>{@code
 * {"type":"session.opened","tenant":"acme","session":"s-1","chatbot":"faq",
 *  "at":"2026-03-02T09:00:00Z","group":"sales",
 *  "client":{"channel":"WEB_CHAT","id":"visitor-7","name":"Jana","language":"cs","pageUrl":"https://…",
 *            "parameters":{"plan":"gold"}},
 *  "id":"s-1:opening"}
 *
 * {"type":"message","tenant":"acme","session":"s-1","chatbot":"faq","at":"2026-03-02T09:00:04Z",
 *  "message":{"id":"m-1","text":"Where is my order?","attachments":[]},"id":"s-1:m-1"}
 * }</pre>
 *
 * Absent client details are left out. {@code id} names the turn (also the {@code Parley-Turn-Id}
 * header).
 *
 * @param id the turn's id
 */
record Turn(TenantId tenant, SessionId session, ChatbotId chatbot, String id, byte[] body) {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The session's opening: who the client is and how he came. */
  static Turn opening(Event.SessionToChatbot e) {
    ObjectNode n = header("session.opened", e, e.chatbot()).put("group", e.group().value());
    Entry entry = e.entry();
    ObjectNode client = n.putObject("client").put("channel", entry.channel().name());
    entry.client().ifPresent(c -> client.put("id", c.identifier()));
    entry.name().ifPresent(v -> client.put("name", v));
    entry.phone().ifPresent(v -> client.put("phone", v));
    entry.email().ifPresent(v -> client.put("email", v));
    entry.language().ifPresent(v -> client.put("language", v));
    entry.pageUrl().ifPresent(v -> client.put("pageUrl", v));
    entry.widget().ifPresent(v -> client.put("widget", v));
    entry.subject().ifPresent(v -> client.put("subject", v));
    ObjectNode parameters = client.putObject("parameters");
    entry.parameters().forEach(parameters::put);
    return of(e, e.chatbot(), "opening", n);
  }

  /** A client's message to a session the bot has. */
  static Turn message(Event.MessagePosted m, ChatbotId chatbot) {
    ObjectNode n = header("message", m, chatbot);
    ObjectNode message = n.putObject("message").put("id", m.messageId()).put("text", m.text());
    ArrayNode files = message.putArray("attachments");
    for (Attachment a : m.attachments()) {
      files.addObject().put("name", a.name()).put("contentType", a.contentType()).put("size", a.size()).put("url", a.uri());
    }
    return of(m, chatbot, m.messageId(), n);
  }

  private static ObjectNode header(String type, Event.SessionEvent e, ChatbotId chatbot) {
    return MAPPER.createObjectNode().put("type", type)
        .put("tenant", e.tenant().value()).put("session", e.session().value()).put("chatbot", chatbot.value())
        .put("at", e.at().toString());
  }

  private static Turn of(Event.SessionEvent e, ChatbotId chatbot, String what, ObjectNode body) {
    String id = e.session().value() + ":" + what;
    body.put("id", id);
    return new Turn(e.tenant(), e.session(), chatbot, id, MAPPER.writeValueAsBytes(body));
  }
}
