package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.ParleyException;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drives a {@link RoutingCore} with random commands and checks, after every step, the engine's
 * invariants against a shadow model that is built from the events alone:
 *
 * <ul>
 *   <li>no operator holds more sessions of a channel than his capacity; an exclusive session is
 *       the only one he holds;
 *   <li>no session is lost or served twice: the core's live sessions are exactly the model's, in
 *       the same state and with the same holder, and an accept only ever follows an offer;
 *   <li>FIFO within a priority: a session offered from a queue had nobody ahead of it left waiting;
 *   <li>work conservation: no session waits while an operator who could take it has room;
 *   <li>a session with a chatbot is never offered, queued or held by an operator, and leaves the
 *       bot only for a queue (in line from then), the end, or the client's leaving;
 *   <li>presence: no session is offered to an operator whose last console is gone; no session of a
 *       gone client outlives his grace (checked after every step, so by one step at most); a
 *       session re-routed for a gone or silent operator keeps its original waiting time.
 * </ul>
 *
 * A command the core refuses must throw a {@link ParleyException} or argument exception and leave
 * the core's observable state exactly as it was. The random choices come from a {@link Choices}
 * source: a seeded generator for the model-based test, the fuzzer's data for the fuzz test.
 */
final class CoreHarness {
  /** Where the harness's decisions come from. */
  interface Choices {
    /** A number in [0, bound). */
    int nextInt(int bound);

    static Choices seeded(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      return random::nextInt;
    }
  }

  private static final Channel[] CHANNELS = {Channel.WEB_CHAT, Channel.VIDEO_CALL, Channel.PHONE, Channel.WHATSAPP};
  private static final RoutingStrategy[] STRATEGIES = RoutingStrategy.values();
  private static final int OPERATORS = 6;
  private static final int GROUPS = 3;
  private static final int MAX_LIVE = 40;
  private static final ChatbotId BOT = ChatbotId.of("bot");
  private static final ChatbotId STRANGER = ChatbotId.of("stranger");

  private final Choices choices;
  private final RoutingCore core = new RoutingCore(TenantId.of("t"), 7);
  private Instant now = Instant.parse("2026-01-01T08:00:00Z");
  private final List<OperatorId> operatorIds = new ArrayList<>();
  private final List<GroupId> groupIds = new ArrayList<>();
  private final List<String> clients = List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");

  private final ShadowModel model = new ShadowModel();
  private long sessionIds;
  private final boolean reaching;
  private long steps;
  private long refusedCommands;
  private long outreaches;

  CoreHarness(Choices choices) {
    this(choices, false);
  }

  /**
   * @param reaching whether operators also reach clients ({@link Command.Outreach}) and sessions
   *     ask for mail (offline forms, transcripts): off for the sequences whose seeds' coverage the
   *     model-based test pins down
   */
  CoreHarness(Choices choices, boolean reaching) {
    this.choices = choices;
    this.reaching = reaching;
    apply(new Command.DefineChatbot(ChatbotTest.bot(BOT)));
    apply(new Command.DefineChatbot(ChatbotTest.bot(STRANGER)));
    for (int g = 0; g < GROUPS; g++) {
      GroupId id = GroupId.of("g" + g);
      groupIds.add(id);
      apply(new Command.DefineGroup(randomGroup(id)));
    }
    Duration[] graces = {Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(60)};
    apply(new Command.ConfigureTenant(TenantSettings.builder().defaultGroup(groupIds.get(0))
        .clientGrace(graces[choices.nextInt(graces.length)]).operatorGrace(graces[choices.nextInt(graces.length)])
        .sessionsWaitForGoneOperator(graces[choices.nextInt(graces.length)])
        .goneOperatorStatus(choices.nextInt(3) == 0 ? OperatorStatus.OFFLINE : OperatorStatus.away(TenantSettings.DISCONNECTED))
        .build()));
    for (int o = 0; o < OPERATORS; o++) {
      OperatorId id = OperatorId.of("op" + o);
      operatorIds.add(id);
      apply(new Command.DefineOperator(randomOperator(id)));
    }
  }

  long steps() {
    return steps;
  }

  long refusedCommands() {
    return refusedCommands;
  }

