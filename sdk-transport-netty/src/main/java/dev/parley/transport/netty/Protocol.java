package dev.parley.transport.netty;

import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.TemplateRecord;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decodes the WebSocket message protocol ({@code PROTOCOL.md}): one JSON object per text frame,
 * its {@code type} naming what it is. Decoding checks everything the frame says (types of fields,
 * identifiers, lengths, URLs) before anything reaches the engine, so a frame either decodes whole
 * or is refused with a {@link WireException} of type {@code Malformed}, {@code UnknownType},
 * {@code InvalidArgument} or {@code Unauthorized}, carrying the frame's {@code ref} when it had
 * one. Nothing else escapes: the fuzz test holds it to that.
 */
final class Protocol {
  /** The most fields an offline form may have. */
  static final int MAX_FORM_FIELDS = 20;
  /** The session of the commands made only for the checks of their constructors. */
  private static final SessionId CHECK = SessionId.of("check");

  private Protocol() {}

  /** A client's frame. */
  static ClientFrame client(ByteBuf frame) {
    JsonNode n = FrameReader.read(frame);
    String ref = ref(n);
    try {
      return client(n, type(n), ref);
    } catch (WireException e) {
      throw e.answering(ref);
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new WireException(400, "InvalidArgument", String.valueOf(e.getMessage()), ref);
    }
  }

  /** An operator's frame; before he is logged in ({@code self} null) only {@code login} decodes. */
  static OperatorFrame operator(ByteBuf frame, @Nullable OperatorId self) {
    JsonNode n = FrameReader.read(frame);
    String ref = ref(n);
    try {
      String type = type(n);
      if (type.equals("login")) {
        return new OperatorFrame.Login(ref, Json.string(n, "token"), Json.optionalString(n, "presence")
            .map(p -> p.equalsIgnoreCase("away")).orElse(false));
      }
      if (self == null) {
        throw new WireException(401, "Unauthorized", "log in first: {\"type\":\"login\",\"token\":…}");
      }
      return operator(n, type, ref, self);
    } catch (WireException e) {
      throw e.answering(ref);
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new WireException(400, "InvalidArgument", String.valueOf(e.getMessage()), ref);
    }
  }

  private static ClientFrame client(JsonNode n, String type, @Nullable String ref) {
    switch (type) {
      case "enter":
        return new ClientFrame.Enter(ref, TenantId.of(Json.string(n, "tenant")), entry(n));
      case "resume":
        return new ClientFrame.Resume(ref, SessionId.of(Json.string(n, "session")), Json.string(n, "token"));
      case "message":
        List<Attachment> files = attachments(n);
        String text = Json.text(n, "text");
        new Command.PostMessage(CHECK, Actor.CLIENT, "check", text, files); // its checks
        return new ClientFrame.Message(ref, Json.optionalString(n, "id").map(Protocol::id).orElse(null), text, files);
      case "typing":
        return new ClientFrame.Typing(ref);
      case "leave":
        return new ClientFrame.Leave(ref);
      case "feedback":
        int rating = Json.integer(n, "rating").orElseThrow(() -> missing("rating"));
        String comment = Json.optionalString(n, "comment").orElse(null);
        new Command.Feedback(CHECK, rating, comment);
        return new ClientFrame.Feedback(ref, rating, comment);
      case "offline":
        Map<String, String> form = form(n);
        new Command.SubmitOfflineForm(CHECK, form); // its checks
        return new ClientFrame.Offline(ref, TenantId.of(Json.string(n, "tenant")), form);
      case "transcript":
        String to = Json.string(n, "email");
        new Command.SendTranscript(CHECK, Actor.CLIENT, to); // its checks
        return new ClientFrame.Transcript(ref, to);
      default:
        throw unknown(type);
    }
  }

