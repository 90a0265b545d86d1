package dev.parley.core;

import static java.util.Objects.requireNonNull;

import dev.parley.core.channel.OutboundMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a host asks of one tenant's engine. Every command is applied atomically: it either takes
 * effect whole and yields its {@link dev.parley.core.event.Event events}, or fails with a {@link
 * ParleyException} (or an argument exception) and changes nothing.
 *
 * <p>Commands are values; {@link Parley} offers a method per command for convenience. Thread
 * safety: immutable.
 */
public sealed interface Command {

  /** Replaces the tenant's settings (routing rules, policies). */
  record ConfigureTenant(TenantSettings settings) implements Command {
    public ConfigureTenant {
      requireNonNull(settings, "settings");
    }
  }

  /** Creates a group, or changes an existing one's settings. */
  record DefineGroup(GroupSpec spec) implements Command {
    public DefineGroup {
      requireNonNull(spec, "spec");
    }
  }

  /** Removes a group nobody belongs to, waits in, or escalates to. */
  record RemoveGroup(GroupId group) implements Command {
    public RemoveGroup {
      requireNonNull(group, "group");
    }
  }

  /**
   * Creates a chatbot, or changes an existing one's endpoint, secret and reply time-out (a turn
   * already being timed keeps its deadline).
   */
  record DefineChatbot(ChatbotSpec spec) implements Command {
    public DefineChatbot {
      requireNonNull(spec, "spec");
    }
  }

  /** Removes a chatbot no group names and no session is with. */
  record RemoveChatbot(ChatbotId chatbot) implements Command {
    public RemoveChatbot {
      requireNonNull(chatbot, "chatbot");
    }
  }

  /**
   * Creates an operator (offline, all channels switched on), or changes an existing one's groups,
   * channels and capacities. A change may not take away a channel, nor lower a capacity below,
   * what the operator has in hand.
   */
  record DefineOperator(OperatorSpec spec) implements Command {
    public DefineOperator {
      requireNonNull(spec, "spec");
    }
  }

  /** Removes an offline operator with nothing in hand. */
  record RemoveOperator(OperatorId operator) implements Command {
    public RemoveOperator {
      requireNonNull(operator, "operator");
    }
  }

  /**
   * Changes an operator's status. Going away keeps his sessions but withdraws offers not yet
   * accepted; going offline also sends his active sessions back to their queues.
   */
  record SetStatus(OperatorId operator, OperatorStatus status) implements Command {
    public SetStatus {
      requireNonNull(operator, "operator");
      requireNonNull(status, "status");
    }
  }

  /** Switches one of an operator's channels on or off; refused to the operator himself when the tenant locks switches. */
  record SwitchChannel(OperatorId operator, Channel channel, boolean on, Actor by) implements Command {
    public SwitchChannel {
      requireNonNull(operator, "operator");
      requireNonNull(channel, "channel");
      requireNonNull(by, "by");
    }
  }

  /** Marks an operator's phone line available or not. */
  record SetPhoneLine(OperatorId operator, boolean available) implements Command {
    public SetPhoneLine {
      requireNonNull(operator, "operator");
    }
  }

  /**
   * A client arrives. The session is refused at the door when the client is blocked, the group's
   * queue is full, or (on synchronous channels) nobody in the group who takes the channel is online; otherwise it is
   * queued and routed at once.
   *
   * <p>The id must be new to the tenant: the id of a live session, or of a closed or refused one
   * that the engine or its storage still keeps (until the {@linkplain
   * Parley.Builder#historyRetention history retention} purges it), fails the command with a {@link
   * DuplicateException} and changes nothing. {@link Tenant#arrive(Entry)} makes a fresh one.
   *
   * @param session the new session's id, unique within the tenant
   * @param entry how the client came
   * @param reopens the ended session this one continues, for reopened asynchronous conversations
   */
  record Arrive(SessionId session, Entry entry, @Nullable SessionId reopens) implements Command {
    public Arrive {
      requireNonNull(session, "session");
      requireNonNull(entry, "entry");
    }

    /** A fresh arrival. */
    public Arrive(SessionId session, Entry entry) {
      this(session, entry, null);
    }
  }

