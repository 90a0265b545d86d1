package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.DuplicateException;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.InvitationNotValidException;
import dev.parley.core.NoSuchChatbotException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.ParleyException;
import dev.parley.core.Presence;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.StillInUseException;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.EndReason;
import dev.parley.core.event.Event.InvitationEndReason;
import dev.parley.core.event.Event.OfferEndReason;
import dev.parley.core.event.Event.RefusalReason;
import dev.parley.core.event.Event.RequeueReason;
import dev.parley.core.routing.LiveSession.Deadline;
import dev.parley.storage.Words;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The routing core of one tenant: a deterministic state machine that takes a {@link Command} and
 * the current instant and returns the {@link Event events} it caused.
 *
 * <p>It holds the tenant's operators (status, switches, load), groups (candidates, waiting
 * queues), live sessions, offers, invitations, the blacklist and every deadline. It reads no clock
 * and starts no thread: time is passed in, deadlines fire when {@link #advanceTo} (or any command)
 * passes them, and the same commands at the same instants give the same events, always. That makes
 * it replayable from a log, simulable at virtual time, and benchmarkable.
 *
 * <pre>{@code
 * RoutingCore core = new RoutingCore(TenantId.of("acme"), 42);
 * core.apply(new Command.DefineGroup(GroupSpec.builder(sales).build()), t0);
 * core.apply(new Command.DefineOperator(OperatorSpec.builder(alice).group(sales).channel(WEB_CHAT, 4).build()), t0);
 * core.apply(new Command.SetStatus(alice, OperatorStatus.ONLINE), t0);
 * List<Event> events = core.apply(new Command.Arrive(SessionId.of("s1"), entry), t1);
 * // SessionQueued, SessionOffered(alice)
 * }</pre>
 *
 * <h2>The hot path</h2>
 *
 * Each group keeps, per channel, the members who can take one more session of it, ordered by the
 * group's strategy ({@link MemberBuckets}: buckets by load fraction or rank, each in the order
 * its members last changed), and a queue of waiting sessions ordered by priority then arrival (a
 * heap). A routing decision reads the head of both: it never scans operators or sessions. An
 * operator's load change moves his place in each of his k groups to the tail of another bucket:
 * O(k), nothing allocated. Both run in {@link CandidateIndex}, which keeps operators' loads and
 * members' keys and links in flat arrays by number (so that a step touches a few dense cache lines,
 * not a dozen objects) and which the routing benchmark also drives on its own to time the decision
 * alone. An abandon removes the session from its queue in O(log n). After every
 * command the core is <em>work-conserving</em>: no session waits while an operator who could take
 * it has room.
 *
 * <p>Concurrency: none. An instance is confined to one thread at a time; the runtime shell ({@link
 * dev.parley.core.Parley}) gives each tenant's core one writer thread. Reads on this class see the
 * state between commands.
 */
public final class RoutingCore {
  private static final Channel[] CHANNELS = OperatorState.CHANNELS;
  private static final int MAX_CODE_ATTEMPTS = 1_000;