  private static OperatorFrame operator(JsonNode n, String type, @Nullable String ref, OperatorId self) {
    Actor me = Actor.operator(self);
    switch (type) {
      case "status":
        Presence presence = choice(Presence.class, Json.string(n, "presence"));
        return submit(ref, type, new Command.SetStatus(self, new OperatorStatus(presence,
            presence == Presence.AWAY ? Json.optionalString(n, "reason").orElse(null) : null)));
      case "switch":
        return submit(ref, type, new Command.SwitchChannel(self, Webhooks.channel(Json.string(n, "channel")),
            Json.bool(n, "on", true), me));
      case "accept":
        return submit(ref, type, new Command.Accept(session(n), self));
      case "decline":
        return submit(ref, type, new Command.Decline(session(n), self));
      case "send":
        return submit(ref, type, new Command.PostMessage(session(n), me, messageId(n), Json.text(n, "text"), attachments(n)));
      case "card":
        return new OperatorFrame.Rich(ref, session(n), messageId(n), card(n));
      case "wa_template":
        return new OperatorFrame.Rich(ref, session(n), messageId(n), new OutboundMessage.Template(Json.string(n, "name"),
            Json.string(n, "language"), strings(n, "parameters")));
      case "redirect":
        String note = Json.optionalString(n, "note").orElse(null);
        return submit(ref, type, Json.optionalString(n, "group").isPresent()
            ? Command.Redirect.toGroup(session(n), me, GroupId.of(Json.string(n, "group")), note)
            : Command.Redirect.toOperator(session(n), me, OperatorId.of(Json.string(n, "operator")), note));
      case "invite":
        return submit(ref, type, new Command.InviteCollaborator(session(n), self, OperatorId.of(Json.string(n, "operator"))));
      case "leave":
        return submit(ref, type, new Command.LeaveCollaboration(session(n), self));
      case "tag":
        return submit(ref, type, new Command.Tag(session(n), me, Json.string(n, "tag"), Json.bool(n, "on", true)));
      case "parameter":
        return submit(ref, type, new Command.SetParameter(session(n), me, Json.string(n, "name"),
            Json.optionalString(n, "value").orElse(null)));
      case "client_info":
        return clientInfo(n, ref, me);
      case "note":
        return new OperatorFrame.Note(ref, new Command.AddNote(session(n), me, Json.string(n, "text")));
      case "end":
        return submit(ref, type, new Command.End(session(n), me));
      case "transcript":
        return submit(ref, type, new Command.SendTranscript(session(n), me, Json.string(n, "email")));
      case "wrapup":
        return submit(ref, type, new Command.CompleteWrapUp(session(n), self, Json.string(n, "result"),
            Json.optionalString(n, "note").orElse(null)));
      case "block":
        return submit(ref, type, new Command.BlockClientOf(session(n), self, Json.string(n, "reason")));
      case "invitation":
        return submit(ref, type, new Command.CreateInvitation(self, Json.bool(n, "reusable", false),
            Json.optionalString(n, "validity").map(Duration::parse).orElse(null)));
      case "contact":
        return new OperatorFrame.Reach(ref, session(n), null, template(n), null);
      case "outreach":
        return outreach(n, ref);
      case "picker":
        return new OperatorFrame.Picker(ref);
      case "preview":
        return new OperatorFrame.Preview(ref, session(n));
      case "typing":
        return new OperatorFrame.Typing(ref, session(n));
      case "tags":
        return new OperatorFrame.Tags(ref);
      default:
        return directory(n, type, ref);
    }
  }