  /**
   * Continues an ended session of a {@linkplain Channel#reopenable() reopenable} channel as a new,
   * linked one, under {@code session}: a new id, as for {@link Arrive}.
   */
  record Reopen(SessionId ended, SessionId session, Actor by) implements Command {
    public Reopen {
      requireNonNull(ended, "ended");
      requireNonNull(session, "session");
      requireNonNull(by, "by");
    }
  }

  /**
   * The client of a session refused because nobody was online fills in the offline form: the
   * refused session keeps it (the form as its first message) and the tenant is told, by e-mail
   * or hook. Only a session the core refused with {@linkplain
   * dev.parley.core.event.Event.SessionRefused#offlineForm() the offline form}, and only once;
   * the core remembers the latest 10,000 such sessions of a tenant, until a restart.
   *
   * @param fields the form's fields as the widget named them ({@code name}, {@code email}, {@code
   *     phone}, {@code text}, …), in the order given; at least one, names as ids are, values at
   *     most {@value PostMessage#MAX_MESSAGE_LENGTH} characters in all
   */
  record SubmitOfflineForm(SessionId session, Map<String, String> fields) implements Command {
    public SubmitOfflineForm {
      requireNonNull(session, "session");
      requireNonNull(fields, "fields");
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("the offline form of session " + session + " has no fields");
      }
      int length = 0;
      for (Map.Entry<String, String> f : fields.entrySet()) {
        Ids.check("form field name", f.getKey());
        length += requireNonNull(f.getValue(), () -> "form field " + f.getKey()).length();
      }
      if (length > PostMessage.MAX_MESSAGE_LENGTH) {
        throw new IllegalArgumentException("the offline form of session " + session + " is " + length
            + " characters long; at most " + PostMessage.MAX_MESSAGE_LENGTH + " allowed");
      }
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  /**
   * Asks for a session's transcript to be sent to the client's e-mail address: by the operator who
   * serves or served it, by its client, by an administrator or the system; once the session was
   * accepted (active, in wrap-up or ended) and while the engine still knows it. The engine only
   * tells it ({@link dev.parley.core.event.Event.TranscriptRequested}); a mailer sends it.
   *
   * @param to the address, such as {@code jana@example.cz}: one {@code @}, no white space, at
   *     most 254 characters
   */
  record SendTranscript(SessionId session, Actor by, String to) implements Command {
    public SendTranscript {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      requireNonNull(to, "to");
      int at = to.indexOf('@');
      if (to.length() > 254 || at < 1 || at != to.lastIndexOf('@') || at == to.length() - 1
          || to.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("not an e-mail address to send a transcript to: \"" + to + "\"");
      }
    }
  }

  /**
   * An operator reaches out to a client himself: "contact client" on an ended session of a
   * {@linkplain Channel#reopenable() reopenable} channel ({@code reopens}: the new session
   * continues it, linked), or "+" to start a conversation with the client {@code entry} names (a
   * WhatsApp number, a phone number to call: a reopenable channel or {@link Channel#PHONE}). The
   * session is his at once: told as queued for him, offered to him and accepted, in one step. He
   * must be able to take it now (online, the channel switched on, room for it, his phone line for
   * a call); a blocked client, or one with a session in progress, is refused. A session continued
   * that the core still knows must be ended, of the same client, and goes to its group; one it
   * forgot (past the retention, or before a restart) the caller read from storage, and {@code
   * entry}'s group is taken. Whether the channel still lets a message reach the client (its
   * messaging window) is the channel's business, checked by the caller ({@code
   * ChannelGateway.contactClient}).
   *
   * @param session the new session's id: a new id, as for {@link Arrive}
   * @param reopens the ended session it continues, or null for a new conversation
   * @param entry how the session goes, naming its client: the ended session's entry when it continues one
   */
  record Outreach(SessionId session, OperatorId operator, @Nullable SessionId reopens, Entry entry)
      implements Command {
    public Outreach {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
      requireNonNull(entry, "entry");
      if (entry.client().isEmpty() || !(entry.channel().reopenable() || entry.channel() == Channel.PHONE)) {
        throw new IllegalArgumentException("an operator reaches a client named on a messaging network or by phone, not "
            + entry);
      }
    }
  }

  /** The client left while waiting. */
  record Abandon(SessionId session) implements Command {
    public Abandon {
      requireNonNull(session, "session");
    }
  }

