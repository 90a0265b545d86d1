package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.OperatorId;
import dev.parley.core.event.Event;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.Page;
import dev.parley.storage.Storage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's directories: the blacklist, the contacts and the invitations. Changes go through
 * the engine (a block, an invitation) or the storage (contacts), as the engine expects.
 */
final class DirectoryRoutes {
  private DirectoryRoutes() {}

  static void register(Router router) {
    String blacklist = AdminApi.TENANT + "/blacklist";
    router.add("GET", blacklist, DirectoryRoutes::blacklist);
    router.add("PUT", blacklist + "/{channel}/{identifier}", DirectoryRoutes::block);
    router.add("DELETE", blacklist + "/{channel}/{identifier}", DirectoryRoutes::unblock);
    String contacts = AdminApi.TENANT + "/contacts";
    router.add("GET", contacts, DirectoryRoutes::contacts);
    router.add("POST", contacts, DirectoryRoutes::addContact);
    router.add("GET", contacts + "/{contact}", DirectoryRoutes::contact);
    router.add("DELETE", contacts + "/{contact}", DirectoryRoutes::removeContact);
    String invitations = AdminApi.TENANT + "/invitations";
    router.add("GET", invitations, DirectoryRoutes::invitations);
    router.add("POST", invitations, DirectoryRoutes::invite);
    router.add("DELETE", invitations + "/{code}", DirectoryRoutes::invalidate);
  }

  private static Response blacklist(Call call) {
    call.admin();
    ArrayNode items = Json.array();
    call.server().parley.storage().blacklist().list(call.tenant().value()).forEach(b -> items.add(Views.blacklisted(b)));
    return Response.ok(Json.object().set("items", items));
  }

  /** {@code PUT …/blacklist/{channel}/{identifier}} with {@code {"reason": "spam"}}. */
  private static Response block(Call call) throws Exception {
    Principal admin = call.admin();
    String reason = Json.string(call.json(), "reason");
    ClientRef client = new ClientRef(Webhooks.channel(call.param("channel")), call.param("identifier"));
    call.await(call.server().parley.submit(call.tenant(), new Command.Block(client, Actor.admin(admin.subject()), reason)));
    return Response.ok(Views.blacklisted(call.server().parley.storage().blacklist()
        .find(call.tenant().value(), client.channel().name(), client.identifier()).orElseThrow()));
  }

  private static Response unblock(Call call) throws Exception {
    Principal admin = call.admin();
    ClientRef client = new ClientRef(Webhooks.channel(call.param("channel")), call.param("identifier"));
    call.await(call.server().parley.submit(call.tenant(), new Command.Unblock(client, Actor.admin(admin.subject()))));
    return Response.noContent();
  }

  private static Response contacts(Call call) {
    call.admin();
    int limit = call.query("limit").map(Integer::parseInt).orElse(50);
    Page<ContactRecord> page = call.server().parley.storage().contacts()
        .list(call.tenant().value(), call.query("cursor").orElse(null), limit);
    return Response.ok(Views.page(page.items(), page.next(), Views::contact));
  }

  /** {@code {"session": "…", "name": "…"}}: a contact made of a session's client, linked to it. */
  private static Response addContact(Call call) {
    call.admin();
    JsonNode body = call.json();
    Storage storage = call.server().parley.storage();
    ContactRecord contact = storage.contactFromSession(call.tenant().value(), Json.string(body, "session"),
        UUID.randomUUID().toString(), Json.optionalString(body, "name").orElse(null), call.server().clock.instant());
    return Response.created(Views.contact(contact));
  }

  private static Response contact(Call call) {
    call.admin();
    return call.server().parley.storage().contacts().find(call.tenant().value(), call.param("contact"))
        .map(c -> Response.ok(Views.contact(c)))
        .orElseThrow(() -> new WireException(404, "NoSuchContact", "no contact " + call.param("contact")));
  }

  private static Response removeContact(Call call) {
    call.admin();
    if (!call.server().parley.storage().contacts().remove(call.tenant().value(), call.param("contact"))) {
      throw new WireException(404, "NoSuchContact", "no contact " + call.param("contact"));
    }
    return Response.noContent();
  }

  private static Response invitations(Call call) {
    call.admin();
    ArrayNode items = Json.array();
    call.server().parley.storage().invitations().valid(call.tenant().value(), call.server().clock.instant())
        .forEach(i -> items.add(Views.invitation(i)));
    return Response.ok(Json.object().set("items", items));
  }

  /** {@code {"operator": "alice", "reusable": true, "validity": "PT24H"}}. */
  private static Response invite(Call call) throws Exception {
    call.admin();
    JsonNode body = call.json();
    Duration validity = Json.optionalString(body, "validity").map(Duration::parse).orElse(null);
    Command.CreateInvitation create = new Command.CreateInvitation(OperatorId.of(Json.string(body, "operator")),
        Json.bool(body, "reusable", false), validity);
    List<Event> events = call.await(call.server().parley.submit(call.tenant(), create));
    Event.InvitationCreated created = events.stream().filter(Event.InvitationCreated.class::isInstance)
        .map(Event.InvitationCreated.class::cast).findFirst().orElseThrow();
    ObjectNode n = Json.object().put("code", created.code()).put("operator", created.operator().value())
        .put("reusable", created.reusable()).put("expiresAt", created.expiresAt().toString());
    return Response.created(n);
  }

  private static Response invalidate(Call call) throws Exception {
    Principal admin = call.admin();
    call.await(call.server().parley.submit(call.tenant(),
        new Command.InvalidateInvitation(call.param("code"), Actor.admin(admin.subject()))));
    return Response.noContent();
  }
}