  /** The frames about templates and contacts. */
  private static OperatorFrame directory(JsonNode n, String type, @Nullable String ref) {
    switch (type) {
      case "templates":
        return new OperatorFrame.Templates(ref, Json.text(n, "query"),
            Json.optionalString(n, "session").map(SessionId::of).orElse(null));
      case "template_star":
        return new OperatorFrame.Star(ref, templateId(n), Json.bool(n, "on", true));
      case "template_save":
        String id = Json.optionalString(n, "id").map(Protocol::id).orElse(null);
        String title = Json.string(n, "title");
        String text = Json.string(n, "text");
        String language = Json.optionalString(n, "language").orElse(null);
        new TemplateRecord("check", "check", title, text, language, "check"); // its checks
        if (title.length() > 200 || text.length() > Command.PostMessage.MAX_MESSAGE_LENGTH) {
          throw new WireException("InvalidArgument", "a template has a title of at most 200 characters and a text of at most "
              + Command.PostMessage.MAX_MESSAGE_LENGTH);
        }
        return new OperatorFrame.SaveTemplate(ref, id, title, text, language);
      case "template_remove":
        return new OperatorFrame.RemoveTemplate(ref, templateId(n));
      case "contact_add":
        return new OperatorFrame.AddContact(ref, session(n), Json.optionalString(n, "name").orElse(null));
      case "contact_link":
        return new OperatorFrame.Link(ref, session(n), contact(n));
      case "contact_unlink":
        return new OperatorFrame.Link(ref, session(n), null);
      case "contact_details":
        OperatorFrame.AddDetails details = new OperatorFrame.AddDetails(ref, contact(n), identities(n),
            Json.optionalObject(n, "details").map(d -> fields(d, "a contact's details")).orElse(Map.of()));
        if (details.identities().isEmpty() && details.details().isEmpty()) {
          throw new WireException("Malformed", "contact_details adds at least one of identities and details");
        }
        return details;
      case "contact_remove":
        return new OperatorFrame.RemoveContact(ref, contact(n));
      case "contact_open":
        return new OperatorFrame.OpenContact(ref, contact(n));
      case "contacts":
        return new OperatorFrame.FindContacts(ref, Json.string(n, "query"));
      default:
        throw unknown(type);
    }
  }

  private static OutboundMessage.Card card(JsonNode n) {
    JsonNode array = Json.array(n, "buttons");
    if (array.size() > 10) {
      throw new WireException("InvalidArgument", "a card has at most 10 buttons, not " + array.size());
    }
    List<OutboundMessage.Button> buttons = new ArrayList<>();
    for (JsonNode b : array) {
      if (!b.isObject()) {
        throw new WireException("Malformed", "a button is an object");
      }
      buttons.add(new OutboundMessage.Button(Json.string(b, "title"), Json.text(b, "payload"),
          Json.optionalString(b, "url").map(url -> URI.create(webUrl("url", url))).orElse(null)));
    }
    return new OutboundMessage.Card(Json.string(n, "title"), Json.text(n, "subtitle"),
        Json.optionalString(n, "imageUrl").map(url -> URI.create(webUrl("imageUrl", url))).orElse(null), buttons);
  }

  /** Identities of a contact: {@code [{"kind": "phone", "value": "+420…"}, …]}. */
  private static List<ContactRecord.Identity> identities(JsonNode n) {
    JsonNode array = Json.array(n, "identities");
    if (array.size() > MAX_FORM_FIELDS) {
      throw new WireException("InvalidArgument", "at most " + MAX_FORM_FIELDS + " identities at once");
    }
    List<ContactRecord.Identity> identities = new ArrayList<>();
    for (JsonNode i : array) {
      if (!i.isObject()) {
        throw new WireException("Malformed", "an identity is an object");
      }
      String value = Json.string(i, "value");
      if (value.length() > 1_000) {
        throw new WireException("InvalidArgument", "an identity has at most 1000 characters");
      }
      identities.add(new ContactRecord.Identity(choice(ContactRecord.Identity.Kind.class, Json.string(i, "kind")), value));
    }
    return identities;
  }

  private static List<String> strings(JsonNode n, String field) {
    JsonNode array = Json.array(n, field);
    if (array.size() > MAX_FORM_FIELDS) {
      throw new WireException("InvalidArgument", field + " has at most " + MAX_FORM_FIELDS + " items");
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode s : array) {
      if (!s.isString() || s.asString().length() > 1_000) {
        throw new WireException("Malformed", field + " holds strings of at most 1000 characters");
      }
      strings.add(s.asString());
    }
    return strings;
  }