  /**
   * The client leaves, whatever his session's state, decided by the engine in one step: a waiting
   * session (or one with a chatbot) is abandoned, an active one ended by him ({@code CLIENT_LEFT});
   * in wrap-up or over, nothing happens. Name either his session or his identity on a channel (then
   * his latest session the engine knows); every channel uses it, so that "the client left" is never
   * decided twice from two reads.
   *
   * @param session the session he leaves, or null when {@code client} is given
   * @param client his identity, or null when {@code session} is given
   */
  record ClientLeaves(@Nullable SessionId session, @Nullable ClientRef client) implements Command {
    public ClientLeaves {
      if ((session == null) == (client == null)) {
        throw new IllegalArgumentException("a client leaves one session: name exactly one of a session or a client, not "
            + session + " / " + client);
      }
    }

    /** The client of {@code session} leaves it. */
    public static ClientLeaves session(SessionId session) {
      return new ClientLeaves(requireNonNull(session, "session"), null);
    }

    /** The client known as {@code client} leaves his latest session. */
    public static ClientLeaves client(ClientRef client) {
      return new ClientLeaves(null, requireNonNull(client, "client"));
    }
  }

  /**
   * A fact the transport reports: one connection of a session's client opened ({@code open}) or
   * closed. The client is gone once his last connection closed, and has left when he stays gone
   * for the {@linkplain TenantSettings#clientGrace() client grace}; a connection opened within it
   * changes nothing. Only sessions of {@linkplain Channel#connected() connected channels} have
   * connections. Reporting the same fact twice changes nothing; a fact about a session in wrap-up
   * or over is ignored.
   *
   * @param session the session
   * @param connection the transport's id of the connection, unique among the session's
   * @param open whether it opened (true) or closed
   */
  record ClientConnection(SessionId session, String connection, boolean open) implements Command {
    public ClientConnection {
      requireNonNull(session, "session");
      Ids.check("connection id", connection);
    }
  }

  /**
   * A fact the transport reports: one of an operator's consoles connected ({@code open}) or
   * disconnected. Presence is the operator's, not the socket's: he is gone only once his last
   * console is. From then on he is offered nothing, and offers standing to him go to the next
   * operator at once; after the {@linkplain TenantSettings#operatorGrace() operator grace} his
   * status and sessions follow the tenant's settings. A console connecting within the grace
   * changes nothing else. Reporting the same fact twice changes nothing.
   *
   * @param operator the operator
   * @param connection the transport's id of the console's connection, unique among his
   * @param open whether it connected (true) or disconnected
   */
  record OperatorConnection(OperatorId operator, String connection, boolean open) implements Command {
    public OperatorConnection {
      requireNonNull(operator, "operator");
      Ids.check("connection id", connection);
    }
  }

  /** An operator accepts the session offered to him. */
  record Accept(SessionId session, OperatorId operator) implements Command {
    public Accept {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
    }
  }

  /** An operator declines the session offered to him; it goes to the next operator. */
  record Decline(SessionId session, OperatorId operator) implements Command {
    public Decline {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
    }
  }

  /**
   * Sends a live session to another group or to one operator, with a note the next operator
   * sees. An operator may redirect a session he holds or one waiting in his groups (from the
   * preview); an administrator may re-route any live session.
   *
   * @param session the session
   * @param by who redirects
   * @param group the target group, or null when {@code operator} is given
   * @param operator the target operator, or null when {@code group} is given
   * @param note for the next operator, or null
   */
  record Redirect(
      SessionId session, Actor by, @Nullable GroupId group, @Nullable OperatorId operator, @Nullable String note)
      implements Command {
    public Redirect {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      if ((group == null) == (operator == null)) {
        throw new IllegalArgumentException(
            "redirect session " + session + " to exactly one of a group or an operator, not " + group + " / " + operator);
      }
      if (note != null) {
        Notes.check(note);
      }
    }

    /** To a group. */
    public static Redirect toGroup(SessionId session, Actor by, GroupId group, @Nullable String note) {
      return new Redirect(session, by, requireNonNull(group, "group"), null, note);
    }

    /** To one operator. */
    public static Redirect toOperator(SessionId session, Actor by, OperatorId operator, @Nullable String note) {
      return new Redirect(session, by, null, requireNonNull(operator, "operator"), note);
    }
  }

