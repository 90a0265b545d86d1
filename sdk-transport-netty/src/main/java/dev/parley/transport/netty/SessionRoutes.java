package dev.parley.transport.netty;

import dev.parley.channels.email.MailStatus;
import dev.parley.core.Actor;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.routing.Explanation;
import dev.parley.core.routing.SessionView;
import dev.parley.export.Column;
import dev.parley.export.SessionExport;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.RecordingRef;
import dev.parley.storage.Page;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionTransition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/tenants/{tenant}/sessions}: the history with every filter, the live view, one
 * session in detail, the export, and an administrator's re-route.
 */
final class SessionRoutes {
  private static final String BASE = AdminApi.TENANT + "/sessions";

  private SessionRoutes() {}

  static void register(Router router) {
    router.add("GET", BASE, SessionRoutes::list);
    router.add("GET", BASE + "/live", SessionRoutes::live);
    router.add("GET", BASE + "/export", SessionRoutes::export);
    router.add("GET", BASE + "/{session}", SessionRoutes::detail);
    router.add("POST", BASE + "/{session}/reroute", SessionRoutes::reroute);
    router.add("POST", BASE + "/{session}/end", call -> submit(call, (session, by) -> new Command.End(session, by)));
    router.add("POST", BASE + "/{session}/ban", SessionRoutes::ban);
    router.add("POST", BASE + "/{session}/recordings", SessionRoutes::attachRecording);
  }

  /** Makes an administrator's command about the path's session. */
  @FunctionalInterface
  private interface AdminCommand {
    Command about(SessionId session, Actor by);
  }

