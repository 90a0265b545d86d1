package dev.parley.core;

import dev.parley.storage.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's policies: routing rules and the default group, whether operators may change their
 * own channel switches or block clients, invitation validity, how long ended sessions stay
 * reachable for feedback and reopening, what happens to clients and operators whose connection is
 * gone, and the tags keywords bring.
 *
 * <h2>Presence</h2>
 *
 * The transport tells the engine when a client's or an operator's connections open and close
 * ({@link Command.ClientConnection}, {@link Command.OperatorConnection}); the engine decides what
 * follows, with deadlines like its other timers:
 *
 * <ul>
 *   <li>a client of a {@linkplain Channel#connected() connected channel} whose last connection is
 *       gone for the {@link #clientGrace()} has left: a waiting one is abandoned, a served one
 *       ended ({@code CLIENT_LEFT}); back within the grace, nothing changed;
 *   <li>an operator whose last console is gone is offered nothing from that moment (offers standing
 *       to him go to the next operator at once); after the {@link #operatorGrace()} his status
 *       becomes {@link #goneOperatorStatus()} and, after a further {@link
 *       #sessionsWaitForGoneOperator()}, his active sessions go back to their queues keeping their
 *       original waiting time, with a note saying why; back within the grace, nothing changed.
 * </ul>
 *
 * Clients and operators of whom the engine was never told a connection are never affected.
 *
 * <p>Thread safety: immutable.
 */
public final class TenantSettings {
  /** The settings of a new tenant. */
  public static final TenantSettings DEFAULTS = builder().build();

  private final List<RoutingRule> rules;
  private final @Nullable GroupId defaultGroup;
  private final boolean switchesLocked;
  private final boolean operatorsMayBlock;
  private final Duration invitationValidity;
  private final Duration endedRetention;
  private final @Nullable Duration historyRetention;
  private final Duration clientGrace;
  private final Duration operatorGrace;
  private final OperatorStatus goneOperatorStatus;
  private final Duration sessionsWaitForGoneOperator;
  private final Map<String, String> autoTags;
  private final List<String> awayReasons;
  private final Map<String, String> tags;

  private TenantSettings(Builder b) {
    rules = List.copyOf(b.rules);
    defaultGroup = b.defaultGroup;
    switchesLocked = b.switchesLocked;
    operatorsMayBlock = b.operatorsMayBlock;
    invitationValidity = b.invitationValidity;
    endedRetention = b.endedRetention;
    historyRetention = b.historyRetention;
    clientGrace = b.clientGrace;
    operatorGrace = b.operatorGrace;
    goneOperatorStatus = b.goneOperatorStatus;
    sessionsWaitForGoneOperator = b.sessionsWaitForGoneOperator;
    autoTags = Map.copyOf(b.autoTags);
    awayReasons = List.copyOf(b.awayReasons);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The routing rules, tried in order. */
  public List<RoutingRule> rules() {
    return rules;
  }

  /** Where entries go that name no group and match no rule. */
  public Optional<GroupId> defaultGroup() {
    return Optional.ofNullable(defaultGroup);
  }

  /** Whether only administrators may change operators' channel switches. */
  public boolean switchesLocked() {
    return switchesLocked;
  }

  /** Whether an operator may block the client of his session. */
  public boolean operatorsMayBlock() {
    return operatorsMayBlock;
  }

  /** How long an invitation is valid when its maker gives no validity; default 24 h. */
  public Duration invitationValidity() {
    return invitationValidity;
  }

  /**
   * How long an ended session stays in the engine for feedback and reopening; default 24 h (the
   * messaging networks' customer-care window).
   */
  public Duration endedRetention() {
    return endedRetention;
  }

  /**
   * How long this tenant's closed sessions (with their transcripts), ended invitations and
   * outbox records are kept in storage before the engine's hourly purge removes them; empty (the
   * default) for the engine's own {@linkplain Parley.Builder#historyRetention history retention},
   * or for ever without one.
   */
  public Optional<Duration> historyRetention() {
    return Optional.ofNullable(historyRetention);
  }

  /**
   * How long a client of a {@linkplain Channel#connected() connected channel} may be without a
   * connection before he counts as gone; default 60 s. A group may set its own ({@link
   * GroupSpec#clientGrace()}).
   */
  public Duration clientGrace() {
    return clientGrace;
  }

  /** How long an operator may be without a console before he counts as gone; default 60 s. */
  public Duration operatorGrace() {
    return operatorGrace;
  }

  /**
   * The status a gone operator is given when his grace ends: away with the reason {@value
   * #DISCONNECTED} by default, or {@link OperatorStatus#OFFLINE}. An operator already away keeps
   * his own reason unless this is offline.
   */
  public OperatorStatus goneOperatorStatus() {
    return goneOperatorStatus;
  }

  /**
   * How long a gone operator's active sessions wait for him after his grace before they go back
   * to their queues; default 0: at once.
   */
  public Duration sessionsWaitForGoneOperator() {
    return sessionsWaitForGoneOperator;
  }

  /**
   * Auto-tags: keyword → tag. A message (the client's, an operator's or a bot's) with a word that
   * begins with a keyword — words as the full-text search splits and folds them ({@link Words}:
   * {@code refund} matches {@code Refunds} and {@code REFUNDED}) — gives its session the tag, by
   * the system, once per session: a tag an operator took off is not put back by later messages
   * (after a restart of the engine, a tag the session no longer has may come back once). Keys are
   * the keywords folded; none by default.
   */
  public Map<String, String> autoTags() {
    return autoTags;
  }

  /**
   * The index of the first rule that matches {@code entry}, or -1 when none does: the rule
   * matching the engine applies to a client who arrives naming no group and no invitation.
   */
  public int matchingRule(Entry entry) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).matches(entry)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where {@code entry} would go under these settings, and why: the group it asks for, else the
   * first {@linkplain #matchingRule matching rule}'s, else the default group, else nowhere. An
   * entry with an invitation code goes to the invitation's operator instead, which the settings
   * cannot tell.
   */
  public RoutingDecision decide(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.group().isPresent()) {
      return new RoutingDecision(entry.group().get(), RoutingDecision.Reason.GROUP_ASKED, -1, entry.priority(),
          "the entry asked for group " + entry.group().get());
    }
    int rule = matchingRule(entry);
    if (rule >= 0) {
      RoutingRule r = rules.get(rule);
      return new RoutingDecision(r.group(), RoutingDecision.Reason.RULE, rule, entry.priority() + r.priority(),
          "rule " + (rule + 1) + " " + r + " matched" + (rule == 0 ? "" : "; the " + rule + " before it did not"));
    }
    if (defaultGroup != null) {
      return new RoutingDecision(defaultGroup, RoutingDecision.Reason.DEFAULT_GROUP, -1, entry.priority(),
          (rules.isEmpty() ? "there are no rules" : "none of the " + rules.size() + " rules matched")
              + "; the tenant's default group");
    }
    return new RoutingDecision(null, RoutingDecision.Reason.NO_ROUTE, -1, entry.priority(),
        (rules.isEmpty() ? "there are no rules" : "none of the " + rules.size() + " rules matched")
            + " and the tenant has no default group: the arrival is refused (NO_ROUTE)");
  }

  /**
   * The tenant's own away reasons (lunch, break, training…), in the order a console lists them.
   * When there are any, an operator's status may carry no other reason (but {@value
   * #DISCONNECTED}, the engine's own); when there are none, any reason goes. Default: none.
   */
  public List<String> awayReasons() {
    return awayReasons;
  }

  /** Whether {@code reason} is one an away status may carry under these settings; null (no reason) always is. */
  public boolean allowsAwayReason(@Nullable String reason) {
    return reason == null || awayReasons.isEmpty() || reason.equals(DISCONNECTED) || awayReasons.contains(reason);
  }

  /**
   * The tag catalogue: the tags operators pick from, each with its colour ({@code #rrggbb}), in
   * the order a console lists them. Operators may still set other tags. Default: empty.
   */
  public Map<String, String> tags() {
    return tags;
  }

  /** The away reason the engine gives an operator whose console is gone. */
  public static final String DISCONNECTED = "disconnected";

  /** The most auto-tags a tenant may have. */
  public static final int MAX_AUTO_TAGS = 1_000;

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TenantSettings o && Objects.equals(rules, o.rules)
        && Objects.equals(defaultGroup, o.defaultGroup) && switchesLocked == o.switchesLocked
        && operatorsMayBlock == o.operatorsMayBlock && Objects.equals(invitationValidity, o.invitationValidity)
        && Objects.equals(endedRetention, o.endedRetention) && Objects.equals(historyRetention, o.historyRetention)
        && clientGrace.equals(o.clientGrace)
        && operatorGrace.equals(o.operatorGrace) && goneOperatorStatus.equals(o.goneOperatorStatus)
        && sessionsWaitForGoneOperator.equals(o.sessionsWaitForGoneOperator) && awayReasons.equals(o.awayReasons)
        && tags.equals(o.tags) && List.copyOf(tags.keySet()).equals(List.copyOf(o.tags.keySet())) && autoTags.equals(o.autoTags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rules, defaultGroup, switchesLocked, operatorsMayBlock, invitationValidity, endedRetention,
        historyRetention, clientGrace, operatorGrace, goneOperatorStatus, sessionsWaitForGoneOperator, awayReasons, tags, autoTags);
  }

  @Override
  public String toString() {
    return "TenantSettings{rules=" + rules + ", defaultGroup=" + defaultGroup + ", switchesLocked=" + switchesLocked
        + ", operatorsMayBlock=" + operatorsMayBlock + ", invitationValidity=" + invitationValidity
        + ", endedRetention=" + endedRetention + ", historyRetention=" + historyRetention + ", clientGrace=" + clientGrace + ", operatorGrace=" + operatorGrace
        + ", goneOperatorStatus=" + goneOperatorStatus + ", sessionsWaitForGoneOperator=" + sessionsWaitForGoneOperator
        + ", awayReasons=" + awayReasons + ", tags=" + tags + ", autoTags=" + autoTags + "}";
  }

  /** Returns a builder holding these settings, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.rules = rules;
    b.defaultGroup = defaultGroup;
    b.switchesLocked = switchesLocked;
    b.operatorsMayBlock = operatorsMayBlock;
    b.invitationValidity = invitationValidity;
    b.endedRetention = endedRetention;
    b.historyRetention = historyRetention;
    b.clientGrace = clientGrace;
    b.operatorGrace = operatorGrace;
    b.goneOperatorStatus = goneOperatorStatus;
    b.sessionsWaitForGoneOperator = sessionsWaitForGoneOperator;
    b.autoTags.putAll(autoTags);
    b.awayReasons = awayReasons;
    b.tags = new LinkedHashMap<>(tags);
    return b;
  }

  /** Builds {@link TenantSettings}. */
  public static final class Builder {
    private List<RoutingRule> rules = List.of();
    private @Nullable GroupId defaultGroup;
    private boolean switchesLocked;
    private boolean operatorsMayBlock = true;
    private Duration invitationValidity = Duration.ofHours(24);
    private Duration endedRetention = Duration.ofHours(24);
    private @Nullable Duration historyRetention;
    private Duration clientGrace = Duration.ofSeconds(60);
    private Duration operatorGrace = Duration.ofSeconds(60);
    private OperatorStatus goneOperatorStatus = OperatorStatus.away(DISCONNECTED);
    private Duration sessionsWaitForGoneOperator = Duration.ZERO;
    private final Map<String, String> autoTags = new LinkedHashMap<>();
    private List<String> awayReasons = List.of();
    private Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    /** The routing rules, first match wins. */
    public Builder rules(List<RoutingRule> rules) {
      this.rules = List.copyOf(rules);
      return this;
    }

    /** The group for entries no rule matches. */
    public Builder defaultGroup(GroupId group) {
      this.defaultGroup = Objects.requireNonNull(group, "group");
      return this;
    }

    /** Forbids operators to change their own channel switches. */
    public Builder switchesLocked(boolean locked) {
      this.switchesLocked = locked;
      return this;
    }

    /** Lets operators block the clients of their sessions; default true. */
    public Builder operatorsMayBlock(boolean allowed) {
      this.operatorsMayBlock = allowed;
      return this;
    }

    /** The default validity of invitations; 1 minute to 365 days. */
    public Builder invitationValidity(Duration validity) {
      this.invitationValidity = positive("invitation validity", validity, Duration.ofMinutes(1));
      return this;
    }

    /** How long ended sessions stay reachable; 0 to 365 days. */
    public Builder endedRetention(Duration retention) {
      this.endedRetention = positive("ended retention", retention, Duration.ZERO);
      return this;
    }

    /**
     * How long this tenant's closed history is kept in storage, overriding the engine's {@linkplain
     * Parley.Builder#historyRetention history retention}.
     *
     * @throws IllegalArgumentException unless from one day to 100 years (36,500 days)
     */
    public Builder historyRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(36_500)) > 0) {
        throw new IllegalArgumentException("a history retention must be from one day to 36500 days, not " + retention);
      }
      this.historyRetention = retention;
      return this;
    }

    /** Keeps this tenant's history as the engine's {@linkplain Parley.Builder#historyRetention retention} says (the default). */
    public Builder engineHistoryRetention() {
      this.historyRetention = null;
      return this;
    }

    /** How long a client may be without a connection before he has left; 0 to 1 day, default 60 s. */
    public Builder clientGrace(Duration grace) {
      this.clientGrace = within("client grace", grace, Duration.ZERO, 1);
      return this;
    }

    /** How long an operator may be without a console before he is gone; 0 to 1 day, default 60 s. */
    public Builder operatorGrace(Duration grace) {
      this.operatorGrace = within("operator grace", grace, Duration.ZERO, 1);
      return this;
    }

    /**
     * The status a gone operator gets when his grace ends: away (with a reason) or offline; default
     * away, {@value TenantSettings#DISCONNECTED}.
     */
    public Builder goneOperatorStatus(OperatorStatus status) {
      Objects.requireNonNull(status, "status");
      if (status.presence() == Presence.ONLINE) {
        throw new IllegalArgumentException("a gone operator is away or offline, not " + status);
      }
      this.goneOperatorStatus = status;
      return this;
    }

    /**
     * How long a gone operator's active sessions wait for him after his grace before going back to
     * their queues; 0 (at once, the default) to 1 day.
     */
    public Builder sessionsWaitForGoneOperator(Duration wait) {
      this.sessionsWaitForGoneOperator = within("sessions' wait for a gone operator", wait, Duration.ZERO, 1);
      return this;
    }

    /**
     * Adds an auto-tag: messages with a word beginning with {@code keyword} tag their session with
     * {@code tag} (see {@link TenantSettings#autoTags()}); a keyword given again takes the new tag.
     *
     * @throws IllegalArgumentException if the keyword is not one word as the full-text search splits
     *     text, the tag not a valid tag, or there would be more than {@value #MAX_AUTO_TAGS}
     */
    public Builder autoTag(String keyword, String tag) {
      Objects.requireNonNull(keyword, "keyword");
      List<String> words = Words.of(keyword);
      if (words.size() != 1) {
        throw new IllegalArgumentException("an auto-tag's keyword is one word (letters and digits), not '" + keyword + "'");
      }
      Ids.check("tag", tag);
      if (!autoTags.containsKey(words.get(0)) && autoTags.size() == MAX_AUTO_TAGS) {
        throw new IllegalArgumentException("a tenant has at most " + MAX_AUTO_TAGS + " auto-tags");
      }
      autoTags.put(words.get(0), tag);
      return this;
    }

    /** Replaces the auto-tags with {@code keywordToTag}, each checked as {@link #autoTag} does. */
    public Builder autoTags(Map<String, String> keywordToTag) {
      Objects.requireNonNull(keywordToTag, "keywordToTag");
      autoTags.clear();
      keywordToTag.forEach(this::autoTag);
      return this;
    }

    /**
     * The tenant's own away reasons, in order; each a non-blank text of at most 100 characters,
     * none twice. Empty (the default): any reason goes.
     */
    public Builder awayReasons(List<String> reasons) {
      List<String> checked = new ArrayList<>();
      for (String r : Objects.requireNonNull(reasons, "reasons")) {
        Ids.check("away reason", r);
        if (checked.contains(r)) {
          throw new IllegalArgumentException("away reason " + r + " is listed twice");
        }
        checked.add(r);
      }
      this.awayReasons = List.copyOf(checked);
      return this;
    }

    /**
     * Adds a tag to the catalogue with its colour, {@code #} and six hexadecimal digits ({@code
     * #1e88e5}); adding a tag that is there changes its colour and keeps its place.
     */
    public Builder tag(String tag, String colour) {
      Ids.check("tag", tag);
      Objects.requireNonNull(colour, "colour");
      if (!colour.matches("#[0-9a-fA-F]{6}")) {
        throw new IllegalArgumentException("tag " + tag + "'s colour is # and six hexadecimal digits (#1e88e5), not " + colour);
      }
      tags.put(tag, colour.toLowerCase(Locale.ROOT));
      return this;
    }

    /** Empties the tag catalogue, to fill it again with {@link #tag}. */
    public Builder noTags() {
      tags.clear();
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException if the gone operator's status carries a reason the away
     *     reasons do not list
     */
    public TenantSettings build() {
      String gone = goneOperatorStatus.reason();
      if (gone != null && !awayReasons.isEmpty() && !gone.equals(DISCONNECTED) && !awayReasons.contains(gone)) {
        throw new IllegalArgumentException("the gone operators' away reason " + gone + " is not among the away reasons "
            + awayReasons + ": list it, or leave the engine's own " + DISCONNECTED);
      }
      return new TenantSettings(this);
    }

    private static Duration positive(String what, Duration d, Duration min) {
      return within(what, d, min, 365);
    }

    /** {@code d}, if it is from {@code min} to {@code maxDays} days. */
    private static Duration within(String what, Duration d, Duration min, int maxDays) {
      Objects.requireNonNull(d, what);
      if (d.compareTo(min) < 0 || d.compareTo(Duration.ofDays(maxDays)) > 0) {
        throw new IllegalArgumentException(
            what + " must be " + min + " to " + maxDays + (maxDays == 1 ? " day" : " days") + ", not " + d);
      }
      return d;
    }
  }
}