  /** Adds a note to a live or recently ended session. */
  record AddNote(SessionId session, Actor by, String text) implements Command {
    public AddNote {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Notes.check(text);
    }
  }

  /** The serving operator invites another online operator into an active session. */
  record InviteCollaborator(SessionId session, OperatorId by, OperatorId collaborator) implements Command {
    public InviteCollaborator {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      requireNonNull(collaborator, "collaborator");
    }
  }

  /** A collaborator leaves a session. */
  record LeaveCollaboration(SessionId session, OperatorId collaborator) implements Command {
    public LeaveCollaboration {
      requireNonNull(session, "session");
      requireNonNull(collaborator, "collaborator");
    }
  }

  /**
   * Ends an active session: by its operator, an administrator, or the client leaving. It moves to
   * wrap-up, or straight to {@link SessionState#ENDED} when its group has no wrap-up time.
   */
  record End(SessionId session, Actor by) implements Command {
    public End {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
    }
  }

  /** The operator completes the wrap-up with a result and an optional note. */
  record CompleteWrapUp(SessionId session, OperatorId operator, String result, @Nullable String note)
      implements Command {
    public CompleteWrapUp {
      requireNonNull(session, "session");
      requireNonNull(operator, "operator");
      Ids.check("result", result);
      if (note != null) {
        Notes.check(note);
      }
    }
  }

  /** The client rates a session after it was served: rating 1 to 5, optional comment. */
  record Feedback(SessionId session, int rating, @Nullable String comment) implements Command {
    public Feedback {
      requireNonNull(session, "session");
      if (rating < 1 || rating > 5) {
        throw new IllegalArgumentException("rating must be 1..5, not " + rating);
      }
      if (comment != null) {
        Notes.check(comment);
      }
    }
  }

  /** Blocks a client on a channel; later arrivals of that identity are refused. */
  record Block(ClientRef client, Actor by, String reason) implements Command {
    public Block {
      requireNonNull(client, "client");
      requireNonNull(by, "by");
      Notes.check(reason);
    }
  }

  /** The serving operator blocks the client of an active session, which then ends. */
  record BlockClientOf(SessionId session, OperatorId by, String reason) implements Command {
    public BlockClientOf {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Notes.check(reason);
    }
  }

  /**
   * An administrator (or the system) bans the client of a session from its detail: the client's
   * identity on the session's channel goes on the blacklist, and the session is closed if it is
   * live — an active one ends ({@code CLIENT_BLOCKED}, into wrap-up as its group has it), a
   * waiting one or one with a chatbot is abandoned ({@code CLIENT_BLOCKED}); one in wrap-up or
   * ended only has its client blocked. Operators block through {@link BlockClientOf}, within the
   * tenant's {@link TenantSettings#operatorsMayBlock()}.
   *
   * @param session a session the engine knows (live or recently ended)
   * @param by an administrator or the system
   * @param reason why, kept with the blacklist entry
   */
  record BanClient(SessionId session, Actor by, String reason) implements Command {
    public BanClient {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Notes.check(reason);
    }
  }

  /** Lifts a block. */
  record Unblock(ClientRef client, Actor by) implements Command {
    public Unblock {
      requireNonNull(client, "client");
      requireNonNull(by, "by");
    }
  }

  /**
   * Creates an invitation for an operator: a fresh six-digit code, one-off or reusable until it
   * expires.
   *
   * @param operator who the invited client will be routed to
   * @param reusable whether the code may be used more than once
   * @param validity how long it is valid, or null for the tenant's default
   */
  record CreateInvitation(OperatorId operator, boolean reusable, @Nullable Duration validity) implements Command {
    public CreateInvitation {
      requireNonNull(operator, "operator");
      if (validity != null && (validity.isNegative() || validity.isZero() || validity.toDays() > 365)) {
        throw new IllegalArgumentException("invitation validity must be more than 0 up to 365 days, not " + validity);
      }
    }
  }

  /** Invalidates an invitation before it expires. */
  record InvalidateInvitation(String code, Actor by) implements Command {
    public InvalidateInvitation {
      InvitationCodes.check(code);
      requireNonNull(by, "by");
    }
  }