  /** How many sessions operators started themselves ({@link Command.Outreach}) and got. */
  long outreaches() {
    return outreaches;
  }

  /** How often each kind of event, and each kind of refusal, occurred: what the run exercised. */
  Map<String, Long> seen() {
    return model.seen();
  }

  /** Runs one random command (or time step) and checks every invariant. */
  void step() {
    steps++;
    Command command = nextCommand();
    if (command == null) {
      advance(Duration.ofSeconds(1 + choices.nextInt(40)));
    } else {
      attempt(command);
    }
    model.check(core.liveSessions(), core::session, "step " + steps);
    model.checkPresence(now, "step " + steps);
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  private Command nextCommand() {
    int live = model.sessions().size();
    switch (choices.nextInt(21)) {
      case 0:
      case 1:
      case 2:
        return live < MAX_LIVE ? arrival() : null;
      case 3:
      case 4:
      case 5:
        return accept();
      case 6:
        return decline();
      case 7:
      case 8:
        return end();
      case 9:
        return wrapUp();
      case 10:
        return status();
      case 11:
        return abandon();
      case 12:
        return redirect();
      case 13:
        return choices.nextInt(2) == 0
            ? new Command.SwitchChannel(anyOperator(), anyChannel(), choices.nextInt(3) > 0, Actor.admin("a"))
            : new Command.SetPhoneLine(anyOperator(), choices.nextInt(3) > 0);
      case 14:
        return choices.nextInt(3) == 0 ? new Command.DefineOperator(randomOperator(anyOperator())) : status();
      case 15:
        return choices.nextInt(4) == 0 ? new Command.DefineGroup(randomGroup(anyGroup())) : invitationOrBlock();
      case 16:
        return nonsense();
      case 17:
        return chatbot();
      case 18:
        return presence();
      case 19:
        return reaching && choices.nextInt(2) == 0 ? reach() : null;
      default:
        return null;
    }
  }

  private Command arrival() {
    SessionId id = SessionId.of("s" + sessionIds++);
    Channel channel = anyChannel();
    Entry.Builder entry = Entry.builder(channel).priority(choices.nextInt(3));
    if (channel == Channel.WHATSAPP || channel == Channel.PHONE || choices.nextInt(2) == 0) {
      entry.client(clients.get(choices.nextInt(clients.size())));
    }
    int how = choices.nextInt(10);
    if (how == 0 && !model.invitationCodes().isEmpty() && (channel == Channel.WEB_CHAT || channel == Channel.VIDEO_CALL)) {
      entry.invitationCode(model.invitationCodes().get(choices.nextInt(model.invitationCodes().size())));
    } else if (how < 8) {
      entry.group(anyGroup());
    }
    return new Command.Arrive(id, entry.build());
  }

  private Command accept() {
    ShadowModel.Session s = pick(SessionState.OFFERED);
    if (s == null) {
      return null;
    }
    if (s.holder != null) {
      return new Command.Accept(s.id, choices.nextInt(8) == 0 ? anyOperator() : s.holder);
    }
    return new Command.Accept(s.id, anyOf(s.offeredTo));
  }

  private Command decline() {
    ShadowModel.Session s = pick(SessionState.OFFERED);
    if (s == null) {
      return null;
    }
    return new Command.Decline(s.id, s.holder != null ? s.holder : anyOf(s.offeredTo));
  }

  private Command end() {
    ShadowModel.Session s = pick(SessionState.ACTIVE);
    if (s == null) {
      return null;
    }
    switch (choices.nextInt(4)) {
      case 0:
        return new Command.End(s.id, Actor.CLIENT);
      case 1:
        return new Command.End(s.id, Actor.admin("a"));
      default:
        return new Command.End(s.id, Actor.operator(s.holder));
    }
  }

  private Command wrapUp() {
    ShadowModel.Session s = pick(SessionState.WRAP_UP);
    return s == null ? null : new Command.CompleteWrapUp(s.id, s.holder, "done", null);
  }

  private Command status() {
    OperatorStatus[] all = {OperatorStatus.ONLINE, OperatorStatus.ONLINE, OperatorStatus.ONLINE, OperatorStatus.away("lunch"),
        OperatorStatus.AWAY, OperatorStatus.OFFLINE};
    return new Command.SetStatus(anyOperator(), all[choices.nextInt(all.length)]);
  }

  private Command abandon() {
    ShadowModel.Session s = pick(choices.nextInt(2) == 0 ? SessionState.QUEUED : SessionState.OFFERED);
    return s == null ? null : new Command.Abandon(s.id);
  }

  private Command redirect() {
    ShadowModel.Session s = pick(new SessionState[] {SessionState.QUEUED, SessionState.OFFERED, SessionState.ACTIVE}[choices.nextInt(3)]);
    if (s == null) {
      return null;
    }
    Actor by = s.holder != null && choices.nextInt(2) == 0 ? Actor.operator(s.holder) : Actor.admin("a");
    if (choices.nextInt(3) == 0) {
      return Command.Redirect.toOperator(s.id, by, anyOperator(), "over to you");
    }
    return Command.Redirect.toGroup(s.id, by, anyGroup(), choices.nextInt(2) == 0 ? null : "see note");
  }

  /** What a chatbot, or its client, does with a session the bot has; sometimes the wrong bot. */
  private Command chatbot() {
    ShadowModel.Session s = pick(SessionState.CHATBOT);
    if (s == null) {
      return null;
    }
    ChatbotId bot = choices.nextInt(10) == 0 ? STRANGER : BOT;
    String message = "m" + steps;
    switch (choices.nextInt(8)) {
      case 0:
      case 1:
        return new Command.PostMessage(s.id, Actor.bot(bot), message, "Hello from the bot", List.of());
      case 2:
        return new Command.PostMessage(s.id, Actor.CLIENT, message, "A question", List.of());
      case 3:
        return new Command.ChatbotHandOff(s.id, bot, anyGroup(), choices.nextInt(2) == 0 ? Map.of() : Map.of("topic", "refund"),
            choices.nextInt(2) == 0 ? null : "wants a refund");
      case 4:
        return new Command.ChatbotEnd(s.id, bot);
      case 5:
        return new Command.ChatbotFailed(s.id, bot, "answered HTTP 500");
      case 6:
        return new Command.Abandon(s.id);
      default:
        return Command.Redirect.toGroup(s.id, choices.nextInt(2) == 0 ? Actor.admin("a") : Actor.operator(anyOperator()), anyGroup(), null);
    }
  }

  /** A connection of a client or an operator opens or closes, a client leaves, or one side of a chat writes. */
  private Command presence() {
    switch (choices.nextInt(6)) {
      case 4:
      case 5: {
        ShadowModel.Session s = pick(SessionState.ACTIVE);
        if (s == null) {
          return null;
        }
        Actor by = choices.nextInt(3) == 0 ? Actor.operator(s.holder) : Actor.CLIENT;
        // Now and then, chosen without a draw (the seeds' sequences stay as they were): the client
        // tab's edit or a hero card, which the core refuses from the client.
        if (steps % 7 == 0) {
          return new Command.EditClient(s.id, by, steps % 3 == 0 ? "crmId" : Command.EditClient.EMAIL, "v" + steps);
        }
        if (steps % 11 == 0) {
          return new Command.PostMessage(s.id, by, "m" + steps, "a card", List.of(),
              new OutboundMessage.Card("a card", "", null, List.of()));
        }
        return new Command.PostMessage(s.id, by, "m" + steps, "a line", List.of());
      }
      case 0:
      case 1: {
        ShadowModel.Session s = model.sessions().isEmpty() ? null : anyOf(model.sessions().values());
        return s == null ? null : new Command.ClientConnection(s.id, choices.nextInt(2) == 0 ? "tab-a" : "tab-b", choices.nextInt(2) == 0);
      }
      case 2:
        return new Command.OperatorConnection(anyOperator(), choices.nextInt(2) == 0 ? "c1" : "c2", choices.nextInt(3) == 0);
      default: {
        ShadowModel.Session s = model.sessions().isEmpty() ? null : anyOf(model.sessions().values());
        return s == null ? null : Command.ClientLeaves.session(s.id);
      }
    }
  }

  /** An operator reaches a client (a new conversation, or again after an earlier session), an offline form, a transcript. */
  private Command reach() {
    switch (choices.nextInt(4)) {
      case 0: {
        List<SessionId> forms = model.formsAwaited();
        return forms.isEmpty() ? null : new Command.SubmitOfflineForm(forms.get(choices.nextInt(forms.size())),
            Map.of("text", "call me back"));
      }
      case 1: {
        ShadowModel.Session s = model.sessions().isEmpty() ? null : anyOf(model.sessions().values());
        Actor by = s == null || s.holder == null || choices.nextInt(3) == 0 ? Actor.CLIENT : Actor.operator(s.holder);
        return new Command.SendTranscript(s == null ? SessionId.of("s0") : s.id, choices.nextInt(4) == 0
            ? Actor.operator(anyOperator()) : by, "client@example.cz");
      }
      default: {
        Channel channel = choices.nextInt(3) == 0 ? Channel.PHONE : Channel.WHATSAPP;
        Entry.Builder entry = Entry.builder(channel).client(clients.get(choices.nextInt(clients.size())));
        if (choices.nextInt(2) == 0) {
          entry.group(anyGroup());
        }
        SessionId earlier = sessionIds == 0 || choices.nextInt(2) == 0 ? null : SessionId.of("s" + choices.nextInt((int) sessionIds));
        return new Command.Outreach(SessionId.of("s" + sessionIds++), anyOperator(), channel == Channel.PHONE ? null : earlier,
            entry.build());
      }
    }
  }

  private Command invitationOrBlock() {
    switch (choices.nextInt(4)) {
      case 0:
        return new Command.CreateInvitation(anyOperator(), choices.nextInt(2) == 0, Duration.ofMinutes(1 + choices.nextInt(30)));
      case 1:
        return model.invitationCodes().isEmpty() ? null
            : new Command.InvalidateInvitation(model.invitationCodes().get(choices.nextInt(model.invitationCodes().size())), Actor.admin("a"));
      case 2:
        // Now and then a ban from a session's detail, of the newest session the model knows; chosen
        // without a draw, so that the seeds' sequences stay near what they were.
        if (sessionIds % 50 == 0 && !model.sessions().isEmpty()) {
          ShadowModel.Session newest = null;
          for (ShadowModel.Session waiting : model.sessions().values()) {
            newest = waiting.state == SessionState.QUEUED || newest == null ? waiting : newest;
          }
          return new Command.BanClient(newest.id, Actor.admin("a"), "banned");
        }
        return new Command.Block(new ClientRef(Channel.WHATSAPP, clients.get(choices.nextInt(clients.size()))), Actor.admin("a"), "spam");
      default:
        return new Command.Unblock(new ClientRef(Channel.WHATSAPP, clients.get(choices.nextInt(clients.size()))), Actor.admin("a"));
    }
  }

  /** A command that is wrong for the state it meets, or names what does not exist. */
  private Command nonsense() {
    SessionId unknown = SessionId.of("nobody");
    ShadowModel.Session any = model.sessions().isEmpty() ? null : anyOf(model.sessions().values());
    SessionId id = any == null ? unknown : any.id;
    switch (choices.nextInt(8)) {
      case 0:
        return new Command.Accept(id, anyOperator());
      case 1:
        return new Command.End(id, Actor.operator(anyOperator()));
      case 2:
        return new Command.CompleteWrapUp(id, anyOperator(), "r", null);
      case 3:
        return new Command.Abandon(unknown);
      case 4:
        return new Command.Arrive(any == null ? SessionId.of("s0") : any.id, Entry.builder(Channel.WEB_CHAT).build());
      case 5:
        return new Command.Redirect(id, Actor.operator(anyOperator()), GroupId.of("nowhere"), null, null);
      case 6:
        return new Command.Decline(id, anyOperator());
      default:
        return new Command.SetStatus(OperatorId.of("ghost"), OperatorStatus.ONLINE);
    }
  }

  private GroupSpec randomGroup(GroupId id) {
    GroupSpec.Builder b = GroupSpec.builder(id)
        .strategy(STRATEGIES[choices.nextInt(STRATEGIES.length)])
        .offerTimeout(Duration.ofSeconds(choices.nextInt(3) * 20L))
        .wrapUpLimit(Duration.ofSeconds(choices.nextInt(3) * 30L))
        .maxQueueLength(choices.nextInt(4) == 0 ? 5 : 1_000)
        .autoAccept(choices.nextInt(5) == 0)
        .priority(choices.nextInt(3));
    if (choices.nextInt(3) == 0) {
      b.chatbot(BOT);
    }
    if (choices.nextInt(3) == 0) {
      b.clientGrace(Duration.ofSeconds(choices.nextInt(3) * 15L));
    }
    if (choices.nextInt(3) == 0) {
      b.reassignUnanswered(Duration.ofSeconds(30 + choices.nextInt(90)));
    }
    int other = (groupIds.indexOf(id) + 1) % GROUPS;
    if (choices.nextInt(3) == 0 && other < groupIds.size() && model.knowsGroup(groupIds.get(other))) {
      b.escalateAfter(Duration.ofSeconds(30 + choices.nextInt(90)), groupIds.get(other));
    }
    return b.build();
  }

  private OperatorSpec randomOperator(OperatorId id) {
    OperatorSpec.Builder b = OperatorSpec.builder(id).phoneLine(choices.nextInt(4) > 0);
    for (GroupId g : groupIds) {
      if (choices.nextInt(2) == 0) {
        b.group(g, choices.nextInt(3));
      }
    }
    for (Channel c : CHANNELS) {
      if (choices.nextInt(3) > 0) {
        b.channel(c, c.exclusive() ? 1 : 1 + choices.nextInt(4));
      }
    }
    return b.build();
  }

  private void advance(Duration d) {
    now = now.plus(d);
    List<Event> events = new ArrayList<>();
    core.advanceTo(now, events);
    model.observe(events);
  }

  private void attempt(Command command) {
    if (choices.nextInt(10) == 0) {
      now = now.plusMillis(1 + choices.nextInt(5_000));
    }
    List<Event> events = new ArrayList<>();
    // Deadlines due by now fire whether or not the command succeeds: observe them separately.
    core.advanceTo(now, events);
    model.observe(events);
    events.clear();
    Object before = fingerprint();
    try {
      core.apply(command, now, events);
    } catch (ParleyException | IllegalArgumentException e) {
      refusedCommands++;
      model.count(e.getClass().getSimpleName());
      assertThat(events).as("a refused %s emits nothing", command).isEmpty();
      assertThat(fingerprint()).as("a refused %s changes nothing (%s)", command, e.getMessage()).isEqualTo(before);
      return;
    }
    if (command instanceof Command.Outreach o) {
      outreaches++;
      assertThat(core.session(o.session()).orElseThrow().operator()).as("an outreach is its operator's at once")
          .isEqualTo(o.operator());
    }
    model.observe(events);
  }

  private void apply(Command command) {
    model.observe(core.apply(command, now));
  }

  /** What the core shows of itself: every known session's view, the picker, the statuses. */
  private Object fingerprint() {
    List<Object> all = new ArrayList<>();
    for (SessionId id : core.liveSessions()) {
      all.add(core.session(id).orElseThrow());
      all.add(core.explain(id).toString());
    }
    all.add(core.redirectPicker());
    for (OperatorId id : operatorIds) {
      all.add(core.status(id));
      all.add(core.waitingFor(id));
    }
    all.add(core.nextDeadline());
    return all;
  }

  // ---------------------------------------------------------------------------------------------

  private ShadowModel.Session pick(SessionState state) {
    List<ShadowModel.Session> in = new ArrayList<>();
    for (ShadowModel.Session s : model.sessions().values()) {
      if (s.state == state) {
        in.add(s);
      }
    }
    return in.isEmpty() ? null : in.get(choices.nextInt(in.size()));
  }

  private <T> T anyOf(java.util.Collection<T> items) {
    int i = choices.nextInt(items.size());
    for (T t : items) {
      if (i-- == 0) {
        return t;
      }
    }
    throw new AssertionError();
  }

  private OperatorId anyOperator() {
    return operatorIds.get(choices.nextInt(operatorIds.size()));
  }

  private GroupId anyGroup() {
    return groupIds.get(choices.nextInt(groupIds.size()));
  }

  private Channel anyChannel() {
    return CHANNELS[choices.nextInt(CHANNELS.length)];
  }
}
