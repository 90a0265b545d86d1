package dev.parley.core.routing;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One tenant's routing state at one instant, for readers on any thread: the live sessions with
 * their queue positions, what each operator sees in his waiting list, and the redirect picker. It
 * is built by the writer between commands and never changes; the engine hands out the latest one
 * without stopping the writer.
 *
 * <p>Thread safety: immutable.
 */
public final class TenantSnapshot {
  private final long version;
  private final Instant at;
  private final Map<SessionId, SessionView> sessions;
  private final Map<GroupId, List<SessionView>> waitingInGroups;
  private final Map<OperatorId, List<SessionView>> waitingForOperators;
  private final Map<OperatorId, OperatorInfo> operators;
  private final List<GroupCounts> picker;
  private final Map<ChatbotId, ChatbotSpec> chatbots;
  private final Map<GroupId, GroupSpec> groups;
  private final TenantSettings settings;

  /** What the snapshot knows of an operator: his status, groups, channels, spec and the channels he switched off. */
  record OperatorInfo(OperatorStatus status, List<GroupId> groups, Set<Channel> channels, OperatorSpec spec,
      Set<Channel> switchedOff) {}

  TenantSnapshot(long version, Instant at, Map<SessionId, SessionView> sessions,
      Map<GroupId, List<SessionView>> waitingInGroups, Map<OperatorId, List<SessionView>> waitingForOperators,
      Map<OperatorId, OperatorInfo> operators, List<GroupCounts> picker, Map<ChatbotId, ChatbotSpec> chatbots,
      Map<GroupId, GroupSpec> groups, TenantSettings settings) {
    this.version = version;
    this.at = at;
    // Insertion order, not Map.copyOf's per-JVM order: a replay reads the sessions in the same order.
    this.sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
    this.waitingInGroups = Map.copyOf(waitingInGroups);
    this.waitingForOperators = Map.copyOf(waitingForOperators);
    this.operators = Map.copyOf(operators);
    this.picker = List.copyOf(picker);
    this.chatbots = chatbots; // the core's own immutable copy, replaced on every change
    this.groups = groups; // likewise
    this.settings = settings;
  }

  /** The tenant's settings as they were applied last. */
  public TenantSettings settings() {
    return settings;
  }

  /** The writer's count of applied commands when the snapshot was taken; grows over time. */
  public long version() {
    return version;
  }

  /** The engine's instant when the snapshot was taken. */
  public Instant at() {
    return at;
  }

  /** A live session. */
  public Optional<SessionView> session(SessionId id) {
    return Optional.ofNullable(sessions.get(requireNonNull(id, "session")));
  }

  /** Every live session. */
  public List<SessionView> sessions() {
    return List.copyOf(sessions.values());
  }

  /** The 1-based place of a waiting session in its queue; empty when it does not wait. */
  public OptionalInt queuePosition(SessionId id) {
    SessionView v = sessions.get(requireNonNull(id, "session"));
    return v == null || v.position() == 0 ? OptionalInt.empty() : OptionalInt.of(v.position());
  }

  /** An operator's status; empty for an unknown operator. */
  public Optional<OperatorStatus> status(OperatorId id) {
    OperatorInfo info = operators.get(requireNonNull(id, "operator"));
    return info == null ? Optional.empty() : Optional.of(info.status());
  }

  /**
   * An operator's waiting list with preview data: sessions waiting for him alone, then those
   * waiting in his groups on channels assigned to him, each queue in its order.
   */
  public List<SessionView> waitingFor(OperatorId id) {
    OperatorInfo info = operators.get(requireNonNull(id, "operator"));
    if (info == null) {
      return List.of();
    }
    List<SessionView> list = new ArrayList<>(waitingForOperators.getOrDefault(id, List.of()));
    for (GroupId g : info.groups()) {
      for (SessionView v : waitingInGroups.getOrDefault(g, List.of())) {
        if (info.channels().contains(v.entry().channel())) {
          list.add(v);
        }
      }
    }
    return list;
  }

  /** The redirect picker: each group with at least one logged-in operator, with its counts. */
  public List<GroupCounts> redirectPicker() {
    return picker;
  }

  /** The tenant's groups as they were defined last, by id. */
  public Map<GroupId, GroupSpec> groups() {
    return groups;
  }

  /** The tenant's operators as they were defined last, ordered by id. */
  public List<OperatorSpec> operators() {
    List<OperatorSpec> specs = new ArrayList<>(operators.size());
    operators.values().forEach(info -> specs.add(info.spec()));
    specs.sort(Comparator.comparing(spec -> spec.id().value()));
    return specs;
  }

  /** An operator as he was defined last; empty for an unknown one. */
  public Optional<OperatorSpec> operator(OperatorId id) {
    OperatorInfo info = operators.get(requireNonNull(id, "operator"));
    return info == null ? Optional.empty() : Optional.of(info.spec());
  }

  /**
   * The channels assigned to an operator that are switched off (by him, or by an administrator
   * when the tenant locks switches); empty for an unknown operator or one with all switched on.
   */
  public Set<Channel> switchedOff(OperatorId id) {
    OperatorInfo info = operators.get(requireNonNull(id, "operator"));
    return info == null ? Set.of() : info.switchedOff();
  }

  /** The tenant's chatbots, by id. */
  public Map<ChatbotId, ChatbotSpec> chatbots() {
    return chatbots;
  }

  /** A chatbot the tenant defined; empty for an unknown one. */
  public Optional<ChatbotSpec> chatbot(ChatbotId id) {
    return Optional.ofNullable(chatbots.get(requireNonNull(id, "chatbot")));
  }
}