  /**
   * Posts a message into a live session: the client's (while he waits or is served), its serving
   * operator's or a collaborator's (while active), its chatbot's ({@link Actor#bot}, while the
   * session is with it: each of its messages answers the turn it owed), or an administrator's or
   * the system's. The
   * engine keeps no messages itself; its storage keeps them, once per {@code messageId}.
   *
   * @param messageId the message's id, unique within the tenant: the vendor's message id for
   *     inbound messages, so that a redelivery is stored once
   * @param text the text, at most {@value #MAX_MESSAGE_LENGTH} characters; empty only when files
   *     are attached
   * @param attachments the files it carries, by reference
   * @param rich a hero card or a template message (WhatsApp's) that channels able to carry it
   *     send instead of {@code text}, which the transcript keeps; null for a plain message. Only
   *     operators, administrators and the system post one; a channel's gateway checks that the
   *     channel carries it ({@code ChannelGateway.post})
   */
  record PostMessage(SessionId session, Actor by, String messageId, String text, List<Attachment> attachments,
      @Nullable OutboundMessage rich) implements Command {
    /** The longest message text accepted. */
    public static final int MAX_MESSAGE_LENGTH = 65_536;

    /** A plain message: text, files or both. */
    public PostMessage(SessionId session, Actor by, String messageId, String text, List<Attachment> attachments) {
      this(session, by, messageId, text, attachments, null);
    }

    public PostMessage {
      if (rich != null && rich.kind() != OutboundMessage.Kind.CARD && rich.kind() != OutboundMessage.Kind.TEMPLATE) {
        throw new IllegalArgumentException("message " + messageId + " is rich with a card or a template, not a "
            + rich.kind() + ": text and files are its other fields");
      }
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Ids.check("message id", messageId);
      requireNonNull(text, "text");
      attachments = List.copyOf(requireNonNull(attachments, "attachments"));
      if (text.isBlank() && attachments.isEmpty()) {
        throw new IllegalArgumentException("message " + messageId + " has neither text nor attachments");
      }
      if (text.length() > MAX_MESSAGE_LENGTH) {
        throw new IllegalArgumentException(
            "message " + messageId + " is " + text.length() + " characters long; at most " + MAX_MESSAGE_LENGTH + " allowed");
      }
    }
  }

  /**
   * Adds ({@code on}) or removes a tag on a session: by its serving operator or a collaborator
   * while it is active or in wrap-up, by the operator who served it after it ended (while the
   * engine still knows it), or by an administrator or the system.
   */
  record Tag(SessionId session, Actor by, String tag, boolean on) implements Command {
    public Tag {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Ids.check("tag", tag);
    }
  }

  /**
   * Sets a session parameter, or clears it with a null value; who may is as for {@link Tag}.
   */
  record SetParameter(SessionId session, Actor by, String name, @Nullable String value) implements Command {
    public SetParameter {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Ids.check("parameter name", name);
      if (value != null && value.length() > Notes.MAX_LENGTH) {
        throw new IllegalArgumentException(
            "parameter " + name + " is " + value.length() + " characters long; at most " + Notes.MAX_LENGTH + " allowed");
      }
    }
  }

  /**
   * Edits what a session knows of its client, as the operator's client tab does: his {@link
   * #NAME}, {@link #PHONE} or {@link #EMAIL}, or one of the host's own identifier fields (any
   * other field name, such as {@code crmId}); a null value clears the field. Who may: as for
   * {@link Tag}. The session's record keeps the value (name, phone and e-mail in their own fields,
   * a host's identifier as a parameter of its name), its transitions the history of the edits
   * (which field, who, when: not the values, which an erasure removes), and the contact the
   * session is linked to gets the value as his name or as one more identity.
   *
   * <pre>{@code
   * parley.submit(tenant, new Command.EditClient(session, Actor.operator(alice), Command.EditClient.EMAIL, "jana@example.cz"));
   * }</pre>
   *
   * @param field {@code name}, {@code phone}, {@code email} or a host's identifier field
   * @param value the new value, at most {@value Notes#MAX_LENGTH} characters; null or empty clears it
   */
  record EditClient(SessionId session, Actor by, String field, @Nullable String value) implements Command {
    /** The client's name. */
    public static final String NAME = "name";
    /** The client's phone number. */
    public static final String PHONE = "phone";
    /** The client's e-mail address. */
    public static final String EMAIL = "email";