  private final TenantId tenant;
  private final SplittableRandom random;
  private TenantSettings settings = TenantSettings.DEFAULTS;
  private final Map<GroupId, GroupState> groups = new LinkedHashMap<>();
  private final Map<OperatorId, OperatorState> operators = new LinkedHashMap<>();
  /** Immutable, replaced on each change: snapshots share it as it is. */
  private Map<ChatbotId, ChatbotSpec> chatbots = Map.of();
  /** The groups' specs for snapshots: an immutable copy, replaced when a group is defined or removed. */
  private Map<GroupId, GroupSpec> groupSpecs = Map.of();
  private final Map<SessionId, LiveSession> sessions = new HashMap<>();
  /**
   * Sessions refused with the offline form whose form has not come, with how they came: the
   * latest {@value #FORMS_AWAITED} only, the oldest forgotten first (a client rarely fills a form
   * in after hours of others).
   */
  private final Map<SessionId, Entry> formsAwaited = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<SessionId, Entry> eldest) {
      return size() > FORMS_AWAITED;
    }
  };
  private static final int FORMS_AWAITED = 10_000;
  private final Map<ClientRef, String> blacklist = new HashMap<>();
  /** Each client's latest session the core knows, by his identity on its channel. */
  private final Map<ClientRef, LiveSession> byClient = new HashMap<>();
  private final Map<String, Invitation> invitations = new HashMap<>();
  private final PriorityQueue<Invitation> expiries =
      new PriorityQueue<>(Comparator.<Invitation>comparingLong(i -> i.expiresNanos).thenComparing(i -> i.code));
  private final DeadlineHeap deadlines = new DeadlineHeap();
  /** Sessions whose client's connection is gone, by the end of his grace. */
  private final ClientGoneHeap clientsGone = new ClientGoneHeap();
  /** Operators whose consoles are gone, by the next step of their absence. */
  private final OperatorGoneHeap operatorsGone = new OperatorGoneHeap();
  /** Queues changed by the command under way, in the order first changed: a QueueChanged each at its end. */
  private final ArrayList<WaitQueue> touchedQueues = new ArrayList<>();
  private final ArrayDeque<OperatorState> dirty = new ArrayDeque<>();
  private final ArrayList<Member> setAside = new ArrayList<>();

  private Instant now = Instant.EPOCH;
  private long nowNanos = Long.MIN_VALUE;
  private long arrivals;
  /** Operators' loads and places among the candidates: what a decision runs. */
  private final CandidateIndex index = new CandidateIndex();
  private int definedOperators;
  private List<Event> out = new ArrayList<>();

  /**
   * An empty core for one tenant.
   *
   * @param tenant the tenant; stamped on every event
   * @param seed seeds invitation codes, so that a replay makes the same codes
   */
  public RoutingCore(TenantId tenant, long seed) {
    this.tenant = requireNonNull(tenant, "tenant");
    this.random = new SplittableRandom(seed);
  }

  /** The tenant this core serves. */
  public TenantId tenant() {
    return tenant;
  }

  /** The instant of the last command or advance. */
  public Instant now() {
    return now;
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  /**
   * Fires the deadlines due by {@code now}, then applies {@code command}.
   *
   * @return the events, deadlines' first
   * @throws ParleyException when the command cannot be carried out; it changed nothing (the
   *     deadlines before it did fire: use {@link #apply(Command, Instant, List)} to see their
   *     events too)
   * @throws IllegalArgumentException when {@code now} is before the last instant seen
   */
  public List<Event> apply(Command command, Instant now) {
    List<Event> events = new ArrayList<>();
    apply(command, now, events);
    return events;
  }

  /**
   * Fires the deadlines due by {@code now}, then applies {@code command}, adding the events to
   * {@code sink}. When the command fails, the deadlines' events are in {@code sink} and the
   * command changed nothing.
   */
  public void apply(Command command, Instant now, List<Event> sink) {
    requireNonNull(command, "command");
    advanceTo(now, sink);
    out = sink;
    dispatch(command);
    settle();
  }

  /** Fires every deadline due by {@code now} and returns the events. */
  public List<Event> advanceTo(Instant now) {
    List<Event> events = new ArrayList<>();
    advanceTo(now, events);
    return events;
  }

  /** Fires every deadline due by {@code now}, adding the events to {@code sink}. */
  public void advanceTo(Instant now, List<Event> sink) {
    requireNonNull(now, "now");
    requireNonNull(sink, "sink");
    long nanos = nanos(now);
    if (nanos < nowNanos) {
      throw new IllegalArgumentException("time runs forward: " + now + " is before " + this.now);
    }
    out = sink;
    while (true) {
      long next = nextDue();
      if (next > nanos) {
        break;
      }
      if (next > nowNanos) {
        setNow(Instant.ofEpochSecond(0, next), next);
      }
      // On a tie: an invitation's expiry, a session's deadline, a client's grace, an operator's absence.
      Invitation inv = nextExpiry();
      LiveSession s = deadlines.peek();
      LiveSession client = clientsGone.peek();
      if (inv != null && inv.expiresNanos == next) {
        expire(inv);
      } else if (s != null && s.deadline == next) {
        fire(s);
      } else if (client != null && client.goneDeadline == next) {
        clientLeft(client);
      } else {
        absenceStep(operatorsGone.peek());
      }
      settle();
    }
    setNow(now, nanos);
  }

  /** The nanosecond instant of the next deadline of any kind, or {@code Long.MAX_VALUE}. */
  private long nextDue() {
    LiveSession s = deadlines.peek();
    Invitation inv = nextExpiry();
    LiveSession client = clientsGone.peek();
    OperatorState op = operatorsGone.peek();
    long next = Math.min(s == null ? Long.MAX_VALUE : s.deadline, inv == null ? Long.MAX_VALUE : inv.expiresNanos);
    next = Math.min(next, client == null ? Long.MAX_VALUE : client.goneDeadline);
    return Math.min(next, op == null ? Long.MAX_VALUE : op.goneDeadline);
  }

  /**
   * Puts back the sessions that were live when the engine stopped, after a restart: waiting ones
   * into their queues in the order given (pass them in their original order of arrival, so that
   * FIFO within a priority holds), served ones with their operators, wrap-up deadlines and
   * escalations re-armed. A session that was with its chatbot stays with it; the time-out of a turn
   * the bot owed is re-armed from {@link RestoredSession#chatbotOwesSince()}, so a bot whose answer
   * was lost with the engine gives way to the group as it would have. Then routes whatever can be routed, adding those events to {@code
   * sink}. Call it on a core that has its configuration, operators' statuses and invitations back,
   * before any other session arrives.
   *
   * @throws DuplicateException if a session is known already (nothing is restored)
   * @throws NoSuchGroupException if a session's group is not defined (nothing is restored)
   * @throws NoSuchOperatorException if a session's operator is not defined (nothing is restored)
   * @throws NoSuchChatbotException if a session's chatbot is not defined (nothing is restored)
   */
  public void restore(List<RestoredSession> restored, Instant now, List<Event> sink) {
    requireNonNull(restored, "restored");
    for (RestoredSession r : restored) {
      if (sessions.containsKey(r.id())) {
        throw new DuplicateException("session", r.id().value());
      }
      if (r.group() != null) {
        group(r.group());
      }
      for (OperatorId op : r.collaborators()) {
        operator(op);
      }
      if (r.target() != null) {
        operator(r.target());
      }
      if (r.operator() != null) {
        operator(r.operator());
      }
      if (r.chatbot() != null) {
        chatbot(r.chatbot());
      }
    }
    advanceTo(now, sink);
    out = sink;
    List<LiveSession> waiting = new ArrayList<>();
    for (RestoredSession r : restored) {
      LiveSession s = new LiveSession(r.id(), r.entry(), arrivals++, r.arrivedAt(), r.reopens(), r.priority(), LiveSession.BY_RESTORE);
      sessions.put(s.id, s);
      r.entry().client().ifPresent(c -> byClient.put(c, s));
      if (r.group() != null) {
        joinGroup(s, groups.get(r.group()));
      }
      s.target = r.target() == null ? null : operators.get(r.target());
      s.enteredQueueAt = r.enteredQueueAt();
      s.acceptedAt = r.acceptedAt();
      if (!r.notes().isEmpty()) {
        s.notes = new ArrayList<>(r.notes());
      }
      s.chatbot = r.chatbot();
      s.unansweredSince = r.unansweredSince();
      s.clientTracked = r.clientTracked();
      if (!r.tags().isEmpty()) {
        s.autoTagged = new HashSet<>(r.tags());
      }
      if (r.state() == SessionState.CHATBOT) {
        s.state = SessionState.CHATBOT;
        if (r.chatbotOwesSince() != null) {
          setDeadline(s, Deadline.CHATBOT_REPLY, nanos(r.chatbotOwesSince()) + chatbots.get(s.chatbot).replyTimeout().toNanos());
        }
        continue;
      }
      if (r.state().waiting()) {
        enqueue(s);
        waiting.add(s);
        continue;
      }
      hold(s, operators.get(r.operator()));
      s.state = r.state();
      for (OperatorId id : r.collaborators()) {
        s.collaborators = LiveSession.adding(s.collaborators);
        s.collaborators.add(operators.get(id));
      }
      if (r.state() == SessionState.WRAP_UP && r.wrapUpDeadline() != null) {
        setDeadline(s, Deadline.WRAP_UP, nanos(r.wrapUpDeadline()));
      } else if (r.state() == SessionState.ACTIVE && s.unansweredSince != null) {
        armUnanswered(s, nanos(s.unansweredSince));
      }
    }
    for (RestoredSession r : restored) {
      LiveSession s = sessions.get(r.id());
      if (s.clientTracked && s.state != SessionState.WRAP_UP) {
        clientGone(s); // his connections died with the engine: he has his grace from now to come back
      }
    }
    for (LiveSession s : waiting) {
      if (s.state == SessionState.QUEUED && s.queueIndex >= 0) {
        route(s);
      }
    }
    settle();
  }

  /**
   * Puts back an invitation that was valid when the engine stopped, after a restart. An
   * invitation already past {@code expiresAt} expires on the next command or {@link #advanceTo}.
   *
   * @throws DuplicateException if the code is in use
   * @throws NoSuchOperatorException if the operator is not defined
   */
  public void restoreInvitation(String code, OperatorId operator, boolean reusable, Instant expiresAt) {
    requireNonNull(code, "code");
    requireNonNull(expiresAt, "expiresAt");
    OperatorState op = operator(operator);
    if (invitations.containsKey(code)) {
      throw new DuplicateException("invitation", code);
    }
    Invitation inv = new Invitation(code, op, reusable, expiresAt, nanos(expiresAt));
    invitations.put(code, inv);
    expiries.add(inv);
  }

  /** When the session's wrap-up must end, while it is in wrap-up with a limit. */
  public Optional<Instant> wrapUpDeadline(SessionId id) {
    LiveSession s = sessions.get(requireNonNull(id, "id"));
    return s == null || s.deadlineKind != Deadline.WRAP_UP ? Optional.empty() : Optional.of(Instant.ofEpochSecond(0, s.deadline));
  }

  /** The next instant at which a deadline falls due, if any. */
  public Optional<Instant> nextDeadline() {
    long next = nextDue();
    return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(0, next));
  }

  private void dispatch(Command command) {
    if (command instanceof Command.Arrive) {
      Command.Arrive c = (Command.Arrive) command;
      arrive(c.session(), c.entry(), c.reopens(), null, Actor.CLIENT);
    } else if (command instanceof Command.Accept) {
      accept((Command.Accept) command);
    } else if (command instanceof Command.End) {
      end((Command.End) command);
    } else if (command instanceof Command.CompleteWrapUp) {
      completeWrapUp((Command.CompleteWrapUp) command);
    } else if (command instanceof Command.Decline) {
      decline((Command.Decline) command);
    } else if (command instanceof Command.Abandon) {
      abandon((Command.Abandon) command);
    } else if (command instanceof Command.ClientLeaves c) {
      clientLeaves(c);
    } else if (command instanceof Command.ClientConnection c) {
      clientConnection(c);
    } else if (command instanceof Command.OperatorConnection c) {
      operatorConnection(c);
    } else if (command instanceof Command.Redirect) {
      redirect((Command.Redirect) command);
    } else if (command instanceof Command.SetStatus) {
      setStatus((Command.SetStatus) command);
    } else if (command instanceof Command.SwitchChannel) {
      switchChannel((Command.SwitchChannel) command);
    } else if (command instanceof Command.SetPhoneLine) {
      setPhoneLine((Command.SetPhoneLine) command);
    } else if (command instanceof Command.Reopen) {
      reopen((Command.Reopen) command);
    } else if (command instanceof Command.Outreach c) {
      outreach(c);
    } else if (command instanceof Command.SubmitOfflineForm c) {
      submitOfflineForm(c);
    } else if (command instanceof Command.SendTranscript c) {
      sendTranscript(c);
    } else if (command instanceof Command.AddNote) {
      addNote((Command.AddNote) command);
    } else if (command instanceof Command.InviteCollaborator) {
      inviteCollaborator((Command.InviteCollaborator) command);
    } else if (command instanceof Command.LeaveCollaboration) {
      leaveCollaboration((Command.LeaveCollaboration) command);
    } else if (command instanceof Command.Feedback) {
      feedback((Command.Feedback) command);
    } else if (command instanceof Command.Block) {
      block((Command.Block) command);
    } else if (command instanceof Command.BlockClientOf) {
      blockClientOf((Command.BlockClientOf) command);
    } else if (command instanceof Command.BanClient) {
      banClient((Command.BanClient) command);
    } else if (command instanceof Command.Unblock) {
      unblock((Command.Unblock) command);
    } else if (command instanceof Command.CreateInvitation) {
      createInvitation((Command.CreateInvitation) command);
    } else if (command instanceof Command.InvalidateInvitation) {
      invalidateInvitation((Command.InvalidateInvitation) command);
    } else if (command instanceof Command.DefineGroup) {
      defineGroup(((Command.DefineGroup) command).spec());
    } else if (command instanceof Command.RemoveGroup) {
      removeGroup(((Command.RemoveGroup) command).group());
    } else if (command instanceof Command.DefineOperator) {
      defineOperator(((Command.DefineOperator) command).spec());
    } else if (command instanceof Command.RemoveOperator) {
      removeOperator(((Command.RemoveOperator) command).operator());
    } else if (command instanceof Command.PostMessage) {
      postMessage((Command.PostMessage) command);
    } else if (command instanceof Command.ClientMessage) {
      clientMessage((Command.ClientMessage) command);
    } else if (command instanceof Command.Receipt) {
      receipt((Command.Receipt) command);
    } else if (command instanceof Command.Tag) {
      tag((Command.Tag) command);
    } else if (command instanceof Command.SetParameter) {
      setParameter((Command.SetParameter) command);
    } else if (command instanceof Command.EditClient) {
      editClient((Command.EditClient) command);
    } else if (command instanceof Command.ChatbotHandOff) {
      chatbotHandOff((Command.ChatbotHandOff) command);
    } else if (command instanceof Command.ChatbotEnd) {
      chatbotEnd((Command.ChatbotEnd) command);
    } else if (command instanceof Command.ChatbotFailed) {
      Command.ChatbotFailed c = (Command.ChatbotFailed) command;
      fallBack(withChatbot(c.session(), c.chatbot(), "report its failure on"), RequeueReason.CHATBOT_FAILED,
          "chatbot " + c.chatbot() + " failed: " + c.reason());
    } else if (command instanceof Command.DefineChatbot) {
      defineChatbot(((Command.DefineChatbot) command).spec());
    } else if (command instanceof Command.RemoveChatbot) {
      removeChatbot(((Command.RemoveChatbot) command).chatbot());
    } else if (command instanceof Command.ConfigureTenant) {
      configure(((Command.ConfigureTenant) command).settings());
    } else {
      throw new IllegalArgumentException("unknown command " + command);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration

  private void configure(TenantSettings next) {
    for (RoutingRule rule : next.rules()) {
      group(rule.group());
    }
    next.defaultGroup().ifPresent(this::group);
    settings = next;
    emit(new Event.TenantConfigured(tenant, now, Actor.SYSTEM, next));
  }

  private void defineGroup(GroupSpec spec) {
    spec.escalateTo().ifPresent(this::group);
    spec.chatbot().ifPresent(this::chatbot);
    GroupState g = groups.get(spec.id());
    if (g == null) {
      groups.put(spec.id(), new GroupState(spec, index));
      publishGroupSpecs();
      emit(new Event.GroupDefined(tenant, now, Actor.SYSTEM, spec));
      return;
    }
    RoutingStrategy before = g.strategy();
    boolean wholeBefore = before == RoutingStrategy.WHOLE_GROUP;
    if (wholeBefore != (spec.strategy() == RoutingStrategy.WHOLE_GROUP) && g.waiting > 0) {
      throw new StillInUseException(
          "group", g.id.value(), g.waiting + " sessions wait in it; switch to or from WHOLE_GROUP when its queue is empty");
    }
    g.spec(spec);
    publishGroupSpecs();
    if (before != spec.strategy()) {
      for (MemberBuckets h : g.candidates) {
        index.reorder(h);
      }
    }
    for (WaitQueue q : g.queues) {
      for (int i = 0; i < q.size(); i++) {
        armEscalation(q.get(i));
      }
    }
    emit(new Event.GroupDefined(tenant, now, Actor.SYSTEM, spec));
  }

  private void removeGroup(GroupId id) {
    GroupState g = group(id);
    if (g.memberCount > 0) {
      throw new StillInUseException("group", id.value(), g.memberCount + " operators belong to it");
    }
    if (g.live > 0) {
      throw new StillInUseException("group", id.value(), g.live + " live sessions belong to it");
    }
    for (GroupState other : groups.values()) {
      if (id.equals(other.spec().escalateTo().orElse(null))) {
        throw new StillInUseException("group", id.value(), "group " + other.id + " escalates to it");
      }
    }
    for (RoutingRule rule : settings.rules()) {
      if (rule.group().equals(id)) {
        throw new StillInUseException("group", id.value(), "a routing rule sends clients to it: " + rule);
      }
    }
    if (id.equals(settings.defaultGroup().orElse(null))) {
      throw new StillInUseException("group", id.value(), "it is the tenant's default group");
    }
    groups.remove(id);
    publishGroupSpecs();
    emit(new Event.GroupRemoved(tenant, now, Actor.SYSTEM, id));
  }

  private void publishGroupSpecs() {
    Map<GroupId, GroupSpec> next = new HashMap<>();
    for (GroupState g : groups.values()) {
      next.put(g.id, g.spec());
    }
    groupSpecs = Map.copyOf(next);
  }

  private void defineChatbot(ChatbotSpec spec) {
    Map<ChatbotId, ChatbotSpec> next = new HashMap<>(chatbots);
    next.put(spec.id(), spec);
    chatbots = Map.copyOf(next);
    emit(new Event.ChatbotDefined(tenant, now, Actor.SYSTEM, spec));
  }

  private void removeChatbot(ChatbotId id) {
    chatbot(id);
    for (GroupState g : groups.values()) {
      if (id.equals(g.spec().chatbot().orElse(null))) {
        throw new StillInUseException("chatbot", id.value(), "group " + g.id + " names it as its first responder");
      }
    }
    for (LiveSession s : sessions.values()) { // a rare administrative command: a scan is fine
      if (s.state == SessionState.CHATBOT && id.equals(s.chatbot)) {
        throw new StillInUseException("chatbot", id.value(), "session " + s.id + " is with it; let it hand its sessions off first");
      }
    }
    Map<ChatbotId, ChatbotSpec> next = new HashMap<>(chatbots);
    next.remove(id);
    chatbots = Map.copyOf(next);
    emit(new Event.ChatbotRemoved(tenant, now, Actor.SYSTEM, id));
  }

  private void defineOperator(OperatorSpec spec) {
    List<GroupState> newGroups = new ArrayList<>(spec.groups().size());
    for (GroupId id : spec.groups().keySet()) {
      newGroups.add(group(id));
    }
    // The spec's map iterates in an order that changes from one JVM to the next; replays must not.
    newGroups.sort(Comparator.comparing(g -> g.id));
    OperatorState op = operators.get(spec.id());
    if (op != null) {
      for (int c = 0; c < CHANNELS.length; c++) {
        int capacity = spec.capacities().getOrDefault(CHANNELS[c], 0);
        if (op.load(c) > capacity) {
          throw new CapacityExceededException(op.id, CHANNELS[c], op.load(c), capacity,
              ": end or redirect his sessions before lowering his capacity or taking the channel away");
        }
      }
      count(op, -1);
      index.withdraw(op);
      leaveGroups(op);
      for (LiveSession s : new ArrayList<>(op.groupOffers)) {
        if (!spec.groups().containsKey(s.group.id) || !spec.capacities().containsKey(CHANNELS[s.channel])) {
          withdrawGroupOffer(s, op);
        }
      }
    } else {
      op = index.addOperator(spec.id(), definedOperators++, nowNanos);
      operators.put(spec.id(), op);
    }
    op.spec = spec;
    op.phoneLine(spec.phoneLine());
    for (int c = 0; c < CHANNELS.length; c++) {
      index.capacity(op.number, c, spec.capacities().getOrDefault(CHANNELS[c], 0));
    }
    GroupState[] groupsOf = newGroups.toArray(new GroupState[0]);
    int[] ranks = new int[groupsOf.length];
    for (int i = 0; i < groupsOf.length; i++) {
      ranks[i] = spec.groups().get(groupsOf[i].id);
      op.groups.add(groupsOf[i]);
      groupsOf[i].memberCount++;
    }
    for (Member m : index.replaceMembers(op, groupsOf, ranks)) {
      m.group.members.add(m);
    }
    for (GroupState g : groupsOf) {
      g.membersChanged();
    }
    count(op, +1);
    refreshAll(op);
    markDirty(op);
    emit(new Event.OperatorDefined(tenant, now, Actor.SYSTEM, spec));
  }

  private void removeOperator(OperatorId id) {
    OperatorState op = operator(id);
    if (op.status().presence() != Presence.OFFLINE) {
      throw new StillInUseException("operator", id.value(), "he is " + op.status() + "; log him out first");
    }
    if (op.totalLoad() > 0 || op.directWaiting > 0) {
      throw new StillInUseException("operator", id.value(),
          op.totalLoad() + " sessions in hand and " + op.directWaiting + " waiting for him");
    }
    leaveGroups(op);
    index.removeOperator(op);
    operators.remove(id);
    clearAbsence(op);
    for (Invitation inv : new ArrayList<>(invitations.values())) {
      if (inv.operator == op) {
        endInvitation(inv, Actor.SYSTEM, InvitationEndReason.INVALIDATED);
      }
    }
    emit(new Event.OperatorRemoved(tenant, now, Actor.SYSTEM, id));
  }

  private static void leaveGroups(OperatorState op) {
    for (GroupState g : op.groups) {
      g.memberCount--;
      g.members.removeIf(m -> m.operator == op);
      g.membersChanged();
    }
    op.groups.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Operators

  private void setStatus(Command.SetStatus c) {
    OperatorState op = operator(c.operator());
    if (c.status().presence() == Presence.AWAY && !settings.allowsAwayReason(c.status().reason())) {
      throw new IllegalArgumentException("away reason " + c.status().reason() + " is not one of the tenant's "
          + settings.awayReasons() + "; pick one of them or none");
    }
    Actor actor = Actor.operator(op.id);
    if (!changeStatus(op, c.status(), actor)) {
      return;
    }
    if (op.gone()) { // his console is gone, yet someone changed his status (an administrator, the API)
      if (c.status().presence() == Presence.OFFLINE) {
        clearAbsence(op); // logged out: nothing is left to wait for
      } else if (op.absence == OperatorState.Absence.NONE) {
        armAbsence(op, OperatorState.Absence.GRACE, settings.operatorGrace());
      }
    }
    if (op.online()) {
      return;
    }
    for (LiveSession s : new ArrayList<>(op.groupOffers)) {
      withdrawGroupOffer(s, op);
    }
    for (LiveSession s : op.heldSessions()) {
      if (s.state == SessionState.OFFERED) {
        endOffer(s, OfferEndReason.WITHDRAWN, actor);
      } else if (s.state == SessionState.ACTIVE && c.status().presence() == Presence.OFFLINE) {
        release(s);
        if (s.target == op && s.group != null) {
          s.target = null;
        }
        s.collaborators.clear();
        s.enteredQueueAt = now;
        requeue(s, actor, RequeueReason.OPERATOR_LOGGED_OUT, op, null);
      }
    }
  }

  /** Gives the operator a new status and tells it; false when it was his status already. */
  private boolean changeStatus(OperatorState op, OperatorStatus to, Actor actor) {
    OperatorStatus from = op.status();
    if (from.equals(to)) {
      return false;
    }
    boolean wasOnline = op.online();
    count(op, -1);
    op.status(to);
    count(op, +1);
    if (op.online() && !wasOnline) {
      touchAll(op);
    }
    refreshAll(op);
    emit(new Event.OperatorStatusChanged(tenant, now, actor, op.id, from, to));
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Presence: the transport reports connections; the core decides, with deadlines

  private void operatorConnection(Command.OperatorConnection c) {
    OperatorState op = operator(c.operator());
    if (c.open()) {
      if (op.connections.contains(c.connection())) {
        return;
      }
      op.connections = LiveSession.adding(op.connections);
      op.connections.add(c.connection());
      if (op.connections.size() > 1) {
        return; // another console of his: he was there already
      }
      op.tracked = true;
      if (op.gone()) {
        clearAbsence(op);
        op.gone(false);
        refreshAll(op);
      }
      emit(new Event.OperatorPresenceChanged(tenant, now, Actor.SYSTEM, op.id, true, null));
      return;
    }
    // A close of a console never reported open (it closed before its opening was applied) counts too.
    op.connections.remove(c.connection());
    if (!op.connections.isEmpty() || op.gone()) {
      return;
    }
    op.tracked = true;
    op.gone(true);
    op.goneSince = now;
    refreshAll(op);
    Duration grace = settings.operatorGrace();
    boolean loggedIn = op.loggedIn();
    emit(new Event.OperatorPresenceChanged(tenant, now, Actor.SYSTEM, op.id, false, loggedIn ? now.plus(grace) : null));
    for (LiveSession s : new ArrayList<>(op.groupOffers)) {
      withdrawGroupOffer(s, op);
    }
    for (LiveSession s : op.heldSessions()) {
      if (s.state == SessionState.OFFERED) {
        endOffer(s, OfferEndReason.WITHDRAWN, Actor.SYSTEM);
      }
    }
    if (loggedIn) {
      armAbsence(op, OperatorState.Absence.GRACE, grace);
    }
  }

  /** Sets when the operator's absence takes its next step; a zero wait takes it now. */
  private void armAbsence(OperatorState op, OperatorState.Absence step, Duration after) {
    op.absence = step;
    if (after.isZero()) {
      absenceStep(op);
      return;
    }
    op.goneDeadline = nowNanos + after.toNanos();
    operatorsGone.set(op, true);
  }

  private void clearAbsence(OperatorState op) {
    op.absence = OperatorState.Absence.NONE;
    operatorsGone.set(op, false);
  }

  /**
   * The next step of a gone operator's absence: at the end of his grace his status becomes the
   * tenant's gone status and his sessions' wait starts; at its end they go back to their queues.
   */
  private void absenceStep(OperatorState op) {
    OperatorState.Absence step = op.absence;
    clearAbsence(op);
    if (step == OperatorState.Absence.GRACE) {
      OperatorStatus to = settings.goneOperatorStatus();
      if (op.statusOnline() || to.presence() == Presence.OFFLINE) {
        changeStatus(op, to, Actor.SYSTEM);
      }
      armAbsence(op, OperatorState.Absence.SESSIONS_WAIT, settings.sessionsWaitForGoneOperator());
      return;
    }
    for (LiveSession s : op.heldSessions()) {
      if (s.state == SessionState.ACTIVE) {
        reroute(s, RequeueReason.OPERATOR_GONE,
            "back in the queue: operator " + op.id + "'s console was gone since " + op.goneSince);
      }
    }
  }

  /**
   * Sends an active session back to its queue from its operator, keeping its place and waiting
   * time (it waited once already), with a note; the re-offer goes to someone else first.
   */
  private void reroute(LiveSession s, RequeueReason reason, String note) {
    OperatorState op = s.operator;
    release(s);
    if (s.target == op && s.group != null) {
      s.target = null;
    }
    s.collaborators.clear();
    s.passedBy = LiveSession.adding(s.passedBy);
    s.passedBy.add(op);
    s.notes = LiveSession.adding(s.notes);
    s.notes.add(new SessionView.Note(now, Actor.SYSTEM, note));
    requeue(s, Actor.SYSTEM, reason, op, note);
  }

  private void clientConnection(Command.ClientConnection c) {
    LiveSession s = known(c.session());
    Channel channel = CHANNELS[s.channel];
    if (!channel.connected()) {
      throw new IllegalArgumentException("session " + s.id + " is on " + channel + ", whose clients have no connection to report");
    }
    if (s.state.terminal() || s.state == SessionState.WRAP_UP) {
      return; // he left already, or was served: his tab closing now changes nothing
    }
    if (c.open()) {
      if (s.connections.contains(c.connection())) {
        return;
      }
      s.connections = LiveSession.adding(s.connections);
      s.connections.add(c.connection());
      if (s.connections.size() == 1) {
        s.clientTracked = true;
        clientsGone.set(s, false);
        emit(new Event.ClientPresenceChanged(tenant, now, Actor.SYSTEM, s.id, s.state, true, null, audience(s)));
      }
      return;
    }
    // A close of a connection never reported open (it closed before its opening was applied) counts too.
    s.connections.remove(c.connection());
    if (!s.connections.isEmpty() || s.goneIndex >= 0) {
      return;
    }
    s.clientTracked = true;
    clientGone(s);
  }

  /** The client's last connection is gone: his grace starts (and ends at once when it is zero). */
  private void clientGone(LiveSession s) {
    Duration grace = s.group != null && s.group.spec().clientGrace().isPresent() ? s.group.spec().clientGrace().get()
        : settings.clientGrace();
    s.goneDeadline = nowNanos + grace.toNanos();
    clientsGone.set(s, true);
    emit(new Event.ClientPresenceChanged(tenant, now, Actor.SYSTEM, s.id, s.state, false, now.plus(grace), audience(s)));
    if (grace.isZero()) {
      clientLeft(s);
    }
  }

  /** The client's grace ended without a connection: he has left. */
  private void clientLeft(LiveSession s) {
    clientsGone.set(s, false);
    if (s.state.waiting() || s.state == SessionState.CHATBOT) {
      abandonSession(s, Actor.SYSTEM, Event.AbandonReason.CLIENT_GONE);
    } else if (s.state == SessionState.ACTIVE) {
      endActive(s, Actor.SYSTEM, EndReason.CLIENT_LEFT);
    }
  }

  private void clientLeaves(Command.ClientLeaves c) {
    LiveSession s = c.session() != null ? known(c.session()) : byClient.get(c.client());
    if (s == null) {
      return; // a client the engine knows no session of: he has nothing to leave
    }
    if (s.state.waiting() || s.state == SessionState.CHATBOT) {
      abandonSession(s, Actor.CLIENT, Event.AbandonReason.CLIENT_LEFT);
    } else if (s.state == SessionState.ACTIVE) {
      endActive(s, Actor.CLIENT, EndReason.CLIENT_LEFT);
    }
  }

  private void switchChannel(Command.SwitchChannel c) {
    OperatorState op = operator(c.operator());
    int ch = c.channel().ordinal();
    if (op.capacity(ch) == 0) {
      throw new IllegalArgumentException(c.channel() + " is not assigned to operator " + op.id + "; define him with it first");
    }
    if (settings.switchesLocked() && c.by().kind() == Actor.Kind.OPERATOR) {
      throw new NotPermittedException(c.by(), "switch channels: the tenant locks operators' switches");
    }
    if (op.switchedOn(ch) == c.on()) {
      return;
    }
    op.switchedOn(ch, c.on());
    touch(op, ch);
    refreshChannel(op, ch);
    emit(new Event.ChannelSwitched(tenant, now, c.by(), op.id, c.channel(), c.on()));
  }

  private void setPhoneLine(Command.SetPhoneLine c) {
    OperatorState op = operator(c.operator());
    if (op.phoneLine() == c.available()) {
      return;
    }
    op.phoneLine(c.available());
    for (int ch = 0; ch < CHANNELS.length; ch++) {
      if (CHANNELS[ch].needsPhoneLine()) {
        touch(op, ch);
        refreshChannel(op, ch);
      }
    }
    emit(new Event.PhoneLineChanged(tenant, now, Actor.operator(op.id), op.id, c.available()));
  }

  // ---------------------------------------------------------------------------------------------
  // Arrival

  private void arrive(
      SessionId id, Entry entry, @Nullable SessionId reopens, @Nullable GroupState reopenGroup, Actor by) {
    requireNonNull(id, "session");
    if (sessions.containsKey(id)) {
      throw new DuplicateException("session", id.value());
    }
    Channel channel = entry.channel();
    if (!blacklist.isEmpty() && blacklist.containsKey(entry.client().orElse(null))) {
      emit(new Event.SessionRefused(tenant, now, Actor.SYSTEM, id, channel, RefusalReason.BLOCKED, false, null));
      return;
    }
    GroupState g = null;
    Invitation inv = null;
    int priority = entry.priority();
    int routedBy;
    if (entry.invitationCode().isPresent()) {
      inv = validInvitation(entry.invitationCode().get());
      if (inv.operator.capacity(channel.ordinal()) == 0) {
        throw new InvitationNotValidException(inv.code, "operator " + inv.operator.id + " does not take " + channel);
      }
      routedBy = LiveSession.BY_INVITATION;
    } else if (reopenGroup != null) {
      g = reopenGroup;
      routedBy = LiveSession.BY_REOPENING;
    } else if (entry.group().isPresent()) {
      g = group(entry.group().get());
      routedBy = LiveSession.BY_GROUP_ASKED;
    } else {
      routedBy = LiveSession.BY_DEFAULT_GROUP;
      int rule = settings.matchingRule(entry); // the rule code a dry run asks too (TenantSettings.decide)
      if (rule >= 0) {
        RoutingRule matched = settings.rules().get(rule);
        g = group(matched.group());
        priority += matched.priority();
        routedBy = rule;
      }
      if (g == null && settings.defaultGroup().isPresent()) {
        g = group(settings.defaultGroup().get());
      }
      if (g == null) {
        emit(new Event.SessionRefused(tenant, now, Actor.SYSTEM, id, channel, RefusalReason.NO_ROUTE, false, entry));
        return;
      }
    }
    boolean online = inv != null ? inv.operator.loggedIn() : g.onlineFor[channel.ordinal()] > 0;
    if (!channel.asynchronous() && !online) {
      emit(new Event.SessionRefused(
          tenant, now, Actor.SYSTEM, id, channel, RefusalReason.NOBODY_ONLINE, channel.offersOfflineForm(), entry));
      if (channel.offersOfflineForm()) {
        formsAwaited.put(id, entry);
      }
      return;
    }
    if (g != null && g.waiting >= g.spec().maxQueueLength()) {
      emit(new Event.SessionRefused(tenant, now, Actor.SYSTEM, id, channel, RefusalReason.QUEUE_FULL, false, entry));
      return;
    }
    LiveSession s = new LiveSession(id, entry, arrivals++, now, reopens, priority, routedBy);
    sessions.put(id, s);
    ClientRef client = entry.client().orElse(null);
    if (client != null) {
      byClient.put(client, s);
    }
    if (inv != null) {
      s.target = inv.operator;
    } else {
      joinGroup(s, g);
      if (g.spec().chatbot().isPresent()) {
        toChatbot(s, chatbots.get(g.spec().chatbot().get()), by);
        return;
      }
    }
    emit(new Event.SessionQueued(tenant, now, by, id, entry, g == null ? null : g.id,
        s.target == null ? null : s.target.id, priority, reopens));
    if (inv != null && !inv.reusable) {
      endInvitation(inv, Actor.CLIENT, InvitationEndReason.USED);
    }
    waitOrOffer(s);
  }

  private void reopen(Command.Reopen c) {
    LiveSession old = sessions.get(c.ended());
    if (old == null) {
      throw new NoSuchSessionException(c.ended());
    }
    if (old.state != SessionState.ENDED) {
      throw new IllegalTransitionException(old.id, old.state, "reopen it: only ended sessions reopen");
    }
    if (!old.entry.channel().reopenable()) {
      throw new IllegalTransitionException(old.id, old.state, "reopen it: " + old.entry.channel() + " is not reopenable");
    }
    GroupState g = old.group != null && groups.get(old.group.id) == old.group ? old.group : null;
    arrive(c.session(), old.entry, old.id, g, c.by());
  }

  /** A session the operator starts himself, his at once: every check first, then queued, offered and accepted. */
  private void outreach(Command.Outreach c) {
    OperatorState op = operator(c.operator());
    Actor actor = Actor.operator(op.id);
    Entry entry = c.entry();
    LiveSession old = c.reopens() == null ? null : sessions.get(c.reopens());
    GroupState g;
    if (old != null) {
      if (old.state != SessionState.ENDED || !old.entry.client().equals(entry.client())) {
        throw new IllegalTransitionException(old.id, old.state, "contact its client again: only an ended session of "
            + "the same client is continued");
      }
      entry = old.entry;
      g = old.group != null && groups.get(old.group.id) == old.group ? old.group : null;
    } else {
      g = entry.group().isPresent() ? group(entry.group().get()) : null;
    }
    if (sessions.containsKey(c.session())) {
      throw new DuplicateException("session", c.session().value());
    }
    ClientRef client = entry.client().orElseThrow();
    if (blacklist.containsKey(client)) {
      throw new NotPermittedException(actor, "reach " + client + ": the client is blocked");
    }
    LiveSession current = byClient.get(client);
    if (inProgress(current)) {
      throw new IllegalTransitionException(current.id, current.state, "start another session with its client");
    }
    int ch = entry.channel().ordinal();
    if (!op.eligible(ch)) {
      throw new CapacityExceededException(op.id, entry.channel(), op.load(ch), op.capacity(ch),
          " (or he is not online, the channel is switched off, or his phone line is not available)");
    }
    LiveSession s = new LiveSession(c.session(), entry, arrivals++, now, c.reopens(), 0, LiveSession.BY_OUTREACH);
    sessions.put(s.id, s);
    byClient.put(client, s);
    s.target = op;
    if (g != null) {
      joinGroup(s, g);
    }
    emit(new Event.SessionQueued(tenant, now, actor, s.id, entry, g == null ? null : g.id, op.id, 0, s.reopens));
    offer(s, op, CandidateIndex.NONE, 1);
    if (s.state == SessionState.OFFERED) { // a group that accepts by itself did already
      activate(s, actor);
    }
  }

  private void submitOfflineForm(Command.SubmitOfflineForm c) {
    Entry entry = formsAwaited.remove(c.session());
    if (entry == null) {
      throw sessions.containsKey(c.session())
          ? new IllegalTransitionException(c.session(), sessions.get(c.session()).state,
              "fill in its offline form: only a session refused because nobody was online has one")
          : new NoSuchSessionException(c.session());
    }
    emit(new Event.OfflineFormSubmitted(tenant, now, Actor.CLIENT, c.session(), entry, c.fields()));
  }

  private void sendTranscript(Command.SendTranscript c) {
    LiveSession s = known(c.session());
    if (c.by().kind() == Actor.Kind.OPERATOR && !serves(s, c.by())) {
      throw new NotPermittedException(c.by(), "send the transcript of session " + s.id + ": he neither serves nor served it");
    }
    if (c.by().kind() == Actor.Kind.BOT) {
      throw new NotPermittedException(c.by(), "send transcripts: the client, his operator or an administrator may");
    }
    boolean served = s.state == SessionState.ACTIVE || s.state == SessionState.WRAP_UP
        || (s.state == SessionState.ENDED && s.acceptedAt != null);
    if (!served) { // a session redirected back to a queue waits for its next operator first
      throw new IllegalTransitionException(s.id, s.state, "send its transcript: it is not being served or over");
    }
    emit(new Event.TranscriptRequested(tenant, now, c.by(), s.id, s.state, c.to()));
  }

  // ---------------------------------------------------------------------------------------------
  // Offers

  private void accept(Command.Accept c) {
    LiveSession s = live(c.session());
    OperatorState op = operator(c.operator());
    if (s.state != SessionState.OFFERED) {
      throw new IllegalTransitionException(s.id, s.state, "accept it");
    }
    if (s.operator != null) {
      if (s.operator != op) {
        throw new NotPermittedException(Actor.operator(op.id), "accept session " + s.id + ": it is offered to " + s.operator.id);
      }
      activate(s, Actor.operator(op.id));
      return;
    }
    if (!s.offeredTo.contains(op)) {
      throw new NotPermittedException(Actor.operator(op.id), "accept session " + s.id + ": it is not offered to him");
    }
    if (!op.hasRoom(s.channel)) {
      throw new CapacityExceededException(op.id, CHANNELS[s.channel], op.load(s.channel), op.capacity(s.channel),
          op.exclusiveLoad() > 0 || CHANNELS[s.channel].exclusive() ? " and an exclusive session allows no other" : "");
    }
    dequeue(s);
    s.offeredTo.remove(op);
    op.groupOffers.remove(s);
    hold(s, op);
    activate(s, Actor.operator(op.id));
    for (OperatorState other : s.offeredTo) {
      other.groupOffers.remove(s);
      emit(new Event.OfferEnded(tenant, now, Actor.SYSTEM, s.id, other.id, OfferEndReason.WITHDRAWN, SessionState.ACTIVE));
    }
    s.offeredTo.clear();
  }

  private void activate(LiveSession s, Actor actor) {
    s.state = SessionState.ACTIVE;
    s.acceptedAt = now;
    clearDeadline(s);
    emit(new Event.SessionAccepted(tenant, now, actor, s.id, s.operator.id));
    if (s.unansweredSince != null) {
      armUnanswered(s, nowNanos); // he wrote while he waited: the operator's clock starts now
    }
  }

  private void decline(Command.Decline c) {
    LiveSession s = live(c.session());
    OperatorState op = operator(c.operator());
    if (s.state != SessionState.OFFERED) {
      throw new IllegalTransitionException(s.id, s.state, "decline it");
    }
    Actor actor = Actor.operator(op.id);
    if (s.operator != null) {
      if (s.operator != op) {
        throw new NotPermittedException(actor, "decline session " + s.id + ": it is offered to " + s.operator.id);
      }
      endOffer(s, OfferEndReason.DECLINED, actor);
      return;
    }
    if (!s.offeredTo.contains(op)) {
      throw new NotPermittedException(actor, "decline session " + s.id + ": it is not offered to him");
    }
    s.passedBy = LiveSession.adding(s.passedBy);
    s.passedBy.add(op);
    s.offeredTo.remove(op);
    op.groupOffers.remove(s);
    touch(s.queue());
    boolean last = s.offeredTo.isEmpty();
    if (last) {
      s.state = SessionState.QUEUED;
    }
    emit(new Event.OfferEnded(tenant, now, actor, s.id, op.id, OfferEndReason.DECLINED, s.state));
    if (last) {
      offerToGroup(s);
    }
  }

  /** Ends a single offer unaccepted: the session waits again and goes to the next operator. */
  private void endOffer(LiveSession s, OfferEndReason reason, Actor actor) {
    OperatorState op = s.operator;
    release(s);
    if (reason != OfferEndReason.WITHDRAWN && !s.passedBy.contains(op)) {
      s.passedBy = LiveSession.adding(s.passedBy);
    s.passedBy.add(op);
    }
    if (s.target == op && s.group != null && reason != OfferEndReason.WITHDRAWN) {
      s.target = null; // a redirect to him he did not take goes back to the group
    }
    s.state = SessionState.QUEUED;
    emit(new Event.OfferEnded(tenant, now, actor, s.id, op.id, reason, SessionState.QUEUED));
    waitOrOffer(s);
  }

  /** Takes back one operator's whole-group offer of {@code s}. */
  private void withdrawGroupOffer(LiveSession s, OperatorState op) {
    touch(s.queue());
    s.offeredTo.remove(op);
    op.groupOffers.remove(s);
    boolean last = s.offeredTo.isEmpty();
    if (last) {
      s.state = SessionState.QUEUED;
    }
    emit(new Event.OfferEnded(tenant, now, Actor.SYSTEM, s.id, op.id, OfferEndReason.WITHDRAWN, s.state));
    if (last) {
      offerToGroup(s);
    }
  }

  /** Takes back every whole-group offer of {@code s}, which then is in {@code after}. */
  private void withdrawGroupOffers(LiveSession s, SessionState after) {
    for (OperatorState op : s.offeredTo) {
      op.groupOffers.remove(s);
      emit(new Event.OfferEnded(tenant, now, Actor.SYSTEM, s.id, op.id, OfferEndReason.WITHDRAWN, after));
    }
    s.offeredTo.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Session life

  private void abandon(Command.Abandon c) {
    LiveSession s = live(c.session());
    if (!s.state.waiting() && s.state != SessionState.CHATBOT) {
      throw new IllegalTransitionException(s.id, s.state, "abandon it: the client left a served session, so End it as the client");
    }
    abandonSession(s, Actor.CLIENT, Event.AbandonReason.CLIENT_LEFT);
  }

  /** The client of a waiting session (or one with a chatbot) left it. */
  private void abandonSession(LiveSession s, Actor actor, Event.AbandonReason reason) {
    if (s.state == SessionState.CHATBOT) {
      clearDeadline(s);
    } else if (s.operator != null) {
      OperatorState op = s.operator;
      release(s);
      emit(new Event.OfferEnded(tenant, now, actor, s.id, op.id, OfferEndReason.WITHDRAWN, SessionState.ABANDONED));
    } else {
      dequeue(s);
      withdrawGroupOffers(s, SessionState.ABANDONED);
    }
    s.state = SessionState.ABANDONED;
    emit(new Event.SessionAbandoned(tenant, now, actor, s.id, s.group == null ? null : s.group.id, reason));
    terminate(s);
  }

  private void end(Command.End c) {
    LiveSession s = live(c.session());
    if (s.state != SessionState.ACTIVE) {
      throw new IllegalTransitionException(s.id, s.state, "end it: only active sessions end (abandon a waiting one)");
    }
    EndReason reason;
    switch (c.by().kind()) {
      case OPERATOR:
        if (!s.operator.id.value().equals(c.by().id())) {
          throw new NotPermittedException(c.by(), "end session " + s.id + ": operator " + s.operator.id + " serves it");
        }
        reason = EndReason.OPERATOR_ENDED;
        break;
      case CLIENT:
        reason = EndReason.CLIENT_LEFT;
        break;
      case ADMIN:
        reason = EndReason.ADMIN_ENDED;
        break;
      default:
        throw new NotPermittedException(c.by(), "end a session");
    }
    endActive(s, c.by(), reason);
  }

  private void endActive(LiveSession s, Actor actor, EndReason reason) {
    OperatorState op = s.operator;
    List<OperatorId> audience = audience(s);
    s.collaborators.clear();
    clientsGone.set(s, false);
    Duration wrapUp = s.group == null ? Duration.ZERO : s.group.spec().wrapUpLimit();
    if (wrapUp.isZero()) {
      release(s);
      s.operator = op;
      s.state = SessionState.ENDED;
      emit(new Event.SessionEnded(tenant, now, actor, s.id, op.id, reason, SessionState.ENDED, audience));
      terminate(s);
    } else {
      s.state = SessionState.WRAP_UP;
      setDeadline(s, Deadline.WRAP_UP, nowNanos + wrapUp.toNanos());
      emit(new Event.SessionEnded(tenant, now, actor, s.id, op.id, reason, SessionState.WRAP_UP, audience));
    }
  }

  /**
   * Who sees the session's conversation: its operator once he accepted it (also after the end)
   * and its collaborators; nobody while it waits or is with a chatbot.
   */
  private static List<OperatorId> audience(LiveSession s) {
    OperatorState op = s.operator;
    if (op == null || s.state.waiting() || s.state == SessionState.CHATBOT) {
      return List.of();
    }
    if (s.collaborators.isEmpty()) {
      return op.idAsList; // the usual case: no list made
    }
    List<OperatorId> all = new ArrayList<>(s.collaborators.size() + 1);
    all.add(op.id);
    for (OperatorState c : s.collaborators) {
      all.add(c.id);
    }
    return List.copyOf(all);
  }

  private void completeWrapUp(Command.CompleteWrapUp c) {
    LiveSession s = live(c.session());
    if (s.state != SessionState.WRAP_UP) {
      throw new IllegalTransitionException(s.id, s.state, "complete its wrap-up");
    }
    if (!s.operator.id.equals(c.operator())) {
      throw new NotPermittedException(Actor.operator(c.operator()), "wrap up session " + s.id + ": it is " + s.operator.id + "'s");
    }
    finishWrapUp(s, Actor.operator(c.operator()), c.result(), c.note());
  }

  private void finishWrapUp(LiveSession s, Actor actor, @Nullable String result, @Nullable String note) {
    OperatorState op = s.operator;
    release(s);
    s.operator = op;
    s.state = SessionState.ENDED;
    emit(new Event.WrapUpCompleted(tenant, now, actor, s.id, op.id, result, note, result == null));
    terminate(s);
  }

  private void redirect(Command.Redirect c) {
    LiveSession s = live(c.session());
    if (s.state != SessionState.ACTIVE && !s.state.waiting() && s.state != SessionState.CHATBOT) {
      throw new IllegalTransitionException(s.id, s.state, "redirect it");
    }
    Actor by = c.by();
    if (by.kind() == Actor.Kind.OPERATOR) {
      OperatorState op = operator(OperatorId.of(by.id()));
      boolean holds = s.operator == op;
      boolean sees = s.state.waiting() && (s.target == op || (s.target == null && s.group != null && memberOf(op, s.group)));
      if (!holds && !sees) {
        throw new NotPermittedException(by, "redirect session " + s.id + ": it is neither his nor waiting in his groups");
      }
    } else if (by.kind() != Actor.Kind.ADMIN) {
      throw new NotPermittedException(by, "redirect a session");
    }
    GroupState toGroup = c.group() == null ? null : group(c.group());
    OperatorState toOperator = c.operator() == null ? null : operator(c.operator());
    if (toOperator != null) {
      if (toOperator.capacity(s.channel) == 0) {
        throw new CapacityExceededException(toOperator.id, CHANNELS[s.channel], 0, 0,
            ": the channel is not assigned to him, so he cannot take the session");
      }
      if (toOperator == s.operator) {
        throw new IllegalArgumentException("session " + s.id + " is already with operator " + toOperator.id);
      }
    }
    OperatorState previous = s.operator;
    if (previous != null) {
      boolean offered = s.state == SessionState.OFFERED;
      release(s);
      if (offered) {
        emit(new Event.OfferEnded(tenant, now, by, s.id, previous.id, OfferEndReason.WITHDRAWN, SessionState.QUEUED));
      }
    } else if (s.state == SessionState.CHATBOT) {
      leaveChatbot(s); // an administrator's re-route: only he sees it (it waits in no operator's list)
    } else {
      dequeue(s);
      withdrawGroupOffers(s, SessionState.QUEUED);
    }
    s.collaborators.clear();
    s.passedBy.clear();
    if (toGroup != null) {
      joinGroup(s, toGroup);
      s.target = null;
    } else {
      s.target = toOperator;
    }
    if (c.note() != null) {
      s.notes = LiveSession.adding(s.notes);
      s.notes.add(new SessionView.Note(now, by, c.note()));
    }
    s.enteredQueueAt = now;
    requeue(s, by, RequeueReason.REDIRECTED, previous, c.note());
  }

  /** Sends a session that is in no queue and held by nobody back to waiting, and routes it. */
  private void requeue(LiveSession s, Actor by, RequeueReason reason, @Nullable OperatorState previous, @Nullable String note) {
    s.state = SessionState.QUEUED;
    s.movedFor = reason;
    s.movedBy = by;
    s.movedAt = now;
    emit(new Event.SessionRequeued(tenant, now, by, s.id, reason, previous == null ? null : previous.id,
        s.target == null && s.group != null ? s.group.id : null, s.target == null ? null : s.target.id, note,
        s.enteredQueueAt));
    waitOrOffer(s);
  }

  private void escalate(LiveSession s) {
    GroupState to = group(s.group.spec().escalateTo().orElseThrow());
    dequeue(s);
    withdrawGroupOffers(s, SessionState.QUEUED);
    s.passedBy.clear();
    joinGroup(s, to);
    s.enteredQueueAt = now;
    requeue(s, Actor.SYSTEM, RequeueReason.ESCALATED, null, null);
  }

  private void addNote(Command.AddNote c) {
    LiveSession s = known(c.session());
    s.notes = LiveSession.adding(s.notes);
    s.notes.add(new SessionView.Note(now, c.by(), c.text()));
    emit(new Event.NoteAdded(tenant, now, c.by(), s.id, s.state, c.text(), audience(s)));
  }

  private void inviteCollaborator(Command.InviteCollaborator c) {
    LiveSession s = live(c.session());
    OperatorState by = operator(c.by());
    OperatorState who = operator(c.collaborator());
    if (s.state != SessionState.ACTIVE) {
      throw new IllegalTransitionException(s.id, s.state, "invite a collaborator: only into an active session");
    }
    if (s.operator != by) {
      throw new NotPermittedException(Actor.operator(by.id), "invite into session " + s.id + ": operator " + s.operator.id + " serves it");
    }
    if (who == by || s.collaborators.contains(who)) {
      throw new IllegalArgumentException("operator " + who.id + " is in session " + s.id + " already");
    }
    if (!who.online()) {
      throw new NotPermittedException(Actor.operator(who.id), "collaborate while " + who.status());
    }
    List<OperatorId> audience = audience(s);
    s.collaborators = LiveSession.adding(s.collaborators);
    s.collaborators.add(who);
    emit(new Event.CollaboratorChanged(tenant, now, Actor.operator(by.id), s.id, who.id, true, audience));
  }

  private void leaveCollaboration(Command.LeaveCollaboration c) {
    LiveSession s = live(c.session());
    OperatorState who = operator(c.collaborator());
    if (!s.collaborators.contains(who)) {
      throw new IllegalArgumentException("operator " + who.id + " does not collaborate on session " + s.id);
    }
    List<OperatorId> audience = audience(s);
    s.collaborators.remove(who);
    emit(new Event.CollaboratorChanged(tenant, now, Actor.operator(who.id), s.id, who.id, false, audience));
  }

  private void feedback(Command.Feedback c) {
    LiveSession s = known(c.session());
    if (s.acceptedAt == null || (s.state != SessionState.WRAP_UP && s.state != SessionState.ENDED)) {
      throw new IllegalTransitionException(s.id, s.state, "take feedback: only a served session that is over gets it");
    }
    if (s.feedbackGiven) {
      throw new IllegalTransitionException(s.id, s.state, "take feedback twice");
    }
    s.feedbackGiven = true;
    emit(new Event.FeedbackGiven(tenant, now, Actor.CLIENT, s.id, s.state, c.rating(), c.comment(), audience(s)));
  }

  // ---------------------------------------------------------------------------------------------
  // Messages, tags, parameters: the core checks who may and says so; the shell stores them

  private void postMessage(Command.PostMessage c) {
    LiveSession s = live(c.session());
    Actor by = c.by();
    boolean allowed;
    switch (by.kind()) {
      case CLIENT:
        allowed = s.state != SessionState.WRAP_UP;
        break;
      case OPERATOR:
        allowed = s.state == SessionState.ACTIVE && serves(s, by);
        break;
      case BOT:
        allowed = hasIt(s, by.id());
        break;
      default:
        allowed = true;
    }
    if (!allowed) {
      throw new NotPermittedException(by, "post into session " + s.id + " while it is " + s.state
          + (by.kind() == Actor.Kind.OPERATOR ? " (only its serving operator and collaborators may, while active)" : "")
          + (by.kind() == Actor.Kind.BOT ? " (only the chatbot that has it may, until it hands it off)" : ""));
    }
    if (c.rich() != null && (by.kind() == Actor.Kind.CLIENT || by.kind() == Actor.Kind.BOT)) {
      throw new NotPermittedException(by, "post a " + c.rich().kind() + " message: operators, administrators and the system do");
    }
    emit(new Event.MessagePosted(tenant, now, by, s.id, s.state, c.messageId(), c.text(), c.attachments(), audience(s),
        c.rich()));
    autoTag(s, c.text());
    if (by.kind() == Actor.Kind.BOT) {
      clearDeadline(s); // the turn is answered
    } else if (by.kind() == Actor.Kind.CLIENT) {
      owe(s);
      awaitReply(s);
    } else if (by.kind() == Actor.Kind.OPERATOR) {
      s.unansweredSince = null;
      if (s.deadlineKind == Deadline.UNANSWERED) {
        clearDeadline(s);
      }
    }
  }

  /**
   * The tenant's auto-tags ({@link TenantSettings#autoTags}): a word of the message that begins
   * with a keyword brings its tag, once per session, so a tag an operator took off stays off.
   */
  private void autoTag(LiveSession s, String text) {
    Map<String, String> autoTags = settings.autoTags();
    if (autoTags.isEmpty() || text.isEmpty()) {
      return;
    }
    for (String word : Words.of(text)) {
      for (Map.Entry<String, String> k : autoTags.entrySet()) {
        if (word.startsWith(k.getKey())) {
          if (s.autoTagged == null) {
            s.autoTagged = new HashSet<>();
          }
          if (s.autoTagged.add(k.getValue())) {
            emit(new Event.TagChanged(tenant, now, Actor.SYSTEM, s.id, s.state, k.getValue(), true, audience(s)));
          }
        }
      }
    }
  }

  /** A client's message waits for the operator's reply: the group's unanswered time runs from the first. */
  private void awaitReply(LiveSession s) {
    if (s.unansweredSince == null) {
      s.unansweredSince = now;
      armUnanswered(s, nowNanos);
    }
  }

  /** Times the reply to an active session's client from {@code since}, where its group re-routes unanswered sessions. */
  private void armUnanswered(LiveSession s, long since) {
    if (s.state == SessionState.ACTIVE && s.deadlineKind == Deadline.NONE && s.group != null) {
      Optional<Duration> after = s.group.spec().reassignUnanswered();
      if (after.isPresent()) {
        setDeadline(s, Deadline.UNANSWERED, since + after.get().toNanos());
      }
    }
  }

  /** A client's message to a session with a chatbot: the bot owes an answer, unless it owed one already. */
  private void owe(LiveSession s) {
    if (s.state == SessionState.CHATBOT && s.deadlineKind == Deadline.NONE) {
      setDeadline(s, Deadline.CHATBOT_REPLY, nowNanos + chatbots.get(s.chatbot).replyTimeout().toNanos());
    }
  }

  private void clientMessage(Command.ClientMessage c) {
    ClientRef client = c.entry().client().orElseThrow();
    LiveSession s = byClient.get(client);
    if (!inProgress(s)) {
      boolean reopen = s != null && s.state == SessionState.ENDED && client.channel().reopenable();
      GroupState g = reopen && s.group != null && groups.get(s.group.id) == s.group ? s.group : null;
      arrive(c.session(), c.entry(), reopen ? s.id : null, g, Actor.CLIENT);
      s = sessions.get(c.session());
      if (s == null) {
        return; // refused: the refusal is the answer, and nothing of the message is kept
      }
    }
    emit(new Event.MessagePosted(tenant, now, Actor.CLIENT, s.id, s.state, c.messageId(), c.text(), c.attachments(),
        audience(s)));
    autoTag(s, c.text());
    owe(s);
    awaitReply(s);
  }

  /** Whether a client's message goes into {@code s}, his latest session, rather than starting one. */
  private static boolean inProgress(@Nullable LiveSession s) {
    return s != null && !s.state.terminal() && s.state != SessionState.WRAP_UP;
  }

  private void receipt(Command.Receipt c) {
    LiveSession s = known(c.session());
    emit(new Event.MessageDelivered(tenant, now, Actor.SYSTEM, s.id, s.state, c.messageId(), c.delivery()));
  }

  private void tag(Command.Tag c) {
    LiveSession s = annotatable(c.session(), c.by(), "tag");
    emit(new Event.TagChanged(tenant, now, c.by(), s.id, s.state, c.tag(), c.on(), audience(s)));
  }

  private void setParameter(Command.SetParameter c) {
    LiveSession s = annotatable(c.session(), c.by(), "set a parameter of");
    emit(new Event.ParameterSet(tenant, now, c.by(), s.id, s.state, c.name(), c.value(), audience(s)));
  }

  private void editClient(Command.EditClient c) {
    LiveSession s = annotatable(c.session(), c.by(), "edit the client of");
    if (!c.hostIdentifier()) {
      s.entry = s.entry.withClientField(c.field(), c.value());
    }
    emit(new Event.ClientEdited(tenant, now, c.by(), s.id, s.state, c.field(), c.value(), audience(s)));
  }

  /**
   * A session {@code by} may tag or set parameters of: an administrator or the system any the core
   * knows; an operator one he holds or collaborates on, or served and is over.
   */
  private LiveSession annotatable(SessionId id, Actor by, String what) {
    LiveSession s = known(id);
    if (by.kind() == Actor.Kind.CLIENT) {
      throw new NotPermittedException(by, what + " sessions");
    }
    if (by.kind() == Actor.Kind.OPERATOR && !serves(s, by)) {
      throw new NotPermittedException(by, what + " session " + s.id + ": he neither serves nor served it");
    }
    if (by.kind() == Actor.Kind.OPERATOR && (s.state.waiting() || s.state == SessionState.CHATBOT)) {
      throw new NotPermittedException(by, what + " session " + s.id + " while it is " + s.state);
    }
    if (by.kind() == Actor.Kind.BOT && !hasIt(s, by.id())) {
      throw new NotPermittedException(by, what + " session " + s.id + ": only the chatbot that has it may");
    }
    return s;
  }

  /** Whether the operator acting holds the session (or last held it) or collaborates on it. */
  private static boolean serves(LiveSession s, Actor by) {
    if (s.operator != null && s.operator.id.value().equals(by.id())) {
      return true;
    }
    for (OperatorState op : s.collaborators) {
      if (op.id.value().equals(by.id())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Chatbots: a group's first responder has the session until it hands it off, ends it, or fails

  /** Gives a session that has just arrived, and belongs to its group, to the group's chatbot. */
  private void toChatbot(LiveSession s, ChatbotSpec bot, Actor by) {
    s.state = SessionState.CHATBOT;
    s.chatbot = bot.id();
    setDeadline(s, Deadline.CHATBOT_REPLY, nowNanos + bot.replyTimeout().toNanos()); // the opening is a turn
    emit(new Event.SessionToChatbot(tenant, now, by, s.id, s.entry, s.group.id, bot.id(), s.priority, s.reopens));
  }

  /** Whether the session is with the chatbot of that id. */
  private static boolean hasIt(LiveSession s, String chatbot) {
    return s.state == SessionState.CHATBOT && s.chatbot.value().equals(chatbot);
  }

  /** A live session that {@code chatbot} has, or the refusal of {@code what} the bot attempted. */
  private LiveSession withChatbot(SessionId id, ChatbotId chatbot, String what) {
    LiveSession s = live(id);
    if (s.state != SessionState.CHATBOT) {
      throw new IllegalTransitionException(s.id, s.state, what + " it: no chatbot has it now");
    }
    if (!s.chatbot.equals(chatbot)) {
      throw new NotPermittedException(Actor.bot(chatbot), what + " session " + s.id + ": chatbot " + s.chatbot + " has it");
    }
    return s;
  }

  private void chatbotHandOff(Command.ChatbotHandOff c) {
    LiveSession s = withChatbot(c.session(), c.chatbot(), "hand off");
    GroupState to = group(c.group());
    Actor bot = Actor.bot(c.chatbot());
    c.parameters().forEach((name, value) -> emit(new Event.ParameterSet(tenant, now, bot, s.id, s.state, name, value, List.of())));
    leaveChatbot(s);
    joinGroup(s, to);
    queueFromChatbot(s, bot, RequeueReason.HANDED_OFF, c.note());
  }

  private void chatbotEnd(Command.ChatbotEnd c) {
    LiveSession s = withChatbot(c.session(), c.chatbot(), "end");
    clearDeadline(s);
    s.state = SessionState.ENDED;
    emit(new Event.SessionEndedByChatbot(tenant, now, Actor.bot(c.chatbot()), s.id, c.chatbot()));
    terminate(s);
  }

  /** The chatbot timed out or failed: the session waits in its own group, the note says why. */
  private void fallBack(LiveSession s, RequeueReason reason, String note) {
    leaveChatbot(s);
    queueFromChatbot(s, Actor.SYSTEM, reason, note);
  }

  /** Takes the session from its chatbot: no turn is timed, and it queues behind those already waiting. */
  private void leaveChatbot(LiveSession s) {
    clearDeadline(s);
    s.arrivalSeq = arrivals++;
  }

  private void queueFromChatbot(LiveSession s, Actor by, RequeueReason reason, @Nullable String note) {
    s.target = null;
    if (note != null) {
      s.notes = LiveSession.adding(s.notes);
      s.notes.add(new SessionView.Note(now, by, note));
    }
    s.enteredQueueAt = now;
    requeue(s, by, reason, null, note);
  }

  // ---------------------------------------------------------------------------------------------
  // Blacklist and invitations

  private void block(Command.Block c) {
    if (c.by().kind() == Actor.Kind.OPERATOR && !settings.operatorsMayBlock()) {
      throw new NotPermittedException(c.by(), "block clients: the tenant does not let operators block");
    }
    if (c.by().kind() == Actor.Kind.CLIENT) {
      throw new NotPermittedException(c.by(), "block clients");
    }
    blacklist.put(c.client(), c.reason());
    emit(new Event.ClientBlocked(tenant, now, c.by(), c.client(), c.reason()));
  }

  private void blockClientOf(Command.BlockClientOf c) {
    LiveSession s = live(c.session());
    Actor by = Actor.operator(c.by());
    operator(c.by());
    if (!settings.operatorsMayBlock()) {
      throw new NotPermittedException(by, "block clients: the tenant does not let operators block");
    }
    if (s.state != SessionState.ACTIVE || !s.operator.id.equals(c.by())) {
      throw new NotPermittedException(by, "block the client of session " + s.id + ": only its serving operator may, while active");
    }
    ClientRef client = s.entry.client().orElseThrow(() ->
        new IllegalArgumentException("session " + s.id + " has no client identity to block (an anonymous web visitor)"));
    blacklist.put(client, c.reason());
    emit(new Event.ClientBlocked(tenant, now, by, client, c.reason()));
    endActive(s, by, EndReason.CLIENT_BLOCKED);
  }

  private void banClient(Command.BanClient c) {
    if (c.by().kind() != Actor.Kind.ADMIN && c.by().kind() != Actor.Kind.SYSTEM) {
      throw new NotPermittedException(c.by(), "ban the client of session " + c.session()
          + ": only an administrator may (an operator blocks the client of his own session)");
    }
    LiveSession s = known(c.session());
    ClientRef client = s.entry.client().orElseThrow(() ->
        new IllegalArgumentException("session " + s.id + " has no client identity to ban (an anonymous web visitor)"));
    blacklist.put(client, c.reason());
    emit(new Event.ClientBlocked(tenant, now, c.by(), client, c.reason()));
    if (s.state == SessionState.ACTIVE) {
      endActive(s, c.by(), EndReason.CLIENT_BLOCKED);
    } else if (s.state == SessionState.QUEUED || s.state == SessionState.OFFERED || s.state == SessionState.CHATBOT) {
      abandonSession(s, c.by(), Event.AbandonReason.CLIENT_BLOCKED);
    }
  }

  private void unblock(Command.Unblock c) {
    if (blacklist.remove(c.client()) != null) {
      emit(new Event.ClientUnblocked(tenant, now, c.by(), c.client()));
    }
  }

  private void createInvitation(Command.CreateInvitation c) {
    OperatorState op = operator(c.operator());
    String code = null;
    for (int i = 0; i < MAX_CODE_ATTEMPTS && code == null; i++) {
      String candidate = String.format("%06d", random.nextInt(1_000_000));
      if (!invitations.containsKey(candidate)) {
        code = candidate;
      }
    }
    if (code == null) {
      throw new ParleyException("no free invitation code found; invalidate unused invitations");
    }
    Duration validity = c.validity() == null ? settings.invitationValidity() : c.validity();
    Instant expiresAt = now.plus(validity);
    Invitation inv = new Invitation(code, op, c.reusable(), expiresAt, nowNanos + validity.toNanos());
    invitations.put(code, inv);
    expiries.add(inv);
    emit(new Event.InvitationCreated(tenant, now, Actor.operator(op.id), code, op.id, c.reusable(), expiresAt));
  }

  private void invalidateInvitation(Command.InvalidateInvitation c) {
    endInvitation(validInvitation(c.code()), c.by(), InvitationEndReason.INVALIDATED);
  }

  private Invitation validInvitation(String code) {
    Invitation inv = invitations.get(code);
    if (inv == null || !inv.valid) {
      throw new InvitationNotValidException(code, "no such invitation, or it was used, expired or invalidated");
    }
    return inv;
  }

  private void endInvitation(Invitation inv, Actor actor, InvitationEndReason reason) {
    inv.valid = false;
    invitations.remove(inv.code);
    emit(new Event.InvitationEnded(tenant, now, actor, inv.code, reason));
  }

  private @Nullable Invitation nextExpiry() {
    while (!expiries.isEmpty() && !expiries.peek().valid) {
      expiries.poll();
    }
    return expiries.peek();
  }

  private void expire(Invitation inv) {
    expiries.poll();
    endInvitation(inv, Actor.SYSTEM, InvitationEndReason.EXPIRED);
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  /**
   * Puts a session that is in no queue and held by nobody in line, and offers it to whoever can
   * take it now. When nobody waits ahead of it and a candidate has room, it is offered at once
   * without a trip through the queue: the same outcome, two heap operations fewer.
   */
  private void waitOrOffer(LiveSession s) {
    if (s.target == null && s.group.strategy() != RoutingStrategy.WHOLE_GROUP) {
      WaitQueue q = s.group.queues[s.channel];
      MemberBuckets h = s.group.candidates[s.channel];
      if (q.isEmpty() && !h.isEmpty()) {
        int m = pick(s, h);
        offer(s, index.operatorOf(m), m, h.size());
        return;
      }
    }
    enqueue(s);
    route(s);
  }

  /** Offers {@code s}, which waits in its queue, to whoever can take it now. */
  private void route(LiveSession s) {
    if (s.target != null) {
      if (s.target.eligible(s.channel)) {
        serve(s.target);
      }
    } else if (s.group.strategy() == RoutingStrategy.WHOLE_GROUP) {
      offerToGroup(s);
    } else {
      drain(s.group, s.channel);
    }
  }

  /** Pairs the group's waiting sessions of a channel with its candidates until one side runs out. */
  private void drain(GroupState g, int channel) {
    WaitQueue q = g.queues[channel];
    MemberBuckets h = g.candidates[channel];
    while (!q.isEmpty() && !h.isEmpty()) {
      LiveSession s = q.peek();
      int m = pick(s, h);
      offer(s, index.operatorOf(m), m, h.size());
    }
  }

  /**
   * The best candidate for {@code s}, passing over those who declined it or let it time out unless
   * nobody else can take it.
   */
  private int pick(LiveSession s, MemberBuckets h) {
    if (s.passedBy.isEmpty()) {
      return h.first();
    }
    for (OperatorState op : s.passedBy) {
      for (Member m : op.members) {
        if (m.group == s.group && m.channel == s.channel && index.isCandidate(m)) {
          index.setAside(m.number);
          setAside.add(m);
        }
      }
    }
    int best = h.first();
    for (Member m : setAside) {
      index.putBack(m.number);
    }
    setAside.clear();
    if (best == CandidateIndex.NONE) {
      s.passedBy.clear();
      best = h.first();
    }
    return best;
  }

  /** Offers a whole-group session to each candidate who has no offer of it yet. */
  private void offerToGroup(LiveSession s) {
    MemberBuckets h = s.group.candidates[s.channel];
    List<OperatorState> fresh = new ArrayList<>();
    for (int pass = 0; pass < 2 && fresh.isEmpty() && s.offeredTo.isEmpty(); pass++) {
      for (int m = h.first(); m != CandidateIndex.NONE; m = h.after(m)) {
        OperatorState op = index.operatorOf(m);
        if (!s.offeredTo.contains(op) && !s.passedBy.contains(op)) {
          fresh.add(op);
        }
      }
      if (fresh.isEmpty()) {
        s.passedBy.clear(); // everybody passed: ask them all again
      }
    }
    addGroupOffers(s, fresh);
  }

  private void addGroupOffers(LiveSession s, List<OperatorState> fresh) {
    if (fresh.isEmpty()) {
      return;
    }
    fresh.sort(Comparator.comparingInt(op -> op.ordinal));
    List<OperatorId> ids = new ArrayList<>(fresh.size());
    for (OperatorState op : fresh) {
      s.offeredTo = LiveSession.adding(s.offeredTo);
      s.offeredTo.add(op);
      op.groupOffers.add(s);
      ids.add(op.id);
    }
    if (s.state == SessionState.QUEUED) {
      s.state = SessionState.OFFERED;
      s.offeredAt = now;
    }
    touch(s.queue());
    emit(new Event.SessionOffered(tenant, now, Actor.SYSTEM, s.id, s.group.id, ids, s.view(0)));
  }

  /** Offers waiting sessions to {@code op}, who may have room for them, until he has none. */
  private void serve(OperatorState op) {
    while (op.eligibleMask() != 0) {
      LiveSession best = null;
      for (int c = 0; c < CHANNELS.length; c++) {
        WaitQueue q = op.direct[c];
        if ((op.eligibleMask() & (1 << c)) != 0 && q != null && !q.isEmpty()
            && (best == null || WaitQueue.order(q.peek(), best) < 0)) {
          best = q.peek();
        }
      }
      if (best != null) {
        offer(best, op, CandidateIndex.NONE, 1);
        continue;
      }
      for (Member m : op.members) {
        if ((op.eligibleMask() & (1 << m.channel)) == 0 || m.group.strategy() == RoutingStrategy.WHOLE_GROUP) {
          continue;
        }
        WaitQueue q = m.group.queues[m.channel];
        if (!q.isEmpty() && (best == null || before(q.peek(), best))) {
          best = q.peek();
        }
      }
      if (best == null) {
        break;
      }
      drain(best.group, best.channel);
    }
    for (Member m : op.members) {
      if ((op.eligibleMask() & (1 << m.channel)) != 0 && m.group.strategy() == RoutingStrategy.WHOLE_GROUP) {
        WaitQueue q = m.group.queues[m.channel];
        for (int i = 0; i < q.size(); i++) {
          LiveSession s = q.get(i);
          if (s.state == SessionState.QUEUED) {
            offerToGroup(s);
          } else if (!s.offeredTo.contains(op) && !s.passedBy.contains(op)) {
            addGroupOffers(s, new ArrayList<>(List.of(op)));
          }
        }
      }
    }
  }

  /** Across groups: the higher group priority first, then the queue order. */
  private static boolean before(LiveSession a, LiveSession b) {
    int byGroup = Integer.compare(b.group.spec().priority(), a.group.spec().priority());
    return byGroup != 0 ? byGroup < 0 : WaitQueue.order(a, b) < 0;
  }

  /**
   * Offers a waiting session (or one about to wait) to one operator, who has room for it: as the
   * group's candidate numbered {@code m}, or {@link CandidateIndex#NONE} when it waits for him alone.
   */
  private void offer(LiveSession s, OperatorState op, int m, int candidates) {
    if (s.queueIndex >= 0) {
      dequeue(s);
    } else {
      clearDeadline(s);
    }
    s.state = SessionState.OFFERED;
    s.offeredAt = now;
    s.offerCandidates = candidates;
    s.offerLoad = op.load(s.channel);
    s.offerCapacity = op.capacity(s.channel);
    s.offerIdleSince = op.changedAt(s.channel);
    if (m != CandidateIndex.NONE) {
      GroupState g = s.group;
      long turn = ++g.offers;
      if (g.strategy() == RoutingStrategy.ROUND_ROBIN) {
        // The turn is the operator's in the group, whatever the channel: re-key all his places in it.
        for (Member x : op.members) {
          if (x.group == g) {
            index.lastOffer(x.number, turn);
          }
        }
      } else {
        index.lastOffer(m, turn);
      }
      s.offerTurn = turn;
    } else {
      s.offerTurn = 0;
    }
    hold(s, op);
    GroupState g = s.group;
    Duration timeout = g == null ? Duration.ZERO : g.spec().offerTimeout();
    if (!timeout.isZero()) {
      setDeadline(s, Deadline.OFFER, nowNanos + timeout.toNanos());
    }
    emit(new Event.SessionOffered(tenant, now, Actor.SYSTEM, s.id, g == null ? null : g.id, op.idAsList, s.view(0)));
    if (g != null && s.target == null && g.spec().autoAccept()) {
      activate(s, Actor.SYSTEM);
    }
  }

  private void settle() {
    OperatorState op;
    while ((op = dirty.poll()) != null) {
      op.dirty = false;
      serve(op);
    }
    for (int i = 0; i < touchedQueues.size(); i++) { // no iterator: after every command
      WaitQueue q = touchedQueues.get(i);
      q.touched = false;
      emit(new Event.QueueChanged(tenant, now, Actor.SYSTEM, q.group == null ? null : q.group.id,
          q.operator == null ? null : q.operator.id, CHANNELS[q.channel], q.size(),
          q.group != null ? q.group.watchers(q.channel) : q.operator.idAsList));
    }
    touchedQueues.clear();
  }

  /** Marks a queue changed by the command under way. */
  private void touch(WaitQueue q) {
    if (!q.touched) {
      q.touched = true;
      touchedQueues.add(q);
    }
  }

  private void markDirty(OperatorState op) {
    if (!op.dirty) {
      op.dirty = true;
      dirty.add(op);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Load and eligibility

  private void hold(LiveSession s, OperatorState op) {
    s.operator = op;
    op.hold(s);
    changeLoad(op, s.channel, +1);
  }

  private void release(LiveSession s) {
    OperatorState op = s.operator;
    op.release(s);
    s.operator = null;
    changeLoad(op, s.channel, -1);
  }

  private void changeLoad(OperatorState op, int c, int delta) {
    if (index.changeLoad(op.number, c, delta, nowNanos)) {
      markDirty(op);
    }
  }

  /** Marks the operator's channel changed now: the "idle since" key. */
  private void touch(OperatorState op, int c) {
    index.touch(op.number, c, nowNanos);
  }

  private void touchAll(OperatorState op) {
    index.touchAll(op.number, nowNanos);
  }

  private void refreshAll(OperatorState op) {
    if (index.refreshAll(op.number)) {
      markDirty(op);
    }
  }

  /** Makes the operator's members for channel {@code c} candidates exactly when he is eligible, re-keyed. */
  private void refreshChannel(OperatorState op, int c) {
    if (index.refreshChannel(op.number, c)) {
      markDirty(op);
    }
  }

  /** Adds or takes away the operator's share of his groups' online / busy / away counts. */
  private static void count(OperatorState op, int sign) {
    int online = op.statusOnline() ? sign : 0;
    int away = op.status().presence() == Presence.AWAY ? sign : 0;
    int busy = op.statusOnline() && op.totalLoad() > 0 ? sign : 0;
    for (GroupState g : op.groups) {
      g.online += online;
      g.away += away;
      g.busy += busy;
      for (int c = 0; c < CHANNELS.length; c++) {
        if (op.capacity(c) > 0) {
          g.onlineFor[c] += online;
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queues and deadlines

  private void enqueue(LiveSession s) {
    WaitQueue q = s.queue();
    q.add(s);
    touch(q);
    if (s.target != null) {
      s.target.directWaiting++;
      clearDeadline(s);
    } else {
      s.group.waiting++;
      armEscalation(s);
    }
  }

  private void dequeue(LiveSession s) {
    WaitQueue q = s.queue();
    q.remove(s);
    touch(q);
    if (s.target != null) {
      s.target.directWaiting--;
    } else {
      s.group.waiting--;
    }
    clearDeadline(s);
  }

  private void joinGroup(LiveSession s, GroupState g) {
    if (s.group != null) {
      s.group.live--;
    }
    s.group = g;
    g.live++;
  }

  private void armEscalation(LiveSession s) {
    Optional<Duration> after = s.group.spec().escalateAfter();
    if (after.isPresent()) {
      setDeadline(s, Deadline.ESCALATION, nanos(s.enteredQueueAt) + after.get().toNanos());
    } else {
      clearDeadline(s);
    }
  }

  private void terminate(LiveSession s) {
    if (s.group != null) {
      s.group.live--;
    }
    clientsGone.set(s, false);
    s.passedBy.clear();
    Duration retention = settings.endedRetention();
    if (retention.isZero()) {
      clearDeadline(s);
      forget(s);
    } else {
      setDeadline(s, Deadline.RETENTION, nowNanos + retention.toNanos());
    }
  }

  private void forget(LiveSession s) {
    sessions.remove(s.id);
    ClientRef client = s.entry.client().orElse(null);
    if (client != null) {
      byClient.remove(client, s);
    }
  }

  private void setDeadline(LiveSession s, Deadline kind, long at) {
    s.deadlineKind = kind;
    s.deadline = at;
    deadlines.set(s, true);
  }

  /** A session is in the deadline heap exactly while its deadline kind is not NONE. */
  private void clearDeadline(LiveSession s) {
    if (s.deadlineKind != Deadline.NONE) {
      s.deadlineKind = Deadline.NONE;
      deadlines.remove(s);
    }
  }

  private void fire(LiveSession s) {
    Deadline kind = s.deadlineKind;
    clearDeadline(s);
    switch (kind) {
      case OFFER:
        endOffer(s, OfferEndReason.TIMED_OUT, Actor.SYSTEM);
        break;
      case ESCALATION:
        escalate(s);
        break;
      case WRAP_UP:
        finishWrapUp(s, Actor.SYSTEM, null, null);
        break;
      case RETENTION:
        forget(s);
        break;
      case CHATBOT_REPLY:
        fallBack(s, RequeueReason.CHATBOT_TIMED_OUT,
            "chatbot " + s.chatbot + " did not answer within " + chatbots.get(s.chatbot).replyTimeout());
        break;
      case UNANSWERED:
        if (s.group.spec().reassignUnanswered().isPresent()) { // the group may have stopped timing replies since
          Instant since = s.unansweredSince.isAfter(s.acceptedAt) ? s.unansweredSince : s.acceptedAt;
          reroute(s, RequeueReason.UNANSWERED, "back in the queue: the client waited " + Duration.between(since, now)
              + " for a reply from operator " + s.operator.id);
        }
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Look-ups

  // The routing benchmark's decision-only implementation (benchmarks module, same package) runs
  // the core's own candidate index on the core's own state through these four; nothing else uses them.

  /** The index this core makes its decisions and load changes with. */
  CandidateIndex candidateIndex() {
    return index;
  }

  /** The instant of the last command or advance, in the nanoseconds the index keys "idle since" with. */
  long nowNanos() {
    return nowNanos;
  }

  /** The group's state; throws as a command naming it would. */
  GroupState groupState(GroupId id) {
    return group(id);
  }

  /** The operator's state; throws as a command naming him would. */
  OperatorState operatorState(OperatorId id) {
    return operator(id);
  }

  private GroupState group(GroupId id) {
    GroupState g = groups.get(requireNonNull(id, "group"));
    if (g == null) {
      throw new NoSuchGroupException(id);
    }
    return g;
  }

  private ChatbotSpec chatbot(ChatbotId id) {
    ChatbotSpec bot = chatbots.get(requireNonNull(id, "chatbot"));
    if (bot == null) {
      throw new NoSuchChatbotException(id);
    }
    return bot;
  }

  private OperatorState operator(OperatorId id) {
    OperatorState op = operators.get(requireNonNull(id, "operator"));
    if (op == null) {
      throw new NoSuchOperatorException(id);
    }
    return op;
  }

  /** A session the core knows, live or ended within the retention. */
  private LiveSession known(SessionId id) {
    LiveSession s = sessions.get(requireNonNull(id, "session"));
    if (s == null) {
      throw new NoSuchSessionException(id);
    }
    return s;
  }

  /** A live session; an ended one is refused as an illegal transition. */
  private LiveSession live(SessionId id) {
    LiveSession s = known(id);
    if (s.state.terminal()) {
      throw new IllegalTransitionException(s.id, s.state, "change it: the session is over");
    }
    return s;
  }

  private static boolean memberOf(OperatorState op, GroupState g) {
    return op.groups.contains(g);
  }

  private void emit(Event e) {
    out.add(e);
  }

  private void setNow(Instant instant, long nanos) {
    now = instant;
    nowNanos = nanos;
  }

  private static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("instant out of range (years 1678 to 2261): " + t, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** A live or recently ended session. */
  public Optional<SessionView> session(SessionId id) {
    LiveSession s = sessions.get(requireNonNull(id, "session"));
    return s == null ? Optional.empty() : Optional.of(s.view(s.queueIndex < 0 ? 0 : s.queue().position(s)));
  }

  /**
   * The id of the session {@code command} would start now, if it would start one under an id this
   * core does not know: an {@link Command.Arrive arrival} (by invitation too), a {@link
   * Command.Reopen reopening}, or a {@link Command.ClientMessage client's message} when he has no
   * session in progress.
   *
   * <p>The core refuses an id it knows with a {@link DuplicateException}. It cannot refuse one it
   * no longer knows, though storage may still hold a session under it: one closed longer ago than
   * the tenant's {@linkplain TenantSettings#endedRetention() retention}, one refused at the door,
   * one that ended before a restart. The runtime shell looks such ids up in storage before it
   * applies the command, and refuses them with the same exception.
   */
  public Optional<SessionId> startsUnknownSession(Command command) {
    requireNonNull(command, "command");
    SessionId id;
    if (command instanceof Command.Arrive) {
      id = ((Command.Arrive) command).session();
    } else if (command instanceof Command.Reopen) {
      id = ((Command.Reopen) command).session();
    } else if (command instanceof Command.Outreach o) {
      id = o.session();
    } else if (command instanceof Command.ClientMessage) {
      Command.ClientMessage c = (Command.ClientMessage) command;
      id = inProgress(byClient.get(c.entry().client().orElseThrow())) ? null : c.session();
    } else {
      id = null;
    }
    return id == null || sessions.containsKey(id) ? Optional.empty() : Optional.of(id);
  }

  /** The 1-based place of a waiting session in its queue; empty when it does not wait. */
  public OptionalInt queuePosition(SessionId id) {
    LiveSession s = sessions.get(requireNonNull(id, "session"));
    return s == null || s.queueIndex < 0 ? OptionalInt.empty() : OptionalInt.of(s.queue().position(s));
  }

  /** The ids of all live sessions, in arrival order. */
  public List<SessionId> liveSessions() {
    List<LiveSession> live = new ArrayList<>();
    for (LiveSession s : sessions.values()) {
      if (!s.state.terminal()) {
        live.add(s);
      }
    }
    live.sort(Comparator.comparingLong(s -> s.arrivalSeq));
    List<SessionId> ids = new ArrayList<>(live.size());
    for (LiveSession s : live) {
      ids.add(s.id);
    }
    return ids;
  }

  /**
   * What an operator sees in his waiting list: sessions waiting for him alone, then those waiting
   * in his groups on channels assigned to him, each queue in its order.
   */
  public List<SessionView> waitingFor(OperatorId operatorId) {
    OperatorState op = operator(operatorId);
    List<SessionView> views = new ArrayList<>();
    for (WaitQueue q : op.direct) {
      addInOrder(q, views, null);
    }
    for (Member m : op.members) {
      addInOrder(m.group.queues[m.channel], views, null);
    }
    return views;
  }

  /**
   * An immutable copy of the tenant's routing state for readers on other threads.
   *
   * @param version the caller's label for this state, e.g. the number of commands applied
   */
  public TenantSnapshot snapshot(long version) {
    Map<SessionId, SessionView> views = new HashMap<>();
    Map<GroupId, List<SessionView>> inGroups = new HashMap<>();
    for (GroupState g : groups.values()) {
      List<SessionView> waiting = new ArrayList<>();
      for (WaitQueue q : g.queues) {
        addInOrder(q, waiting, views);
      }
      if (!waiting.isEmpty()) {
        inGroups.put(g.id, waiting);
      }
    }
    Map<OperatorId, List<SessionView>> direct = new HashMap<>();
    Map<OperatorId, TenantSnapshot.OperatorInfo> infos = new HashMap<>();
    for (OperatorState op : operators.values()) {
      List<SessionView> waiting = new ArrayList<>();
      for (WaitQueue q : op.direct) {
        addInOrder(q, waiting, views);
      }
      if (!waiting.isEmpty()) {
        direct.put(op.id, waiting);
      }
      List<GroupId> groupIds = new ArrayList<>(op.groups.size());
      for (GroupState g : op.groups) {
        groupIds.add(g.id);
      }
      Set<Channel> off = null; // made only for an operator with a switch off
      for (Channel ch : op.spec.capacities().keySet()) {
        if (!op.switchedOn(ch.ordinal())) {
          if (off == null) {
            off = EnumSet.noneOf(Channel.class);
          }
          off.add(ch);
        }
      }
      infos.put(op.id, new TenantSnapshot.OperatorInfo(op.status(), groupIds, op.spec.capacities().keySet(), op.spec,
          off == null ? Set.of() : Collections.unmodifiableSet(off)));
    }
    for (LiveSession s : sessions.values()) {
      if (!s.state.terminal() && !views.containsKey(s.id)) {
        views.put(s.id, s.view(0));
      }
    }
    return new TenantSnapshot(version, now, views, inGroups, direct, infos, redirectPicker(), chatbots, groupSpecs, settings);
  }

  /** Adds the queue's sessions in queue order, and records each view by id when {@code byId} is given. */
  private static void addInOrder(@Nullable WaitQueue q, List<SessionView> views, @Nullable Map<SessionId, SessionView> byId) {
    if (q == null) {
      return;
    }
    List<LiveSession> sorted = q.inOrder();
    for (int i = 0; i < sorted.size(); i++) {
      SessionView v = sorted.get(i).view(i + 1);
      views.add(v);
      if (byId != null) {
        byId.put(v.id(), v);
      }
    }
  }


  /** The redirect picker: each group with at least one logged-in operator, with its counts. */
  public List<GroupCounts> redirectPicker() {
    List<GroupCounts> rows = new ArrayList<>();
    for (GroupState g : groups.values()) {
      if (g.online + g.away == 0) {
        continue;
      }
      List<GroupCounts.OperatorRow> ops = new ArrayList<>();
      OperatorState last = null;
      for (Member m : g.members) {
        OperatorState op = m.operator;
        if (op != last && op.loggedIn()) {
          ops.add(new GroupCounts.OperatorRow(op.id, op.status(), op.totalLoad(), op.directWaiting));
        }
        last = op;
      }
      rows.add(new GroupCounts(g.id, g.online, g.busy, g.away, g.waiting, ops));
    }
    return rows;
  }

  /** Live counts of one group. */
  public GroupCounts counts(GroupId id) {
    GroupState g = group(id);
    return new GroupCounts(g.id, g.online, g.busy, g.away, g.waiting, List.of());
  }

  /** An operator's status, or empty when there is no such operator. */
  public Optional<OperatorStatus> status(OperatorId id) {
    OperatorState op = operators.get(requireNonNull(id, "operator"));
    return op == null ? Optional.empty() : Optional.of(op.status());
  }

  /**
   * Why a session went where it went, and who could take it now.
   *
   * @throws NoSuchSessionException when the core does not know the session
   */
  public Explanation explain(SessionId id) {
    return Explainer.explain(known(id), operators.values(), settings.rules(), index);
  }


}
