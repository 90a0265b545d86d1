package dev.parley.transport.netty;

import dev.parley.storage.ClientErasure;
import dev.parley.storage.Storage;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the GDPR asks of a tenant's history: erasing one client's personal data on request, and
 * purging what is older than the retention period.
 *
 * <ul>
 *   <li>{@code POST …/erasures} {@code {"client": "+420601123456"}} erases the client everywhere
 *       ({@link Storage#erase}): his sessions keep what statistics need and lose his identity,
 *       transcript, notes and recordings, his contacts are removed, and so are the outbox and
 *       configuration records of those sessions (webhooks' dead letters). It answers what was
 *       erased; erasing again answers nothing more;
 *   <li>{@code POST …/history/purge} {@code {"before": "2026-01-01T00:00:00Z"}} removes the closed
 *       sessions (with their transcripts), ended invitations and outbox records older than the
 *       instant, as the engine's hourly purge does past its history retention, and answers how
 *       many went.
 * </ul>
 */
final class PrivacyRoutes {
  private PrivacyRoutes() {}

  static void register(Router router) {
    router.add("POST", AdminApi.TENANT + "/erasures", PrivacyRoutes::erase);
    router.add("POST", AdminApi.TENANT + "/history/purge", PrivacyRoutes::purge);
  }

  private static Response erase(Call call) {
    call.admin();
    String client = Body.of(call).required("client");
    Instant at = call.server().clock.instant();
    ClientErasure erased = call.server().parley.storage().erase(call.tenant().value(), client, at);
    ObjectNode n = Json.object().put("client", erased.client()).put("at", at.toString());
    ArrayNode sessions = n.putArray("sessions");
    erased.sessions().stream().sorted().forEach(sessions::add);
    ArrayNode contacts = n.putArray("contacts");
    erased.contacts().forEach(contacts::add);
    return Response.ok(n.put("outboxRecords", erased.outboxRecords()).put("configRecords", erased.configRecords()));
  }

  private static Response purge(Call call) {
    call.admin();
    Body body = Body.of(call);
    Instant now = call.server().clock.instant();
    Instant before = body.instant("before").orElseThrow(() -> WireException.field("Malformed", "before",
        "the field \"before\" is missing: the instant before which closed history goes"));
    body.check("before", () -> {
      if (before.isAfter(now)) {
        throw new IllegalArgumentException("the purge's cut-off " + before + " is in the future (now " + now + ")");
      }
      return before;
    });
    Storage storage = call.server().parley.storage();
    String tenant = call.tenant().value();
    int sessions = storage.sessions().purgeClosedBefore(tenant, before);
    int invitations = storage.invitations().purgeEndedBefore(tenant, before);
    int outbox = storage.outbox().purgeBefore(tenant, before);
    return Response.ok(Json.object().put("before", before.toString()).put("sessions", sessions)
        .put("invitations", invitations).put("outboxRecords", outbox));
  }
}