  /** Submits an administrator's command about the path's session; answers the events it caused. */
  private static Response submit(Call call, AdminCommand command) throws Exception {
    Principal admin = call.admin();
    Command c = command.about(SessionId.of(call.param("session")), Actor.admin(admin.subject()));
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(), c))));
  }

  /** {@code {"reason": "abusive"}}: the client of the session is blocked, and his live session closed. */
  private static Response ban(Call call) throws Exception {
    Principal admin = call.admin();
    Body body = Body.of(call);
    String reason = body.required("reason");
    SessionId session = SessionId.of(call.param("session"));
    Command ban = body.check("reason", () -> new Command.BanClient(session, Actor.admin(admin.subject()), reason));
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(), ban))));
  }

  /**
   * {@code {"uri": "s3://rec/acme/s-1.webm", "startedAt": "…", "length": "PT4M12S"}}: a host's
   * recorder attaches where a recording went; the session's detail lists it from then on, and the
   * engine's later writes of the session keep it.
   */
  private static Response attachRecording(Call call) {
    call.admin();
    Body body = Body.of(call);
    String uri = body.parsed("uri", u -> {
      URI parsed = URI.create(u);
      if (!parsed.isAbsolute()) {
        throw new IllegalArgumentException("a recording's uri is absolute (s3://…, https://…), not " + u);
      }
      return u;
    }).orElseThrow(() -> WireException.field("Malformed", "uri", "the field \"uri\" is missing: where the media is"));
    Instant startedAt = body.instant("startedAt").orElseThrow(() ->
        WireException.field("Malformed", "startedAt", "the field \"startedAt\" is missing: when the recording started"));
    Duration length = body.duration("length").orElseThrow(() ->
        WireException.field("Malformed", "length", "the field \"length\" is missing: how long it is, such as PT4M12S"));
    RecordingRef recording = body.check("length", () -> new RecordingRef(startedAt, length, uri));
    String id = call.param("session");
    SessionRecord stored;
    try {
      stored = call.server().parley.storage().attachRecording(call.tenant().value(), id, recording);
    } catch (IllegalArgumentException e) {
      if (call.server().parley.storage().sessions().find(call.tenant().value(), id).isEmpty()) {
        throw new NoSuchSessionException(SessionId.of(id));
      }
      throw new WireException(409, "Erased", e.getMessage());
    }
    return Response.created(Json.object().put("session", id).set("recordings", Views.recordings(stored)));
  }

  private static Response list(Call call) {
    call.admin();
    Page<SessionRecord> page = call.server().parley.storage().sessions().query(SessionFilters.from(call).build());
    return Response.ok(Views.page(page.items(), page.next(), Views::session));
  }

  private static Response live(Call call) {
    call.admin();
    List<SessionView> sessions = new ArrayList<>(call.server().parley.snapshot(call.tenant()).sessions());
    sessions.sort(Comparator.comparing(SessionView::arrivedAt).thenComparing(SessionView::id));
    return Response.ok(Views.page(sessions, null, Views::live));
  }

  private static Response detail(Call call) throws Exception {
    call.admin();
    TenantId tenant = call.tenant();
    String id = call.param("session");
    SessionRecord record = call.server().parley.storage().sessions().find(tenant.value(), id)
        .orElseThrow(() -> new NoSuchSessionException(SessionId.of(id)));
    ObjectNode body = Views.session(record);
    ArrayNode transitions = body.putArray("transitions");
    for (SessionTransition t : record.transitions()) {
      transitions.add(Views.transition(t));
    }
    ArrayNode mail = body.putArray("mail");
    for (MailStatus m : MailStatus.stored(call.server().parley.storage(), tenant, SessionId.of(id))) {
      mail.add(Views.mail(m));
    }
    ArrayNode transcript = body.putArray("transcript");
    for (MessageRecord m : call.server().parley.storage().transcripts().transcript(tenant.value(), id)) {
      transcript.add(Views.message(m));
    }
    if (record.status().live()) {
      try {
        Explanation why = call.await(call.server().parley.explain(tenant, SessionId.of(id)));
        body.set("explanation", Views.explanation(why));
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof NoSuchSessionException)) { // else it closed meanwhile
          throw e;
        }
      }
    }
    return Response.ok(body);
  }

  /** {@code ?format=csv|html&columns=session_id,channel,…&messages=true} and the filters of the list. */
  private static Response export(Call call) {
    call.admin();
    String format = call.query("format").orElse("csv");
    if (!format.equals("csv") && !format.equals("html")) {
      throw new WireException("InvalidArgument", "format is csv or html, not " + format);
    }
    List<Column> columns = new ArrayList<>();
    for (String list : call.queryAll("columns")) {
      for (String key : list.split(",")) {
        if (!key.isBlank()) {
          columns.add(Column.forKey(key.strip()));
        }
      }
    }
    SessionExport.Builder builder = SessionExport.builder(call.server().parley.storage(), SessionFilters.from(call).build())
        .messages(call.query("messages").map(Boolean::parseBoolean).orElse(false));
    if (!columns.isEmpty()) {
      builder.columns(columns);
    }
    SessionExport export = builder.build();
    return format.equals("csv")
        ? new Response.Stream("text/csv; charset=utf-8", "sessions.csv", export::writeCsv)
        : new Response.Stream("text/html; charset=utf-8", "sessions.html", export::writeHtml);
  }

  /** {@code {"group": "support"}} or {@code {"operator": "bob"}}, with an optional {@code "note"}. */
  private static Response reroute(Call call) throws Exception {
    Principal admin = call.admin();
    JsonNode body = call.json();
    SessionId session = SessionId.of(call.param("session"));
    String note = Json.optionalString(body, "note").orElse(null);
    Actor by = Actor.admin(admin.subject());
    Command.Redirect redirect = Json.optionalString(body, "group").isPresent()
        ? Command.Redirect.toGroup(session, by, GroupId.of(Json.string(body, "group")), note)
        : Command.Redirect.toOperator(session, by, OperatorId.of(Json.string(body, "operator")), note);
    return Response.ok(AdminApi.events(call.await(call.server().parley.submit(call.tenant(), redirect))));
  }
}