    /** Checks the components; an empty value is the same as null. */
    public EditClient {
      requireNonNull(session, "session");
      requireNonNull(by, "by");
      Ids.check("client field", field);
      if (value != null && value.isEmpty()) {
        value = null;
      }
      if (value != null && value.length() > Notes.MAX_LENGTH) {
        throw new IllegalArgumentException(
            "client field " + field + " is " + value.length() + " characters long; at most " + Notes.MAX_LENGTH + " allowed");
      }
    }

    /** Whether {@link #field()} is one of the host's identifier fields rather than name, phone or e-mail. */
    public boolean hostIdentifier() {
      return !(field.equals(NAME) || field.equals(PHONE) || field.equals(EMAIL));
    }
  }

  /**
   * A message from a client known by his identity on a channel (a messaging network, e-mail):
   * posted into his live session if he has one; otherwise he arrives with {@code entry} as {@code
   * session} (continuing his last session, linked to it, when the engine still knows it and the
   * channel is {@linkplain Channel#reopenable() reopenable}) and the message is posted into the
   * new session. Deciding inside the engine keeps two quick messages from opening two sessions.
   *
   * @param session the id for a new session, used only when one is opened: a new id, as for {@link
   *     Arrive}
   * @param entry how the client comes; must name the client ({@link Entry#client()})
   * @param messageId the channel's id of the message, unique within the tenant
   */
  record ClientMessage(SessionId session, Entry entry, String messageId, String text, List<Attachment> attachments)
      implements Command {
    public ClientMessage {
      requireNonNull(session, "session");
      requireNonNull(entry, "entry");
      if (entry.client().isEmpty()) {
        throw new IllegalArgumentException("a client message names its client: " + entry);
      }
      new PostMessage(session, Actor.CLIENT, messageId, text, attachments); // the same checks
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * The chatbot that has a session hands it to a group of the tenant (its own or another): the
   * parameters are set on the session and the note goes along, as a redirect's does, and the
   * session queues there for the group's operators, in line from now (FIFO from the hand-off).
   * Only the chatbot that has the session (in {@link SessionState#CHATBOT}) may.
   *
   * @param parameters session parameters to set, such as what the bot learned (may be empty)
   * @param note for the operator who takes the session, or null
   */
  record ChatbotHandOff(
      SessionId session, ChatbotId chatbot, GroupId group, Map<String, String> parameters, @Nullable String note)
      implements Command {
    public ChatbotHandOff {
      requireNonNull(session, "session");
      requireNonNull(chatbot, "chatbot");
      requireNonNull(group, "group");
      // Sorted, so that the parameters are set (and their events told) in the same order in a replay.
      parameters = new TreeMap<>(requireNonNull(parameters, "parameters"));
      for (Map.Entry<String, String> p : parameters.entrySet()) {
        new SetParameter(session, Actor.bot(chatbot), p.getKey(), requireNonNull(p.getValue(), "parameter value")); // the same checks
      }
      parameters = Collections.unmodifiableMap(parameters);
      if (note != null) {
        Notes.check(note);
      }
    }
  }

  /**
   * The chatbot that has a session ends it: the client's matter is settled without an operator.
   * The session ends at once (there is no wrap-up without an operator).
   */
  record ChatbotEnd(SessionId session, ChatbotId chatbot) implements Command {
    public ChatbotEnd {
      requireNonNull(session, "session");
      requireNonNull(chatbot, "chatbot");
    }
  }

  /**
   * The chatbot that has a session failed (it answered with an error, could not be reached, or
   * answered what cannot be read): the session falls back to its group's queue, with a note that
   * says why. The engine falls back by itself when the bot does not answer within its {@linkplain
   * ChatbotSpec#replyTimeout() reply time-out}.
   *
   * @param reason what went wrong, for the note, such as {@code "answered HTTP 500"}
   */
  record ChatbotFailed(SessionId session, ChatbotId chatbot, String reason) implements Command {
    public ChatbotFailed {
      requireNonNull(session, "session");
      requireNonNull(chatbot, "chatbot");
      Notes.check(reason);
    }
  }

  /** A channel tells how far a message got: delivered to the recipient, read, or failed. */
  record Receipt(SessionId session, String messageId, dev.parley.core.event.Event.Delivery delivery) implements Command {
    public Receipt {
      requireNonNull(session, "session");
      Ids.check("message id", messageId);
      requireNonNull(delivery, "delivery");
    }
  }
}
