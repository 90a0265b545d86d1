package dev.parley.webhooks;

import dev.parley.storage.OutboxRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body POSTed for an outbox record, UTF-8 JSON:
 *
 * <pre>{@code
 * {"id":"acme:42","type":"session.ended","tenant":"acme","session":"s-1",
 *  "at":"2030-01-01T09:00:00Z","data":{"actor":"operator:alice","operator":"alice",...}}
 * }</pre>
 *
 * {@code id} is the record's idempotency key (also the {@code Parley-Event-Id} header), {@code
 * session} is null for events of no session, and {@code data} is the record's payload; a payload
 * that is not JSON (written by something other than the engine) is sent as a JSON string.
 *
 * <p>Thread safety: stateless.
 */
final class Envelope {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Envelope() {}

  static byte[] body(OutboxRecord r) {
    ObjectNode body = MAPPER.createObjectNode()
        .put("id", r.idempotencyKey())
        .put("type", r.type())
        .put("tenant", r.tenant())
        .put("session", r.session())
        .put("at", r.at().toString());
    body.set("data", data(r.payload()));
    return MAPPER.writeValueAsBytes(body);
  }

  private static JsonNode data(String payload) {
    try {
      return MAPPER.readTree(payload);
    } catch (JacksonException e) {
      return MAPPER.getNodeFactory().stringNode(payload);
    }
  }
}
