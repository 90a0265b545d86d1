package dev.parley.core.internal;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.routing.RestoredSession;
import dev.parley.core.routing.RoutingCore;
import dev.parley.core.routing.SessionView;
import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionNote;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionStatus;
import dev.parley.storage.SessionTransition;
import dev.parley.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a tenant's routing state from storage after a restart: its configuration, operators'
 * statuses, blacklist and valid invitations, then its live sessions back in their queues or with
 * their operators.
 *
 * <p>A session that was with its chatbot stays with it. Whether the bot owed an answer is read
 * from the transcript: since the bot's last message (or the arrival, when it sent none), the first
 * message of the client, or the arrival itself, is the turn it owes; its reply time-out counts from
 * there ({@link RestoredSession#chatbotOwesSince()}). A synchronous bot's answer that was in
 * flight is lost with the engine, so such a session falls back to the group when the time-out
 * ends, as it would have without the restart; a bot that owed nothing waits for the client's next
 * message as before.
 *
 * <p>Presence: every connection died with the engine. A client or an operator the engine had been
 * told of connections of (a session with a presence transition, an operator's {@code tracked}
 * presence) is taken to be gone from the restart on, with his whole grace to come back; a console
 * or widget that reconnects within it finds everything as it was. An active session of a group
 * that re-routes unanswered sessions has its clock re-armed from the transcript (the client's first
 * message since the last reply of an operator).
 *
 * <p>Concurrency: runs on the tenant's writer, before any command of the tenant.
 */
final class Restorer {
  /** The connection id of the one console that restoring closes for each operator who had any. */
  private static final String RESTART = "restart";

  private Restorer() {}

  /**
   * Restores the tenant of {@code core}, seeds the partition's recorder, and tells the persister
   * (through {@code out}) the stored versions.
   *
   * @return the events of routing the restored sessions (offers to operators with room)
   */
  static List<Event> restore(Storage storage, RoutingCore core, Instant now, Recorder recorder, Writes out) {
    String tenant = core.tenant().value();
    List<Event> ignored = new ArrayList<>();
    TenantSettings settings = null;
    List<GroupSpec> groups = new ArrayList<>();
    List<OperatorSpec> operators = new ArrayList<>();
    List<ChatbotSpec> chatbots = new ArrayList<>();
    Map<OperatorId, OperatorPresence> presence = new LinkedHashMap<>();
    for (ConfigRecord r : storage.config().list(tenant)) {
      switch (r.kind()) {
        case ConfigCodec.SETTINGS:
          settings = ConfigCodec.decodeSettings(r);
          break;
        case ConfigCodec.GROUP:
          groups.add(ConfigCodec.decodeGroup(r));
          break;
        case ConfigCodec.OPERATOR:
          operators.add(ConfigCodec.decodeOperator(r));
          break;
        case ConfigCodec.CHATBOT:
          chatbots.add(ConfigCodec.decodeChatbot(r));
          break;
        case ConfigCodec.PRESENCE:
          presence.put(OperatorId.of(r.key()), ConfigCodec.decodePresence(r));
          break;
        default:
          if (r.kind().indexOf('.') >= 0) {
            break; // another module's, such as webhooks.subscription
          }
          throw new IllegalStateException("tenant " + tenant + " has configuration of an unknown kind: " + r.kind()
              + " (written by a newer Parley?)");
      }
    }
    for (ChatbotSpec bot : chatbots) {
      core.apply(new Command.DefineChatbot(bot), now, ignored);
    }
    // Groups first without their escalations, which may point at each other.
    for (GroupSpec g : groups) {
      core.apply(new Command.DefineGroup(g.toBuilder().noEscalation().build()), now, ignored);
    }
    for (GroupSpec g : groups) {
      if (g.escalateTo().isPresent()) {
        core.apply(new Command.DefineGroup(g), now, ignored);
      }
    }
    if (settings != null) {
      core.apply(new Command.ConfigureTenant(settings), now, ignored);
    }
    for (OperatorSpec op : operators) {
      core.apply(new Command.DefineOperator(op), now, ignored);
      OperatorPresence p = presence.get(op.id());
      if (p == null) {
        continue;
      }
      for (Channel off : p.switchedOff()) {
        core.apply(new Command.SwitchChannel(op.id(), off, false, Actor.SYSTEM), now, ignored);
      }
      if (p.phoneLine() != op.phoneLine()) {
        core.apply(new Command.SetPhoneLine(op.id(), p.phoneLine()), now, ignored);
      }
      if (!p.status().equals(OperatorStatus.OFFLINE)) {
        core.apply(new Command.SetStatus(op.id(), p.status()), now, ignored);
        if (p.tracked()) {
          core.apply(new Command.OperatorConnection(op.id(), RESTART, false), now, ignored);
        }
      }
    }
    for (BlacklistEntry b : storage.blacklist().list(tenant)) {
      ClientRef client = new ClientRef(Channel.valueOf(b.channel()), b.identifier());
      core.apply(new Command.Block(client, Actor.SYSTEM, b.reason()), now, ignored);
    }
    List<InvitationRecord> valid = storage.invitations().valid(tenant, now);
    for (InvitationRecord inv : valid) {
      core.restoreInvitation(inv.code(), OperatorId.of(inv.operator()), inv.reusable(), inv.expiresAt());
    }
    Set<String> timesReplies = new HashSet<>();
    for (GroupSpec g : groups) {
      if (g.reassignUnanswered().isPresent()) {
        timesReplies.add(g.id().value());
      }
    }
    List<SessionRecord> live = storage.sessions().live(tenant);
    List<RestoredSession> sessions = new ArrayList<>(live.size());
    for (SessionRecord r : live) {
      Instant owes = r.status() == SessionStatus.CHATBOT ? owesSince(r, storage) : null;
      Instant unanswered = r.status() == SessionStatus.ACTIVE && r.group().filter(timesReplies::contains).isPresent()
          ? unansweredSince(r, storage) : null;
      sessions.add(restored(r, owes, unanswered));
      out.restored.put(new Writes.Key(core.tenant(), SessionId.of(r.id())), r);
    }
    recorder.seed(core.tenant(), live, valid, presence);
    List<Event> events = new ArrayList<>();
    core.restore(sessions, now, events);
    return events;
  }

  /** Since when the chatbot of a session with it owes an answer, or null; see the class comment. */
  private static @Nullable Instant owesSince(SessionRecord r, Storage storage) {
    Instant since = r.arrivedAt();
    for (MessageRecord m : storage.transcripts().transcript(r.tenant(), r.id())) {
      if (m.sender() == MessageRecord.Sender.BOT) {
        since = null;
      } else if (m.sender() == MessageRecord.Sender.CLIENT && since == null) {
        since = m.at();
      }
    }
    return since;
  }

  /** Since when the client's first message after the last operator's reply waits, or null. */
  private static @Nullable Instant unansweredSince(SessionRecord r, Storage storage) {
    Instant since = null;
    for (MessageRecord m : storage.transcripts().transcript(r.tenant(), r.id())) {
      if (m.sender() == MessageRecord.Sender.OPERATOR) {
        since = null;
      } else if (m.sender() == MessageRecord.Sender.CLIENT && since == null) {
        since = m.at();
      }
    }
    return since;
  }

  private static RestoredSession restored(SessionRecord r, @Nullable Instant chatbotOwesSince,
      @Nullable Instant unansweredSince) {
    Channel channel = Channel.valueOf(r.channel());
    Entry.Builder entry = Entry.builder(channel).priority(r.priority());
    r.client().ifPresent(entry::client);
    r.clientName().ifPresent(entry::name);
    r.phone().ifPresent(entry::phone);
    r.email().ifPresent(entry::email);
    r.language().ifPresent(entry::language);
    r.widget().ifPresent(entry::widget);
    r.pageUrl().ifPresent(entry::pageUrl);
    r.browser().ifPresent(entry::browser);
    r.os().ifPresent(entry::os);
    r.subject().ifPresent(entry::subject);
    r.invitationCode().ifPresent(entry::invitationCode);
    r.parameters().forEach(entry::parameter);
    List<OperatorId> with = new ArrayList<>();
    for (String c : r.collaborators()) {
      with.add(OperatorId.of(c));
    }
    List<SessionView.Note> notes = new ArrayList<>();
    for (SessionNote n : r.notes()) {
      notes.add(new SessionView.Note(n.at(), actor(n.author()), n.text()));
    }
    return new RestoredSession(SessionId.of(r.id()), entry.build(), SessionState.valueOf(r.status().name()),
        r.group().map(GroupId::of).orElse(null), r.target().map(OperatorId::of).orElse(null),
        r.operator().map(OperatorId::of).orElse(null), with, r.priority(), r.arrivedAt(), r.enteredQueueAt(),
        r.acceptedAt().orElse(null), r.wrapUpDeadline().orElse(null), r.reopens().map(SessionId::of).orElse(null), notes,
        r.chatbot().map(ChatbotId::of).orElse(null), chatbotOwesSince, unansweredSince, clientTracked(r), r.tags());
  }

  /** Whether the engine had been told of the client's connections: a presence transition says so. */
  private static boolean clientTracked(SessionRecord r) {
    for (SessionTransition t : r.transitions()) {
      if (Recorder.CLIENT_CONNECTED.equals(t.reason()) || Recorder.CLIENT_GONE.equals(t.reason())) {
        return true;
      }
    }
    return false;
  }

  /** The actor a stored name such as {@code operator:alice}, {@code client} or {@code system} stands for. */
  private static Actor actor(String name) {
    int colon = name.indexOf(':');
    if (colon < 0) {
      return name.equals("client") ? Actor.CLIENT : name.equals("system") ? Actor.SYSTEM : Actor.admin(name);
    }
    String kind = name.substring(0, colon);
    String id = name.substring(colon + 1);
    switch (kind) {
      case "operator":
        return Actor.operator(OperatorId.of(id));
      case "bot":
        return Actor.bot(ChatbotId.of(id));
      default:
        return Actor.admin(id);
    }
  }
}