  private static String messageId(JsonNode n) {
    return Json.optionalString(n, "id").map(Protocol::id).orElseGet(MessageIds::random);
  }

  private static String templateId(JsonNode n) {
    return id(Json.string(n, "template"));
  }

  private static String contact(JsonNode n) {
    return id(Json.string(n, "contact"));
  }

  /** "+": a WhatsApp (or other network's) conversation by template, or a phone call, to {@code to}. */
  private static OperatorFrame outreach(JsonNode n, @Nullable String ref) {
    Channel channel = Webhooks.channel(Json.string(n, "channel"));
    ClientRef to = new ClientRef(channel, Json.string(n, "to"));
    OutboundMessage.Template template = template(n);
    if (channel != Channel.PHONE && template == null) {
      throw new WireException("Malformed", "the field \"template\" is missing: a conversation the client did not start "
          + "opens with a template message");
    }
    GroupId group = Json.optionalString(n, "group").map(GroupId::of).orElse(null);
    return new OperatorFrame.Reach(ref, null, to, template, group);
  }

  /** {@code "template": {"name": …, "language": …, "parameters": […]}}, when given. */
  private static OutboundMessage.@Nullable Template template(JsonNode n) {
    Optional<JsonNode> t = Json.optionalObject(n, "template");
    if (t.isEmpty()) {
      return null;
    }
    List<String> parameters = new ArrayList<>();
    for (JsonNode p : Json.array(t.get(), "parameters")) {
      if (!p.isString()) {
        throw new WireException("Malformed", "a template's parameters are strings");
      }
      parameters.add(p.asString());
    }
    return new OutboundMessage.Template(Json.string(t.get(), "name"), Json.string(t.get(), "language"), parameters);
  }

