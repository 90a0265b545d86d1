package dev.parley.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A group's routing settings.
 *
 * <pre>{@code
 * GroupSpec sales = GroupSpec.builder(GroupId.of("sales"))
 *     .strategy(RoutingStrategy.BY_UTILIZATION)
 *     .offerTimeout(Duration.ofSeconds(20))
 *     .wrapUpLimit(Duration.ofMinutes(2))
 *     .maxQueueLength(200)
 *     .escalateAfter(Duration.ofMinutes(5), GroupId.of("support"))
 *     .chatbot(ChatbotId.of("faq"))    // the bot talks to each new client first
 *     .reassignUnanswered(Duration.ofMinutes(3)) // a client left without a reply goes to another
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class GroupSpec {
  private final GroupId id;
  private final RoutingStrategy strategy;
  private final Duration offerTimeout;
  private final boolean autoAccept;
  private final Duration wrapUpLimit;
  private final int maxQueueLength;
  private final @Nullable Duration escalateAfter;
  private final @Nullable GroupId escalateTo;
  private final int priority;
  private final @Nullable ChatbotId chatbot;
  private final @Nullable Duration clientGrace;
  private final @Nullable Duration reassignUnanswered;

  private GroupSpec(Builder b) {
    id = b.id;
    strategy = b.strategy;
    offerTimeout = b.offerTimeout;
    autoAccept = b.autoAccept;
    wrapUpLimit = b.wrapUpLimit;
    maxQueueLength = b.maxQueueLength;
    escalateAfter = b.escalateAfter;
    escalateTo = b.escalateTo;
    priority = b.priority;
    chatbot = b.chatbot;
    clientGrace = b.clientGrace;
    reassignUnanswered = b.reassignUnanswered;
  }

  /** Starts a group with the defaults: by utilization, 30 s offers, 2 min wrap-up, no limits. */
  public static Builder builder(GroupId id) {
    return new Builder(id);
  }

  /** The group's id. */
  public GroupId id() {
    return id;
  }

  /** How the group picks operators. */
  public RoutingStrategy strategy() {
    return strategy;
  }

  /** How long one operator has to accept before the offer moves on; zero: no limit. */
  public Duration offerTimeout() {
    return offerTimeout;
  }

  /** Whether an offer is accepted on the operator's behalf the moment it is made. */
  public boolean autoAccept() {
    return autoAccept;
  }

  /** The after-call-work limit; zero: a session ends without wrap-up. */
  public Duration wrapUpLimit() {
    return wrapUpLimit;
  }

  /** The most sessions that may wait in the group at once; beyond, arrivals are refused. */
  public int maxQueueLength() {
    return maxQueueLength;
  }

  /** How long a client waits here before moving to {@link #escalateTo()}. */
  public Optional<Duration> escalateAfter() {
    return Optional.ofNullable(escalateAfter);
  }

  /** The group that clients waiting too long move to. */
  public Optional<GroupId> escalateTo() {
    return Optional.ofNullable(escalateTo);
  }

  /**
   * The group's priority: an operator in several groups who frees up takes the waiting client of
   * the highest-priority group first.
   */
  public int priority() {
    return priority;
  }

  /**
   * The group's first responder: each client arriving for the group talks with this chatbot
   * before he waits for an operator, until the bot hands him to a group, ends the session, or
   * fails to answer in time (then he waits in this group). Redirects, escalations and hand-offs
   * into the group go to its operators, never to its bot.
   */
  public Optional<ChatbotId> chatbot() {
    return Optional.ofNullable(chatbot);
  }

  /**
   * The group's own {@linkplain TenantSettings#clientGrace() client grace}, for its sessions in
   * place of the tenant's; empty: the tenant's.
   */
  public Optional<Duration> clientGrace() {
    return Optional.ofNullable(clientGrace);
  }

  /**
   * How long a client's message may stay without a reply of the serving operator (or a
   * collaborator) before the session goes back to the queue for another operator, keeping its
   * original waiting time, with a note; empty (the default): never. The clock starts at the
   * client's first unanswered message, or at the acceptance when he wrote while he waited. A
   * change of the group applies to clocks started after it; one running when the group stops
   * timing replies stops.
   */
  public Optional<Duration> reassignUnanswered() {
    return Optional.ofNullable(reassignUnanswered);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof GroupSpec o && Objects.equals(id, o.id) && Objects.equals(strategy, o.strategy)
        && Objects.equals(offerTimeout, o.offerTimeout) && autoAccept == o.autoAccept
        && Objects.equals(wrapUpLimit, o.wrapUpLimit) && maxQueueLength == o.maxQueueLength
        && Objects.equals(escalateAfter, o.escalateAfter) && Objects.equals(escalateTo, o.escalateTo)
        && priority == o.priority && Objects.equals(chatbot, o.chatbot) && Objects.equals(clientGrace, o.clientGrace)
        && Objects.equals(reassignUnanswered, o.reassignUnanswered);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, strategy, offerTimeout, autoAccept, wrapUpLimit, maxQueueLength, escalateAfter, escalateTo,
        priority, chatbot, clientGrace, reassignUnanswered);
  }

  @Override
  public String toString() {
    return "GroupSpec{" + id + ", " + strategy + "}";
  }

  /** Returns a builder holding this spec's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.strategy = strategy;
    b.offerTimeout = offerTimeout;
    b.autoAccept = autoAccept;
    b.wrapUpLimit = wrapUpLimit;
    b.maxQueueLength = maxQueueLength;
    b.escalateAfter = escalateAfter;
    b.escalateTo = escalateTo;
    b.priority = priority;
    b.chatbot = chatbot;
    b.clientGrace = clientGrace;
    b.reassignUnanswered = reassignUnanswered;
    return b;
  }

  /** Builds a {@link GroupSpec}; each setter checks its argument at once. */
  public static final class Builder {
    private static final Duration MAX_DURATION = Duration.ofDays(365);

    private final GroupId id;
    private RoutingStrategy strategy = RoutingStrategy.BY_UTILIZATION;
    private Duration offerTimeout = Duration.ofSeconds(30);
    private boolean autoAccept;
    private Duration wrapUpLimit = Duration.ofMinutes(2);
    private int maxQueueLength = Integer.MAX_VALUE;
    private @Nullable Duration escalateAfter;
    private @Nullable GroupId escalateTo;
    private int priority;
    private @Nullable ChatbotId chatbot;
    private @Nullable Duration clientGrace;
    private @Nullable Duration reassignUnanswered;

    private Builder(GroupId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The routing strategy; default {@link RoutingStrategy#BY_UTILIZATION}. */
    public Builder strategy(RoutingStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** How long an operator has to accept; zero for no limit; default 30 s. */
    public Builder offerTimeout(Duration timeout) {
      this.offerTimeout = duration("offer timeout", timeout, true);
      return this;
    }

    /** Accepts offers on the operators' behalf at once; default off. */
    public Builder autoAccept(boolean autoAccept) {
      this.autoAccept = autoAccept;
      return this;
    }

    /** The wrap-up limit; zero ends sessions without wrap-up; default 2 min. */
    public Builder wrapUpLimit(Duration limit) {
      this.wrapUpLimit = duration("wrap-up limit", limit, true);
      return this;
    }

    /** The most waiting clients; default unlimited. */
    public Builder maxQueueLength(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("max queue length must be 0 or more, not " + max);
      }
      this.maxQueueLength = max;
      return this;
    }

    /** Moves clients who waited {@code after} to group {@code to}. */
    public Builder escalateAfter(Duration after, GroupId to) {
      this.escalateAfter = duration("escalation wait", after, false);
      this.escalateTo = Objects.requireNonNull(to, "escalation group");
      return this;
    }

    /** Takes away an escalation set before: sessions stay in this group however long they wait. */
    public Builder noEscalation() {
      this.escalateAfter = null;
      this.escalateTo = null;
      return this;
    }

    /** The group's priority; default 0. */
    public Builder priority(int priority) {
      if (priority < -1_000 || priority > 1_000) {
        throw new IllegalArgumentException("group priority must be within -1000..1000, not " + priority);
      }
      this.priority = priority;
      return this;
    }

    /** Makes the tenant's chatbot the group's first responder; see {@link GroupSpec#chatbot()}. */
    public Builder chatbot(ChatbotId chatbot) {
      this.chatbot = Objects.requireNonNull(chatbot, "chatbot");
      return this;
    }

    /** Takes away a chatbot set before: clients go straight to the queue. */
    public Builder noChatbot() {
      this.chatbot = null;
      return this;
    }

    /** The group's own client grace, 0 to 1 day; see {@link GroupSpec#clientGrace()}. */
    public Builder clientGrace(Duration grace) {
      Objects.requireNonNull(grace, "client grace");
      if (grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("client grace must be 0 up to 1 day, not " + grace);
      }
      this.clientGrace = grace;
      return this;
    }

    /** Takes away the group's own client grace: the tenant's applies. */
    public Builder tenantClientGrace() {
      this.clientGrace = null;
      return this;
    }

    /**
     * Re-routes a session whose client waited {@code after} for a reply; more than 0 up to 1 day.
     * See {@link GroupSpec#reassignUnanswered()}.
     */
    public Builder reassignUnanswered(Duration after) {
      Objects.requireNonNull(after, "unanswered time");
      if (after.isNegative() || after.isZero() || after.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("unanswered time must be more than 0 up to 1 day, not " + after);
      }
      this.reassignUnanswered = after;
      return this;
    }

    /** Never re-routes a session for want of a reply (the default). */
    public Builder noUnansweredReassign() {
      this.reassignUnanswered = null;
      return this;
    }

    /** Builds the spec. */
    public GroupSpec build() {
      if (id.equals(escalateTo)) {
        throw new IllegalStateException("group " + id + " cannot escalate to itself");
      }
      return new GroupSpec(this);
    }

    private static Duration duration(String what, Duration d, boolean zeroAllowed) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || (!zeroAllowed && d.isZero()) || d.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            what + " must be " + (zeroAllowed ? "0" : "more than 0") + " up to 365 days, not " + d);
      }
      return d;
    }
  }
}