  /**
   * The client's name, phone and e-mail, and the host's identifier fields under {@code ids}, each
   * one {@link Command.EditClient} in the order given; an empty string or null clears one.
   */
  private static OperatorFrame clientInfo(JsonNode n, @Nullable String ref, Actor me) {
    SessionId session = session(n);
    List<Command> commands = new ArrayList<>();
    for (String field : List.of(Command.EditClient.NAME, Command.EditClient.PHONE, Command.EditClient.EMAIL)) {
      if (n.has(field)) {
        commands.add(new Command.EditClient(session, me, field, Json.optionalString(n, field).orElse(null)));
      }
    }
    Json.optionalObject(n, "ids").ifPresent(ids -> ids.properties().forEach(e -> {
      if (!e.getValue().isString() && !e.getValue().isNull()) {
        throw new WireException("Malformed", "the identifier field " + e.getKey() + " is not a string");
      }
      Command.EditClient edit = new Command.EditClient(session, me, e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
      if (!edit.hostIdentifier()) {
        throw new WireException("InvalidArgument", e.getKey() + " is not an identifier field: set it beside ids");
      }
      commands.add(edit);
    }));
    if (commands.isEmpty() || commands.size() > MAX_FORM_FIELDS) {
      throw new WireException("Malformed", "client_info sets 1 to " + MAX_FORM_FIELDS + " of name, phone, email and ids");
    }
    return new OperatorFrame.Submit(ref, "client_info", commands);
  }

  private static Entry entry(JsonNode n) {
    String kind = Json.optionalString(n, "channel").orElse("web-chat");
    Channel channel = Webhooks.channel(kind);
    if (channel != Channel.WEB_CHAT && channel != Channel.VIDEO_CALL && channel != Channel.CALLBACK) {
      throw new WireException("InvalidArgument", "a widget enters by web-chat, video-call or callback, not " + kind);
    }
    Entry.Builder b = Entry.builder(channel);
    Json.optionalString(n, "name").ifPresent(b::name);
    Json.optionalString(n, "phone").ifPresent(b::phone);
    Json.optionalString(n, "email").ifPresent(b::email);
    Json.optionalString(n, "language").ifPresent(b::language);
    Json.optionalString(n, "widget").ifPresent(b::widget);
    Json.optionalString(n, "pageUrl").ifPresent(url -> b.pageUrl(webUrl("pageUrl", url)));
    Json.optionalString(n, "group").ifPresent(g -> b.group(GroupId.of(g)));
    Json.optionalString(n, "invitation").ifPresent(b::invitationCode);
    Json.optionalString(n, "visitor").ifPresent(b::client);
    if (channel == Channel.CALLBACK) {
      b.client(Json.string(n, "phone"));
    }
    Json.optionalObject(n, "parameters").ifPresent(p -> p.properties().forEach(e -> {
      if (!e.getValue().isString()) {
        throw new WireException("Malformed", "parameter " + e.getKey() + " is not a string");
      }
      b.parameter(e.getKey(), e.getValue().asString());
    }));
    return b.build();
  }

  private static Map<String, String> form(JsonNode n) {
    return fields(Json.optionalObject(n, "fields").orElseThrow(() -> missing("fields")), "an offline form");
  }

  /** An object of string fields: an offline form's, a contact's details. */
  private static Map<String, String> fields(JsonNode fields, String what) {
    if (fields.size() > MAX_FORM_FIELDS) {
      throw new WireException("InvalidArgument", what + " has at most " + MAX_FORM_FIELDS + " fields");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    fields.properties().forEach(e -> {
      if (!e.getValue().isString()) {
        throw new WireException("Malformed", "the field " + e.getKey() + " of " + what + " is not a string");
      }
      if (e.getKey().isBlank() || e.getKey().length() > 100 || e.getValue().asString().length() > 10_000) {
        throw new WireException("InvalidArgument", "a field of " + what
            + " has a name of 1..100 and a value of at most 10000 characters");
      }
      strings.put(e.getKey(), e.getValue().asString());
    });
    return strings;
  }

  private static List<Attachment> attachments(JsonNode n) {
    JsonNode array = Json.array(n, "attachments");
    if (array.isEmpty()) {
      return List.of(); // most messages: nothing to copy into the command
    }
    List<Attachment> files = new ArrayList<>();
    for (JsonNode a : array) {
      if (!a.isObject()) {
        throw new WireException("Malformed", "an attachment is an object");
      }
      long size = Json.integer(a, "size").orElse(0);
      files.add(new Attachment(Json.string(a, "name"), Json.string(a, "contentType"), size,
          webUrl("url", Json.string(a, "url"))));
    }
    if (files.size() > 20) {
      throw new WireException("InvalidArgument", "a message carries at most 20 files, not " + files.size());
    }
    return files;
  }

  /** An absolute http or https URL: never a {@code javascript:} link in an operator's console. */
  private static String webUrl(String field, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new WireException("InvalidArgument", field + " is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || url.length() > 2_000) {
      throw new WireException("InvalidArgument", field + " is an http(s) URL of at most 2000 characters");
    }
    return url;
  }

  private static SessionId session(JsonNode n) {
    return SessionId.of(Json.string(n, "session"));
  }

  private static String id(String id) {
    return SessionId.of(id).value(); // the same rules as every identifier
  }

  private static OperatorFrame submit(@Nullable String ref, String type, Command command) {
    return new OperatorFrame.Submit(ref, type, List.of(command));
  }

  private static String type(JsonNode n) {
    return Json.string(n, "type");
  }

  private static @Nullable String ref(JsonNode n) {
    JsonNode ref = n.get("ref");
    if (ref == null || !ref.isString() || ref.asString().length() > 100) {
      return null;
    }
    return ref.asString();
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WireException("InvalidArgument", "not a " + type.getSimpleName().toLowerCase(Locale.ROOT) + ": " + value);
    }
  }

  private static WireException missing(String field) {
    return new WireException("Malformed", "the field \"" + field + "\" is missing");
  }

  private static WireException unknown(String type) {
    return new WireException("UnknownType", "no frame is called " + type.substring(0, Math.min(type.length(), 50)));
  }
}
